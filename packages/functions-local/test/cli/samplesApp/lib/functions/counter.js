/* eslint-disable @typescript-eslint/no-require-imports, no-undef -- a built CommonJS app, as the samples compile to */
const df = require('durable-functions');

df.app.entity('counter', (context) => {
  const current = context.df.getState(() => 0);
  switch (context.df.operationName) {
    case 'add':
      context.df.setState(current + context.df.getInput());
      break;
    case 'reset':
      context.df.setState(0);
      break;
    case 'get':
      context.df.return(current);
      break;
  }
});

df.app.orchestration('counterOrchestration', function* (context) {
  const entityId = new df.EntityId('counter', 'myCounter');
  context.df.signalEntity(entityId, 'add', 1);
  yield context.df.createTimer(new Date(context.df.currentUtcDateTime.getTime() + 100));
  return yield context.df.callEntity(entityId, 'get');
});

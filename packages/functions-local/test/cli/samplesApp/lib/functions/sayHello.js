/* eslint-disable @typescript-eslint/no-require-imports, no-undef -- a built CommonJS app, as the samples compile to */
const df = require('durable-functions');

df.app.activity('sayHello', { handler: (city) => `Hello, ${city}!` });

df.app.orchestration('helloSequence', function* (context) {
  const outputs = [];
  outputs.push(yield context.df.callActivity('sayHello', 'Tokyo'));
  outputs.push(yield context.df.callActivity('sayHello', 'Seattle'));
  outputs.push(yield context.df.callActivity('sayHello', 'Cairo'));
  return outputs;
});

/* eslint-disable @typescript-eslint/no-require-imports, no-undef -- a built CommonJS app, as the samples compile to */
const df = require('durable-functions');

df.app.entity('transferAccount', (context) => {
  let balance = context.df.getState(() => 0);
  if (context.df.operationName === 'add') balance += context.df.getInput();
  if (context.df.operationName === 'get') context.df.return(balance);
  context.df.setState(balance);
});

df.app.orchestration('transferEntities', function* (context) {
  const { fromKey, toKey, amount } = context.df.getInput();
  const src = new df.EntityId('transferAccount', fromKey);
  const dst = new df.EntityId('transferAccount', toKey);
  const lock = yield context.df.lock(src, dst);
  try {
    const balance = yield context.df.callEntity(src, 'get');
    if (balance >= amount) {
      yield context.df.callEntity(src, 'add', -amount);
      yield context.df.callEntity(dst, 'add', amount);
      return { transferred: true, locks: lock.ownedLocks.length };
    }
    return { transferred: false, reason: 'insufficient funds' };
  } finally {
    lock.release();
  }
});

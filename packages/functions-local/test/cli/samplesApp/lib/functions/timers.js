/* eslint-disable @typescript-eslint/no-require-imports, no-undef -- a built CommonJS app, as the samples compile to */
const df = require('durable-functions');

df.app.orchestration('cancelTimer', function* (context) {
  const deadline = new Date(context.df.currentUtcDateTime.getTime() + 60 * 60 * 1000);
  const timeout = context.df.createTimer(deadline);
  const approval = context.df.waitForExternalEvent('Approval');
  const winner = yield context.df.Task.any([approval, timeout]);
  if (winner === approval) {
    timeout.cancel();
    return { approved: approval.result };
  }
  return { approved: false };
});

df.app.orchestration('continueAsNewCounter', function* (context) {
  const count = context.df.getInput() ?? 0;
  yield context.df.createTimer(new Date(context.df.currentUtcDateTime.getTime() + 50));
  if (count < 3) {
    context.df.continueAsNew(count + 1);
    return undefined;
  }
  return count;
});

/* eslint-disable @typescript-eslint/no-require-imports, no-undef -- a built CommonJS app, as the samples compile to */
const df = require('durable-functions');

// Fails the first two attempts of each input, as a flaky dependency would.
const attempts = new Map();

df.app.activity('flakyHello', {
  handler: (name) => {
    const seen = (attempts.get(name) ?? 0) + 1;
    attempts.set(name, seen);
    if (seen < 3) throw new Error(`attempt ${seen} failed`);
    return `Hello, ${name}! (attempt ${seen})`;
  },
});

df.app.orchestration('callActivityWithRetry', function* (context) {
  const retry = new df.RetryOptions(100, 3);
  return yield context.df.callActivityWithRetry('flakyHello', retry, context.df.getInput() ?? 'retry');
});

df.app.orchestration('flakySubOrchestration', function* (context) {
  return yield context.df.callActivity('flakyHello', context.df.getInput());
});

df.app.orchestration('callSubOrchestratorWithRetry', function* (context) {
  const retry = new df.RetryOptions(100, 4);
  const child = `${context.df.instanceId}:0`;
  return yield context.df.callSubOrchestratorWithRetry('flakySubOrchestration', retry, 'sub', child);
});

import { describe, expect, it } from 'vitest';
import { createLocalRuntime } from '../../src/runtime';

describe('local runtime start-up errors', () => {
  it('names every function whose trigger or input no part serves, and stays unstarted', async () => {
    const runtime = createLocalRuntime({
      app: () => import('./apps/unservedApp'),
      port: 0,
      hermetic: true,
      embedded: false,
      log: () => undefined,
    });
    const failure = await runtime.start().then(
      () => undefined,
      (error: unknown) => (error instanceof Error ? error.message : String(error)),
    );
    expect(failure).toContain(
      'Function "legacyQueue": no part of the local runtime serves trigger type "queueTrigger"',
    );
    expect(failure).toContain('Function "needsDurableClient": input binding');
    expect(failure).toContain('"durableClient" is not served');
    expect(failure).toContain('Function "readsTable": input binding');
    expect(() => runtime.url).toThrow('not started');
  });
});

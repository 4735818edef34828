import { describe, expect, it } from 'vitest';
import { createLocalRuntime } from '../../src/runtime';

describe('functions in error', () => {
  it('leaves out only the functions whose bindings no part serves, naming each with why, and runs the rest', async () => {
    const runtime = createLocalRuntime({
      app: () => import('./apps/unservedApp'),
      port: 0,
      hermetic: true,
      embedded: false,
      log: () => undefined,
    });
    await runtime.start();
    try {
      const inError = Object.fromEntries(runtime.inError.map((fn) => [fn.name, fn.reasons.join('; ')]));
      expect(Object.keys(inError).sort()).toEqual([
        'legacyQueue',
        'needsDurableClient',
        'readsTable',
        'textsCustomer',
      ]);
      expect(inError['legacyQueue']).toContain('"queueTrigger" is not registered');
      expect(inError['needsDurableClient']).toContain('"durableClient" (input "');
      expect(inError['readsTable']).toContain('"table" (input "');
      expect(inError['textsCustomer']).toContain('"twilioSms" (output "message")');
      expect(runtime.functions.map((fn) => fn.name)).toEqual(['stillServed']);
      expect(runtime.banner().join('\n')).toContain('textsCustomer: the binding type "twilioSms"');

      const served = await fetch(`${runtime.url}/api/fine`);
      expect(await served.text()).toBe('fine');
      expect((await fetch(`${runtime.url}/api/text`)).status).toBe(404);
      await expect(runtime.invoke('textsCustomer', { trigger: {} })).rejects.toThrow('No function named');
    } finally {
      await runtime.stop();
    }
  });
});

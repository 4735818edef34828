import { describe, expect, it } from 'vitest';
import { fromTypedData, loadFunctionApp, toTypedData } from '../../src/host';

describe('function app host', () => {
  it('captures every registration made through @azure/functions and durable-functions', async () => {
    const host = await loadFunctionApp(() => import('./fixtureApp'));
    const summary = host.functions.map((f) => [f.name, f.trigger.type]);
    expect(summary).toEqual([
      ['greet', 'httpTrigger'],
      ['relay', 'serviceBusTrigger'],
      ['sayTwice', 'orchestrationTrigger'],
      ['echo', 'activityTrigger'],
    ]);
    expect(host.get('relay')?.trigger['queueName']).toBe('test-in');
    expect(Object.values(host.get('relay')?.outputs ?? {}).map((b) => b.type)).toEqual(['serviceBus']);
  });

  it('invokes an HTTP function through the library programming model', async () => {
    const host = await loadFunctionApp(() => import('./fixtureApp'));
    const outcome = await host.invoke('greet', {
      trigger: {
        http: {
          method: 'GET',
          url: 'http://127.0.0.1/api/greet/ada?q=1',
          headers: {},
          params: { name: 'ada' },
        },
      },
    });
    const http = outcome.returnValue?.http;
    expect(http?.statusCode).toBe('200');
    expect(JSON.parse(Buffer.from(http?.body?.bytes ?? []).toString())).toEqual({ hello: 'ada', q: '1' });
  });

  it('passes trigger metadata and collects output bindings', async () => {
    const host = await loadFunctionApp(() => import('./fixtureApp'));
    const outcome = await host.invoke('relay', {
      trigger: toTypedData({ a: 1 }),
      triggerMetadata: { MessageId: toTypedData('m-1') },
    });
    const [output] = Object.values(outcome.outputs);
    expect(fromTypedData(output)).toEqual({ relayed: { a: 1 }, messageId: 'm-1' });
  });

  it('runs preInvocation and appStart hooks', async () => {
    const host = await loadFunctionApp(() => import('./fixtureApp'));
    const { hookCalls } = await import('./fixtureApp');
    await host.runAppStartHooks(process.cwd());
    await host.invoke('echo', { trigger: toTypedData('x') });
    expect(hookCalls).toContain('start');
    expect(hookCalls).toContain('pre:echo');
  });

  it('hands activity results back as the return value', async () => {
    const host = await loadFunctionApp(() => import('./fixtureApp'));
    const outcome = await host.invoke('echo', { trigger: toTypedData('quiet') });
    expect(fromTypedData(outcome.returnValue)).toBe('QUIET');
  });
});

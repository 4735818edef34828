import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestRuntime, type TestRuntime } from '../support/runtime';

describe('local runtime HTTP triggers', () => {
  let rt: TestRuntime;

  beforeAll(async () => {
    rt = await startTestRuntime({ app: () => import('./apps/httpTimerApp'), embedded: false });
  });
  afterAll(async () => {
    await rt?.stop();
  });

  it('routes by template, preferring a constrained parameter over a plain one', async () => {
    const byId = await rt.fetch('/api/items/42');
    expect(byId.status).toBe(200);
    expect(await byId.json()).toEqual({ by: 'id', id: '42' });
    const bySlug = await rt.fetch('/api/items/blue-widget');
    expect(await bySlug.json()).toEqual({ by: 'slug', slug: 'blue-widget' });
  });

  it('fills optional parameters when present and leaves them out when not', async () => {
    expect(await (await rt.fetch('/api/things/tools?tag=a&tag=b')).json()).toEqual({
      category: 'tools',
      tags: ['a', 'b'],
    });
    expect(await (await rt.fetch('/api/things')).json()).toEqual({ category: null, tags: [] });
  });

  it('answers 404 for unknown routes and paths outside the route prefix', async () => {
    expect((await rt.fetch('/api/nope')).status).toBe(404);
    expect((await rt.fetch('/items/42')).status).toBe(404);
  });

  it('answers 405 with Allow for a known route and a wrong method', async () => {
    const response = await rt.fetch('/api/orders', { method: 'GET' });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('POST');
  });

  it('requires the function key for function-level routes', async () => {
    expect((await rt.fetch('/api/secret')).status).toBe(401);
    expect((await rt.fetch('/api/secret', { headers: { 'x-functions-key': 'wrong' } })).status).toBe(401);
    const withHeader = await rt.fetch('/api/secret', {
      headers: { 'x-functions-key': rt.runtime.keys.function },
    });
    expect(withHeader.status).toBe(200);
    expect(await withHeader.json()).toEqual({ secret: true });
    const withCode = await rt.fetch(`/api/secret?code=${encodeURIComponent(rt.runtime.keys.function)}`);
    expect(withCode.status).toBe(200);
    expect(
      (await rt.fetch('/api/secret', { headers: { 'x-functions-key': rt.runtime.keys.master } })).status,
    ).toBe(200);
  });

  it('opens admin-level routes with the master key only', async () => {
    const key = (k: string) => ({ headers: { 'x-functions-key': k } });
    expect((await rt.fetch('/api/admin-only', key(rt.runtime.keys.function))).status).toBe(401);
    expect((await rt.fetch('/api/admin-only', key(rt.runtime.keys.master))).status).toBe(200);
  });

  it('hands the body and headers to the function and writes status, headers and cookies back', async () => {
    const response = await rt.fetch('/api/orders', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ sku: 'A-1', quantity: 2 }),
    });
    expect(response.status).toBe(201);
    expect(response.headers.get('location')).toBe('/api/orders/1');
    expect(response.headers.get('x-seen-content-type')).toBe('application/json');
    expect(response.headers.get('set-cookie')).toBe('order=1; Path=/; HttpOnly');
    expect(await response.json()).toEqual({ received: { sku: 'A-1', quantity: 2 } });
  });

  it('lets the function answer 400 to a malformed JSON body', async () => {
    const response = await rt.fetch('/api/orders', { method: 'POST', body: '{"sku": ' });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({ error: 'body must be JSON' });
  });

  it('answers 500 when the function throws, and 204 when it returns nothing', async () => {
    expect((await rt.fetch('/api/explode')).status).toBe(500);
    expect((await rt.fetch('/api/nothing', { method: 'DELETE' })).status).toBe(204);
  });

  it('lists every function with its URL or trigger', () => {
    const byName = Object.fromEntries(rt.runtime.functions.map((f) => [f.name, f.target]));
    expect(byName['itemById']).toBe(`${rt.url}/api/items/{id:int}`);
    expect(byName['everyFiveMinutes']).toBe('schedule 0 */5 * * * *');
    expect(rt.runtime.banner().join('\n')).toContain(rt.runtime.keys.master);
  });
});

describe('local runtime shutdown', () => {
  it('lets an in-flight HTTP invocation finish before stop resolves', async () => {
    const app = () => import('./apps/httpTimerApp');
    const rt = await startTestRuntime({ app, embedded: false });
    const { release, slowStarted } = await app();
    const pending = rt.fetch('/api/slow');
    while (slowStarted.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    let stopped = false;
    const stopping = rt.stop().then(() => (stopped = true));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(stopped).toBe(false);
    release();
    const response = await pending;
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ finished: true });
    await stopping;
    expect(stopped).toBe(true);
  });
});

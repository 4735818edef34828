import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/clock';
import { EventType } from '../../src/durable';
import { startHarness, type Harness } from './harness';

let h: Harness;
beforeEach(async () => {
  h = await startHarness({}, new ManualClock(), () => import('./entitiesApp'));
});
afterEach(async () => {
  await h.dispose();
});

async function run(name: string, instanceId: string, input?: unknown): Promise<void> {
  const started = await h.engine.startNew(name, {
    instanceId,
    ...(input === undefined ? {} : { input: JSON.stringify(input) }),
  });
  expect(started).toEqual({ ok: true, value: instanceId });
  await h.settle();
}

const statusOf = async (instanceId: string): Promise<{ runtimeStatus: string; output: unknown }> => {
  const status = await h.engine.getStatus(instanceId);
  if (!status) throw new Error(`no instance ${instanceId}`);
  return status;
};

const stateOf = async (name: string, key: string): Promise<unknown> => {
  const record = await h.engine.readEntity({ name, key });
  return record?.state === undefined ? undefined : JSON.parse(record.state);
};

describe('Durable entities (real durable-functions entity and orchestration code)', () => {
  it('runs the samples’ counter: the orchestration calls the entity and sees its answers', async () => {
    await run('counterOrchestration', 'count-1');
    expect(await statusOf('count-1')).toMatchObject({ runtimeStatus: 'Completed', output: 1 });
    await run('counterOrchestration', 'count-2');
    expect(await statusOf('count-2')).toMatchObject({ runtimeStatus: 'Completed', output: 2 });
    expect(await stateOf('counterEntity', 'myCounter')).toBe(2);
    const history = await h.engine.history('count-1');
    const sent = history.filter((e) => e.EventType === EventType.EventSent);
    expect(sent.map((e) => [e.InstanceId, e.Name])).toEqual([
      ['@counterentity@myCounter', 'op'],
      ['@counterentity@myCounter', 'op'],
      ['@counterentity@myCounter', 'op'],
    ]);
  });

  it('signals from the client and reads state through df.getClient, 404-shaped before it exists', async () => {
    expect((await h.client({ op: 'read', name: 'counterEntity', key: 'c1' })).body).toEqual({
      exists: false,
      state: null,
    });
    await h.client({ op: 'signal', name: 'counterEntity', key: 'c1', operation: 'add', input: 4 });
    await h.client({ op: 'signal', name: 'counterEntity', key: 'c1', operation: 'add', input: 3 });
    await h.settle();
    expect((await h.client({ op: 'read', name: 'counterEntity', key: 'c1' })).body).toEqual({
      exists: true,
      state: 7,
    });
    // A signal to an entity the app does not have is refused, as the extension does.
    expect((await h.client({ op: 'signal', name: 'ghost', key: 'x', operation: 'add' })).status).toBe(500);
  });

  it('serves entity state and signals on the HTTP API, behind the system key on the webhook path', async () => {
    const webhook = `${h.engine.origin}/runtime/webhooks/durabletask/entities/counterEntity/web`;
    const key = `code=${h.engine.systemKey ?? ''}`;
    expect((await fetch(`${webhook}?${key}`)).status).toBe(404);
    expect((await fetch(`${webhook}?op=add`, { method: 'POST', body: '5' })).status).toBe(401);
    const signal = await fetch(`${webhook}?op=add&${key}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '5',
    });
    expect(signal.status).toBe(202);
    await h.settle();
    const read = await fetch(`${webhook}?${key}`);
    expect(read.status).toBe(200);
    expect(await read.json()).toBe(5);
    const bad = await fetch(`${webhook}?op=add&${key}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{oops',
    });
    expect(bad.status).toBe(400);
    const list = await fetch(
      `${h.engine.origin}/runtime/webhooks/durabletask/entities/counterEntity?fetchState=true&${key}`,
    );
    expect(await list.json()).toEqual([
      { entityId: { name: 'counterentity', key: 'web' }, lastOperationTime: expect.any(String), state: 5 },
    ]);
  });

  it('fails a call whose operation throws, in the caller, and keeps the state', async () => {
    await h.engine.signalEntity({ name: 'account', key: 'poor' }, 'deposit', '10');
    await run('overdraw', 'over-1');
    expect(await statusOf('over-1')).toMatchObject({ runtimeStatus: 'Completed', output: { refused: true } });
    expect(await stateOf('account', 'poor')).toBe(10);
  });

  it('delivers signals sent just before an orchestration moves on, and entity-to-entity signals', async () => {
    await run('signaller', 'sig-1');
    await h.clock.advance(1000);
    expect(await statusOf('sig-1')).toMatchObject({ runtimeStatus: 'Completed', output: 'sent' });
    expect(await stateOf('counterEntity', 'signalled')).toBe(7);
  });

  it('fails an orchestration that calls an entity the app does not have', async () => {
    await run('callsMissingEntity', 'missing-1');
    const record = await h.engine.getInstance('missing-1');
    expect(record?.status).toBe('Failed');
    expect(record?.failureDetails?.ErrorMessage).toMatch(/'nosuchentity' doesn't exist/);
  });

  it('deletes an entity whose operation destructs it', async () => {
    await h.engine.signalEntity({ name: 'account', key: 'gone' }, 'deposit', '1');
    await h.settle();
    expect(await stateOf('account', 'gone')).toBe(1);
    await h.engine.signalEntity({ name: 'account', key: 'gone' }, 'delete', undefined);
    await h.settle();
    expect(await h.engine.readEntity({ name: 'account', key: 'gone' })).toBeUndefined();
  });
});

describe('Durable entity critical sections (context.df.lock)', () => {
  it('moves money under locks; concurrent transfers and signals never lose or create money', async () => {
    await h.engine.signalEntity({ name: 'account', key: 'a' }, 'deposit', '100');
    await h.engine.signalEntity({ name: 'account', key: 'b' }, 'deposit', '100');
    await h.settle();
    await Promise.all([
      h.engine.startNew('transfer', {
        instanceId: 't1',
        input: JSON.stringify({ from: 'a', to: 'b', amount: 70 }),
      }),
      h.engine.startNew('transfer', {
        instanceId: 't2',
        input: JSON.stringify({ from: 'a', to: 'b', amount: 70 }),
      }),
      h.engine.startNew('transfer', {
        instanceId: 't3',
        input: JSON.stringify({ from: 'b', to: 'a', amount: 30 }),
      }),
      h.engine.signalEntity({ name: 'account', key: 'a' }, 'deposit', '1'),
    ]);
    await h.settle();
    const outputs = await Promise.all(['t1', 't2', 't3'].map(async (id) => (await statusOf(id)).output));
    for (const output of outputs) expect(output).toMatchObject({ locked: true });
    const moved = outputs.filter((o) => (o as { moved: boolean }).moved).length;
    expect(moved).toBeGreaterThanOrEqual(2);
    const a = (await stateOf('account', 'a')) as number;
    const b = (await stateOf('account', 'b')) as number;
    expect(a + b).toBe(201);
    expect(a).toBeGreaterThanOrEqual(0);
    expect(b).toBeGreaterThanOrEqual(0);
    for (const key of ['a', 'b'])
      expect((await h.engine.readEntity({ name: 'account', key }))?.lockedBy).toBeUndefined();
  });

  it('holds other callers back while locked, and releases when the holder is terminated', async () => {
    await h.engine.signalEntity({ name: 'account', key: 'held' }, 'deposit', '5');
    await run('holder', 'hold-1', 'held');
    expect((await h.engine.readEntity({ name: 'account', key: 'held' }))?.lockedBy?.instanceId).toBe(
      'hold-1',
    );
    await h.engine.signalEntity({ name: 'account', key: 'held' }, 'deposit', '1');
    await h.settle();
    // The signal waits behind the lock.
    expect(await stateOf('account', 'held')).toBe(5);
    await h.engine.terminate('hold-1', 'stuck');
    await h.settle();
    expect(await stateOf('account', 'held')).toBe(6);
    expect((await h.engine.readEntity({ name: 'account', key: 'held' }))?.lockedBy).toBeUndefined();
  });
});

describe('callHttp', () => {
  let server: Server;
  let base = '';
  const seen: { method: string; url: string; headers: Record<string, unknown>; body: string }[] = [];
  let pending = 0;
  beforeEach(async () => {
    seen.length = 0;
    pending = 2;
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        seen.push({
          method: req.method ?? '',
          url: req.url ?? '',
          headers: req.headers,
          body: Buffer.concat(chunks).toString(),
        });
        if (req.url === '/start' || (req.url === '/status/1' && pending-- > 0)) {
          res.writeHead(202, { Location: `${base}/status/1`, 'Retry-After': '5' });
          res.end();
          return;
        }
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ done: true }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterEach(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('polls a 202’s Location after Retry-After, as the extension does, until the final answer', async () => {
    await run('httpCaller', 'http-1', { url: `${base}/start` });
    expect(await statusOf('http-1')).toMatchObject({ runtimeStatus: 'Running' });
    await h.clock.advance(5_000);
    await h.settle();
    await h.clock.advance(5_000);
    await h.settle();
    await h.clock.advance(5_000);
    await h.settle();
    expect(await statusOf('http-1')).toMatchObject({
      runtimeStatus: 'Completed',
      output: { statusCode: 200, content: '{"done":true}' },
    });
    expect(seen.map((r) => `${r.method} ${r.url}`)).toEqual([
      'POST /start',
      'GET /status/1',
      'GET /status/1',
      'GET /status/1',
    ]);
    expect(seen[0]?.body).toBe('{"order":7}');
    // Polls keep the caller's headers but not its function key (CreateLocationPollRequest).
    expect(seen[1]?.headers['x-trace']).toBe('abc');
    expect(seen[1]?.headers['x-functions-key']).toBeUndefined();
    expect(seen[0]?.headers['x-functions-key']).toBe('function-key');
    const history = await h.engine.history('http-1');
    expect(history.filter((e) => e.EventType === EventType.TimerCreated)).toHaveLength(3);
  });

  it('returns the 202 itself when polling is disabled', async () => {
    await run('httpCaller', 'http-2', { url: `${base}/start`, polling: false });
    expect(await statusOf('http-2')).toMatchObject({
      runtimeStatus: 'Completed',
      output: { statusCode: 202 },
    });
    expect(seen).toHaveLength(1);
  });
});

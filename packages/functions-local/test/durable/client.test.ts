import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { harnessMasterKey, startHarness, type Harness } from './harness';

let h: Harness;
beforeEach(async () => {
  h = await startHarness({ taskHubName: 'FieldlineHub' });
});
afterEach(async () => {
  await h.dispose();
});

/** Runs one client operation inside the app's HTTP function, then lets the engine work. */
async function op(
  body: Record<string, unknown>,
): Promise<{ status: number; headers: Record<string, string>; body: unknown }> {
  const reply = await h.client(body);
  await h.settle();
  return reply;
}

describe('df.getClient against the engine’s Durable HTTP API', () => {
  it('starts with a chosen id, reads status with input, custom status and history, raises an event', async () => {
    const started = await op({ op: 'start', name: 'waiter', id: 'job-1', input: { ticket: 7 } });
    expect(started.body).toEqual({ id: 'job-1' });

    const running = await op({ op: 'status', id: 'job-1' });
    expect(running.body).toMatchObject({
      name: 'waiter',
      instanceId: 'job-1',
      runtimeStatus: 'Running',
      input: { ticket: 7 },
      customStatus: { stage: 'waiting' },
      output: null,
    });

    await op({ op: 'raise', id: 'job-1', event: 'Done', input: { answer: 42 } });
    const done = await op({ op: 'status', id: 'job-1', showHistory: true });
    expect(done.body).toMatchObject({
      runtimeStatus: 'Completed',
      customStatus: { stage: 'done' },
      output: { answer: 42 },
    });
    const history = (done.body as { history: { EventType: string }[] }).history;
    expect(history.map((e) => e.EventType)).toEqual([
      'ExecutionStarted',
      'EventRaised',
      'ExecutionCompleted',
    ]);
  });

  it('starts with a generated id and refuses a second start of a running id', async () => {
    const started = await op({ op: 'start', name: 'chain' });
    const id = (started.body as { id: string }).id;
    expect(id).toMatch(/^[0-9a-f]{32}$/);
    expect((await op({ op: 'status', id })).body).toMatchObject({ runtimeStatus: 'Completed' });

    await op({ op: 'start', name: 'waiter', id: 'busy' });
    const again = await h.client({ op: 'start', name: 'waiter', id: 'busy' });
    expect(again.status).toBe(500);
    expect(again.body).toEqual({
      error: expect.stringMatching(/500.*An Orchestration instance with the ID busy already exists/),
    });
  });

  it('terminates, suspends and resumes through the client', async () => {
    await op({ op: 'start', name: 'waiter', id: 'pause-1' });
    await op({ op: 'suspend', id: 'pause-1', reason: 'maintenance' });
    expect((await op({ op: 'status', id: 'pause-1' })).body).toMatchObject({ runtimeStatus: 'Suspended' });
    // An event raised while suspended waits for the resume.
    await op({ op: 'raise', id: 'pause-1', event: 'Done', input: 'late' });
    expect((await op({ op: 'status', id: 'pause-1' })).body).toMatchObject({ runtimeStatus: 'Suspended' });
    await op({ op: 'resume', id: 'pause-1', reason: 'back' });
    expect((await op({ op: 'status', id: 'pause-1' })).body).toMatchObject({
      runtimeStatus: 'Completed',
      output: 'late',
    });

    await op({ op: 'start', name: 'waiter', id: 'stop-1' });
    await op({ op: 'terminate', id: 'stop-1', reason: 'customer cancelled' });
    expect((await op({ op: 'status', id: 'stop-1' })).body).toMatchObject({
      runtimeStatus: 'Terminated',
      output: 'customer cancelled',
    });
  });

  it('queries by runtime status and creation time, and purges finished instances', async () => {
    await op({ op: 'start', name: 'chain', id: 'early' });
    await h.clock.advance(60_000);
    const midpoint = new Date(h.clock.now()).toISOString();
    await op({ op: 'start', name: 'waiter', id: 'late-running' });
    await op({ op: 'start', name: 'chain', id: 'late-done' });

    const running = (await op({ op: 'query', statuses: ['Running'] })).body as { instanceId: string }[];
    expect(running.map((s) => s.instanceId)).toEqual(['late-running']);
    const recent = (await op({ op: 'query', from: midpoint })).body as { instanceId: string }[];
    expect(recent.map((s) => s.instanceId).sort()).toEqual(['late-done', 'late-running']);
    const completed = (await op({ op: 'query', statuses: ['Completed'] })).body as { instanceId: string }[];
    expect(completed.map((s) => s.instanceId).sort()).toEqual(['early', 'late-done']);

    expect((await op({ op: 'purge', id: 'early' })).body).toEqual({ instancesDeleted: 1 });
    expect(await h.engine.getInstance('early')).toBeUndefined();
    expect((await op({ op: 'purge', id: 'early' })).body).toEqual({ instancesDeleted: 0 });
    // A running instance is not purged.
    expect((await h.client({ op: 'purge', id: 'late-running' })).status).toBe(500);
    expect(await h.engine.getInstance('late-running')).toBeDefined();
  });

  it('raising an event on a finished instance is accepted by the client and dropped', async () => {
    await op({ op: 'start', name: 'chain', id: 'finished' });
    const before = await h.engine.history('finished');
    expect((await op({ op: 'raise', id: 'finished', event: 'Late', input: 1 })).body).toEqual({
      raised: true,
    });
    expect(await h.engine.history('finished')).toEqual(before);
    expect((await h.client({ op: 'raise', id: 'nobody', event: 'Late', input: 1 })).status).toBe(500);
  });

  it('creates the check-status response whose URLs work against the engine', async () => {
    await op({ op: 'start', name: 'waiter', id: 'check-1' });
    const reply = await op({ op: 'checkStatus', id: 'check-1' });
    expect(reply.status).toBe(202);
    const payload = reply.body as Record<string, string>;
    expect(payload['id']).toBe('check-1');
    const statusUri = payload['statusQueryGetUri'] ?? '';
    // The URLs point at the request's origin (the app's), with the task hub and system key in the query.
    expect(statusUri).toBe(
      'http://127.0.0.1:7071/runtime/webhooks/durabletask/instances/check-1?taskHub=FieldlineHub&connection=Storage' +
        `&code=${h.engine.systemKey ?? ''}`,
    );
    expect(reply.headers['location']).toBe(statusUri);
    expect(payload['sendEventPostUri']).toContain(
      '/instances/check-1/raiseEvent/{eventName}?taskHub=FieldlineHub',
    );

    // The runtime forwards the webhook path to the engine; here it is called on the engine directly.
    const onEngine = (uri: string): string => uri.replace('http://127.0.0.1:7071', h.engine.origin);
    const pending = await fetch(onEngine(statusUri));
    expect(pending.status).toBe(202);
    expect(pending.headers.get('location')).toBe(onEngine(statusUri));
    expect(await pending.json()).toMatchObject({ instanceId: 'check-1', runtimeStatus: 'Running' });

    const raise = await fetch(onEngine(payload['sendEventPostUri'] ?? '').replace('{eventName}', 'Done'), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify('via webhook'),
    });
    expect(raise.status).toBe(202);
    await h.settle();
    const finished = await fetch(onEngine(statusUri));
    expect(finished.status).toBe(200);
    expect(await finished.json()).toMatchObject({ runtimeStatus: 'Completed', output: 'via webhook' });
  });

  it('refuses the webhooks without the system key or the master key, as the host does', async () => {
    await op({ op: 'start', name: 'waiter', id: 'guarded' });
    const webhook = `${h.engine.origin}/runtime/webhooks/durabletask/instances/guarded`;
    expect((await fetch(webhook)).status).toBe(401);
    expect((await fetch(`${webhook}?code=wrong`)).status).toBe(401);
    const terminate = await fetch(`${webhook}/terminate?reason=anonymous`, { method: 'POST' });
    expect(terminate.status).toBe(401);
    expect((await h.engine.getInstance('guarded'))?.status).toBe('Running');
    const withKey = await fetch(webhook, { headers: { 'x-functions-key': h.engine.systemKey ?? '' } });
    expect(withKey.status).toBe(202);
    expect((await fetch(`${webhook}?code=${harnessMasterKey}`)).status).toBe(202);
    // The loopback RPC endpoint the client library calls takes no key, as the extension's does.
    expect((await fetch(`${h.engine.rpcBaseUrl}instances/guarded`)).status).toBe(202);
  });

  it('answers unknown routes and bad input the way the host does', async () => {
    const base = h.engine.rpcBaseUrl;
    expect((await fetch(`${base}instances/nobody`)).status).toBe(404);
    expect((await fetch(`${base}orchestrators/nope`, { method: 'POST' })).status).toBe(400);
    expect((await fetch(`${base}orchestrators/chain`, { method: 'POST', body: '{not json' })).status).toBe(
      400,
    );
    expect((await fetch(`${base}instances/`, { method: 'DELETE' })).status).toBe(400);
    // An entity that never existed reads as 404, as HandleGetEntityRequestAsync answers.
    expect((await fetch(`${base}entities/counter/1`)).status).toBe(404);
  });
});

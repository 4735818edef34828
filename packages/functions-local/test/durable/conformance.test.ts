import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EventType, type HistoryEvent } from '../../src/durable';
import { calls, knobs } from './appState';
import { startHarness, type Harness } from './harness';

const hour = 60 * 60 * 1000;
const day = 24 * hour;

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
  knobs.flipChoice = false;
});
afterEach(async () => {
  await h.dispose();
});

async function start(name: string, instanceId: string, input?: unknown): Promise<void> {
  const started = await h.engine.startNew(name, {
    instanceId,
    ...(input === undefined ? {} : { input: JSON.stringify(input) }),
  });
  expect(started).toEqual({ ok: true, value: instanceId });
  await h.settle();
}

async function statusOf(instanceId: string): Promise<{ runtimeStatus: string; output: unknown }> {
  const status = await h.engine.getStatus(instanceId);
  if (!status) throw new Error(`no instance ${instanceId}`);
  return status;
}

const types = (history: readonly HistoryEvent[]): number[] => history.map((e) => e.EventType);

describe('Durable engine conformance (real durable-functions replay)', () => {
  it('chains activities, each result replayed into the next step', async () => {
    await start('chain', 'chain-1');
    expect(await statusOf('chain-1')).toMatchObject({
      runtimeStatus: 'Completed',
      output: ['Hello Tokyo', 'Hello Seattle', 'Hello London'],
    });
    const history = await h.engine.history('chain-1');
    expect(types(history).filter((t) => t === EventType.TaskScheduled)).toHaveLength(3);
    expect(types(history).filter((t) => t === EventType.TaskCompleted)).toHaveLength(3);
    expect(history[0]?.EventType).toBe(EventType.OrchestratorStarted);
    expect(history.at(-1)?.EventType).toBe(EventType.ExecutionCompleted);
    expect(history.every((e) => e.IsPlayed)).toBe(true);
  });

  it('fans out and in with when-all', async () => {
    await start('fanOut', 'fan-1', 10);
    expect(await statusOf('fan-1')).toMatchObject({ runtimeStatus: 'Completed', output: 90 });
    const scheduled = (await h.engine.history('fan-1')).filter(
      (e) => e.EventType === EventType.TaskScheduled,
    );
    expect(scheduled.map((e) => e.EventId)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  describe('human interaction: an event racing a timer', () => {
    it('takes the approval when it arrives first, and cancels the timer', async () => {
      await start('approval', 'appr-1', 72);
      expect(h.clock.pendingTimers()).toEqual([h.clock.now() + 72 * hour]);
      await h.clock.advance(5 * hour);
      expect((await h.engine.raiseEvent('appr-1', 'Approval', JSON.stringify('ops'))).ok).toBe(true);
      await h.settle();
      expect(await statusOf('appr-1')).toMatchObject({
        runtimeStatus: 'Completed',
        output: { outcome: 'approved', by: 'ops', at: new Date(h.clock.now()).toISOString() },
      });
      expect(h.clock.pendingTimers()).toEqual([]);
    });

    it('escalates when the deadline passes first; the orchestrator sees virtual time', async () => {
      const startedAt = h.clock.now();
      await start('approval', 'appr-2', 72);
      await h.clock.advance(71 * hour);
      expect((await statusOf('appr-2')).runtimeStatus).toBe('Running');
      await h.clock.advance(2 * hour);
      expect(await statusOf('appr-2')).toMatchObject({
        runtimeStatus: 'Completed',
        output: { outcome: 'escalated', at: new Date(startedAt + 72 * hour).toISOString() },
      });
      // A late approval is dropped: the instance has finished.
      expect(await h.engine.raiseEvent('appr-2', 'Approval', '"late"')).toMatchObject({
        ok: false,
        error: { kind: 'gone' },
      });
    });
  });

  it('waits out a long timer segment by segment, as the library splits it', async () => {
    await start('sleepDays', 'sleep-1', 10);
    await h.clock.advance(9 * day);
    expect((await statusOf('sleep-1')).runtimeStatus).toBe('Running');
    await h.clock.advance(1 * day);
    expect(await statusOf('sleep-1')).toMatchObject({ runtimeStatus: 'Completed', output: 10 });
    const timers = (await h.engine.history('sleep-1')).filter((e) => e.EventType === EventType.TimerCreated);
    expect(timers.length).toBeGreaterThan(1);
  });

  it('hands an activity exception to the orchestrator as a catchable failure', async () => {
    await start('catching', 'catch-1', 'catch-key');
    expect(await statusOf('catch-1')).toMatchObject({
      runtimeStatus: 'Completed',
      output: expect.stringContaining('flaky attempt 1 failed'),
    });
  });

  describe('retries honour RetryOptions', () => {
    it('retries until the activity succeeds, waiting the retry interval in between', async () => {
      await start('retrying', 'retry-ok', { key: 'retry-ok', failures: 2, attempts: 5 });
      expect((await statusOf('retry-ok')).runtimeStatus).toBe('Running');
      expect(calls.get('retry-ok')).toBe(1);
      await h.clock.advance(1000);
      expect(calls.get('retry-ok')).toBe(2);
      await h.clock.advance(1000);
      expect(await statusOf('retry-ok')).toMatchObject({
        runtimeStatus: 'Completed',
        output: { result: 'ok after 3' },
      });
      expect(calls.get('retry-ok')).toBe(3);
    });

    it('gives up after maxNumberOfAttempts and surfaces the last failure', async () => {
      await start('retrying', 'retry-no', { key: 'retry-no', failures: 10, attempts: 3 });
      await h.clock.advance(10_000);
      expect(await statusOf('retry-no')).toMatchObject({
        runtimeStatus: 'Completed',
        output: { gaveUp: expect.stringContaining('flaky attempt 3 failed') },
      });
      expect(calls.get('retry-no')).toBe(3);
    });
    it('stops retrying once the retry timeout has elapsed, with attempts left', async () => {
      await start('retrying', 'retry-timeout', {
        key: 'retry-timeout',
        failures: 10,
        attempts: 10,
        timeoutMs: 1500,
      });
      await h.clock.advance(60_000);
      expect(await statusOf('retry-timeout')).toMatchObject({
        runtimeStatus: 'Completed',
        output: { gaveUp: expect.stringContaining('flaky attempt 3 failed') },
      });
      expect(calls.get('retry-timeout')).toBe(3);
    });
  });

  it('runs sub-orchestrations and reports a failing child to its parent', async () => {
    await start('parent', 'parent-1');
    expect(await statusOf('parent-1')).toMatchObject({
      runtimeStatus: 'Completed',
      output: {
        child: ['Hello Tokyo', 'Hello Seattle', 'Hello London'],
        failure: expect.stringContaining('child failed: boom'),
      },
    });
    expect(await statusOf('parent-1-child')).toMatchObject({ runtimeStatus: 'Completed' });
    const failed = (await h.engine.listStatus({ runtimeStatus: ['Failed'] })).map((s) => s.name);
    expect(failed).toEqual(['failing']);
  });

  it('retries a failing sub-orchestration, each attempt a new child instance', async () => {
    await start('retryingParent', 'rp-1', { key: 'rp-1', failures: 2 });
    await h.clock.advance(5000);
    expect(await statusOf('rp-1')).toMatchObject({ runtimeStatus: 'Completed', output: 'child ok after 3' });
    const children = (await h.engine.listStatus({ instanceIdPrefix: 'rp-1:' })).map((s) => [
      s.instanceId,
      s.runtimeStatus,
    ]);
    expect(children).toEqual([
      ['rp-1:0000', 'Failed'],
      ['rp-1:0002', 'Failed'],
      ['rp-1:0004', 'Completed'],
    ]);
  });

  it('loops forever with continue-as-new, each generation with a fresh history', async () => {
    await start('eternal', 'loop-1', { n: 0, limit: 3 });
    await h.clock.advance(2 * hour);
    const midway = await h.engine.getInstance('loop-1');
    expect(midway?.status).toBe('Running');
    expect(midway?.generation).toBe(2);
    await h.clock.advance(2 * hour);
    expect(await statusOf('loop-1')).toMatchObject({ runtimeStatus: 'Completed', output: 3 });
    const history = await h.engine.history('loop-1');
    expect(history.find((e) => e.EventType === EventType.ExecutionStarted)?.Input).toBe('{"n":3,"limit":3}');
    expect(history.some((e) => e.EventType === EventType.TimerCreated)).toBe(false);
  });

  it('buffers external events raised before the orchestrator waits for them', async () => {
    await start('lateListener', 'late-1');
    expect((await h.engine.raiseEvent('late-1', 'Go', '"first"')).ok).toBe(true);
    expect((await h.engine.raiseEvent('late-1', 'Go', '"second"')).ok).toBe(true);
    await h.settle();
    expect((await statusOf('late-1')).runtimeStatus).toBe('Running');
    await h.clock.advance(hour);
    expect(await statusOf('late-1')).toMatchObject({
      runtimeStatus: 'Completed',
      output: ['first', 'second'],
    });
  });

  it('carries events that arrive during continue-as-new into the next generation', async () => {
    await start('collector', 'collect-1', []);
    // Three events in one burst: the first ends generation 0, the rest arrive while it continues as new.
    await Promise.all(
      ['a', 'b', 'c'].map((item) => h.engine.raiseEvent('collect-1', 'Item', JSON.stringify(item))),
    );
    await h.settle();
    expect(await statusOf('collect-1')).toMatchObject({
      runtimeStatus: 'Completed',
      output: ['a', 'b', 'c'],
    });
  });

  it('discards events a generation received but did not consume when it continues as new', async () => {
    await start('forgetful', 'forget-1', 0);
    expect((await h.engine.raiseEvent('forget-1', 'Early', '"too soon"')).ok).toBe(true);
    await h.settle();
    expect((await h.engine.raiseEvent('forget-1', 'Item', '"go"')).ok).toBe(true);
    await h.settle();
    expect((await h.engine.getInstance('forget-1'))?.generation).toBe(1);
    await h.clock.advance(hour);
    expect(await statusOf('forget-1')).toMatchObject({
      runtimeStatus: 'Completed',
      output: 'early discarded',
    });
  });

  it('refuses to start an id that is still running by default (NonRunningStates)', async () => {
    await start('approval', 'dup-1', 72);
    const again = await h.engine.startNew('chain', { instanceId: 'dup-1' });
    expect(again).toEqual({
      ok: false,
      error: {
        kind: 'alreadyExists',
        message: 'An Orchestration instance with the ID dup-1 already exists.',
      },
    });
    expect((await h.engine.getInstance('dup-1'))?.name).toBe('approval');
    // A finished one may be replaced.
    await h.engine.terminate('dup-1');
    expect((await h.engine.startNew('chain', { instanceId: 'dup-1' })).ok).toBe(true);
    await h.settle();
    expect(await statusOf('dup-1')).toMatchObject({ runtimeStatus: 'Completed' });
  });

  it('terminates a running instance, cancelling its timers', async () => {
    await start('approval', 'term-1', 72);
    expect((await h.engine.terminate('term-1', 'no longer needed')).ok).toBe(true);
    expect(await statusOf('term-1')).toMatchObject({
      runtimeStatus: 'Terminated',
      output: 'no longer needed',
    });
    expect(h.clock.pendingTimers()).toEqual([]);
    expect((await h.engine.history('term-1')).at(-1)?.EventType).toBe(EventType.ExecutionTerminated);
    expect(await h.engine.terminate('term-1')).toMatchObject({ ok: false, error: { kind: 'gone' } });
  });

  it('fails an instance whose history no longer matches its code (non-determinism)', async () => {
    await start('fickle', 'fickle-1');
    expect((await statusOf('fickle-1')).runtimeStatus).toBe('Running');
    knobs.flipChoice = true;
    await h.engine.raiseEvent('fickle-1', 'Continue', undefined);
    await h.settle();
    const record = await h.engine.getInstance('fickle-1');
    expect(record?.status).toBe('Failed');
    expect(record?.failureDetails?.ErrorMessage).toMatch(/Non-deterministic workflow detected/);
  });

  it('leaves a deterministic replay alone (the same flow without the code change completes)', async () => {
    await start('fickle', 'fickle-2');
    await h.engine.raiseEvent('fickle-2', 'Continue', undefined);
    await h.settle();
    expect(await statusOf('fickle-2')).toMatchObject({ runtimeStatus: 'Completed', output: 'done' });
  });

  it('drops events sent to a finished instance', async () => {
    await start('chain', 'done-1');
    const before = await h.engine.history('done-1');
    expect(await h.engine.raiseEvent('done-1', 'Anything', '1')).toMatchObject({
      ok: false,
      error: { kind: 'gone' },
    });
    await h.settle();
    expect(await h.engine.history('done-1')).toEqual(before);
    expect(h.logs.some((l) => l.message === 'event to a finished instance dropped')).toBe(true);
  });

  it('refuses a custom status over 16 KB with a clear error', async () => {
    await start('bigStatus', 'status-small', 4000);
    expect((await statusOf('status-small')).runtimeStatus).toBe('Completed');
    await start('bigStatus', 'status-big', 9000);
    const record = await h.engine.getInstance('status-big');
    expect(record?.status).toBe('Failed');
    expect(record?.failureDetails?.ErrorMessage).toMatch(/custom status .* 16 KB/);
  });

  it('reuses an instance id only after the instance finished', async () => {
    await start('waiter', 'reuse-1');
    expect(await h.engine.startNew('waiter', { instanceId: 'reuse-1' })).toMatchObject({
      ok: false,
      error: { kind: 'alreadyExists' },
    });
    await h.engine.raiseEvent('reuse-1', 'Done', '"first run"');
    await h.settle();
    expect(await statusOf('reuse-1')).toMatchObject({ runtimeStatus: 'Completed', output: 'first run' });
    await start('waiter', 'reuse-1');
    expect((await statusOf('reuse-1')).runtimeStatus).toBe('Running');
    await h.engine.raiseEvent('reuse-1', 'Done', '"second run"');
    await h.settle();
    expect(await statusOf('reuse-1')).toMatchObject({ runtimeStatus: 'Completed', output: 'second run' });
  });
});

describe('overridableExistingInstanceStates: AnyState', () => {
  let any: Harness;
  beforeEach(async () => {
    any = await startHarness({ overridableExistingInstanceStates: 'AnyState' });
  });
  afterEach(async () => {
    await any.dispose();
  });

  it('replaces a running instance, and the old execution’s timer never reaches the new one', async () => {
    expect((await any.engine.startNew('approval', { instanceId: 'over-1', input: '2' })).ok).toBe(true);
    await any.settle();
    expect((await any.engine.getInstance('over-1'))?.status).toBe('Running');
    expect((await any.engine.startNew('chain', { instanceId: 'over-1' })).ok).toBe(true);
    await any.settle();
    await any.clock.advance(3 * hour);
    const status = await any.engine.getStatus('over-1');
    expect(status).toMatchObject({
      name: 'chain',
      runtimeStatus: 'Completed',
      output: ['Hello Tokyo', 'Hello Seattle', 'Hello London'],
    });
    expect(any.clock.pendingTimers()).toEqual([]);
  });
});

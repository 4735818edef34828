import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/clock';
import { DurableEngine, type DurableEngineOptions } from '../../src/durable';
import { loadFunctionApp, type PluginContext } from '../../src/host';

/**
 * A client's start is accepted at once, as in Azure: it writes the instance and its ExecutionStarted
 * message and returns; the orchestrator runs later. So a start must not wait for another instance's
 * orchestrator episode, however long that replay takes.
 */

interface Gated {
  readonly engine: DurableEngine;
  readonly clock: ManualClock;
  /** Resolves once an episode of `sleepDays` is inside the orchestrator function. */
  readonly held: Promise<void>;
  /** Lets that episode (and every later one) finish. */
  release(): void;
}

let running: { engine: DurableEngine; release(): void } | undefined;
afterEach(async () => {
  // A failed assertion must not leave an episode held: stopping waits for idleness.
  running?.release();
  await running?.engine.stop();
  running = undefined;
});

/** An engine whose `sleepDays` episodes wait inside the orchestrator until released. */
async function gatedEngine(options: DurableEngineOptions = {}): Promise<Gated> {
  const app = await loadFunctionApp(() => import('./conformanceApp'));
  const clock = new ManualClock();
  let entered: () => void = () => undefined;
  const held = new Promise<void>((resolve) => (entered = resolve));
  let release: () => void = () => undefined;
  const released = new Promise<void>((resolve) => (release = resolve));
  const context: PluginContext = {
    app,
    settings: {},
    clock,
    log: () => undefined,
    invoke: async (name, input) => {
      if (name === 'sleepDays') {
        entered();
        await released;
      }
      return app.invoke(name, input);
    },
  };
  const engine = new DurableEngine(options);
  await engine.start(context);
  running = { engine, release };
  return { engine, clock, held, release };
}

/** Resolves to whether `promise` settled within a few turns of the event loop (no timers involved). */
async function settlesPromptly(promise: Promise<unknown>): Promise<boolean> {
  let settled = false;
  void promise.then(
    () => (settled = true),
    () => (settled = true),
  );
  for (let turn = 0; turn < 20 && !settled; turn++) await new Promise((resolve) => setImmediate(resolve));
  return settled;
}

describe('starting orchestrations while another one replays', () => {
  it('accepts a start at once, shows it Pending, and runs it after the long episode', async () => {
    const { engine, held, release } = await gatedEngine();
    expect((await engine.startNew('sleepDays', { instanceId: 'long', input: '1' })).ok).toBe(true);
    await held;

    const start = engine.startNew('chain', { instanceId: 'quick' });
    expect(await settlesPromptly(start)).toBe(true);
    expect(await start).toEqual({ ok: true, value: 'quick' });
    expect((await engine.getStatus('quick'))?.runtimeStatus).toBe('Pending');

    release();
    await engine.waitForIdle();
    expect((await engine.getStatus('quick'))?.runtimeStatus).toBe('Completed');
    expect((await engine.getStatus('long'))?.runtimeStatus).toBe('Running');
  });

  it('refuses, at once, a second start of the instance whose episode is running (NonRunningStates)', async () => {
    const { engine, held, release } = await gatedEngine();
    await engine.startNew('sleepDays', { instanceId: 'long', input: '1' });
    await held;

    const again = engine.startNew('chain', { instanceId: 'long' });
    expect(await settlesPromptly(again)).toBe(true);
    expect(await again).toMatchObject({ ok: false, error: { kind: 'alreadyExists' } });
    release();
    await engine.waitForIdle();
    expect((await engine.getStatus('long'))?.name).toBe('sleepDays');
  });

  it('admits exactly one of two simultaneous starts of the same new id', async () => {
    const { engine } = await gatedEngine();
    const [first, second] = await Promise.all([
      engine.startNew('chain', { instanceId: 'twin', input: '"a"' }),
      engine.startNew('chain', { instanceId: 'twin', input: '"b"' }),
    ]);
    expect([first.ok, second.ok].sort()).toEqual([false, true]);
    await engine.waitForIdle();
    expect((await engine.getStatus('twin'))?.runtimeStatus).toBe('Completed');
  });

  it('still replaces a running instance under AnyState, after its episode', async () => {
    const { engine, held, release } = await gatedEngine({ overridableExistingInstanceStates: 'AnyState' });
    await engine.startNew('sleepDays', { instanceId: 'swap', input: '1' });
    await held;
    const replaced = engine.startNew('chain', { instanceId: 'swap' });
    release();
    expect((await replaced).ok).toBe(true);
    await engine.waitForIdle();
    expect(await engine.getStatus('swap')).toMatchObject({ name: 'chain', runtimeStatus: 'Completed' });
  });
});

describe('per-instance state the engine holds', () => {
  it('drops every instance lock, ready mark and timer once its instances complete', async () => {
    const { engine } = await gatedEngine();
    await Promise.all(
      Array.from({ length: 50 }, (_, i) => engine.startNew('chain', { instanceId: `done-${i}` })),
    );
    await engine.startNew('approval', { instanceId: 'waits', input: '2' });
    await engine.waitForIdle();
    // The one instance still waiting keeps exactly its deadline timer.
    expect(engine.resident()).toEqual({ instanceLocks: 0, timers: 1, readyInstances: 0, readyEntities: 0 });
    await engine.raiseEvent('waits', 'Approval', '"ops"');
    await engine.waitForIdle();
    expect((await engine.getStatus('waits'))?.runtimeStatus).toBe('Completed');
    expect(engine.resident()).toEqual({ instanceLocks: 0, timers: 0, readyInstances: 0, readyEntities: 0 });
  });
});

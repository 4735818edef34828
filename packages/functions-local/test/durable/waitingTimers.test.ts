import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/clock';
import { startHarness } from './harness';

const hour = 60 * 60 * 1000;

/**
 * A waiting Durable timer is state the task hub keeps in Storage: however many orchestrations
 * wait, the host holds one timer of its own (issue 17: memory per work order stays flat), and
 * each waiting orchestration still wakes at its own deadline.
 */
describe('waiting Durable timers', () => {
  it('keeps one host timer for many waiting orchestrations, and each still fires at its deadline', async () => {
    const clock = new ManualClock();
    const h = await startHarness({}, clock);
    const waiting = 50;
    for (let n = 0; n < waiting; n++) {
      await h.engine.startNew('approval', { instanceId: `wait-${n}`, input: String(1 + (n % 5)) });
    }
    await h.settle();
    expect(h.engine.resident().timers).toBe(waiting);
    expect(clock.pendingTimers()).toEqual([clock.now() + hour]);

    await h.engine.raiseEvent('wait-0', 'Approval', '"ops"');
    await h.settle();
    await clock.advance(2 * hour + 1);
    const early = await h.engine.getStatus('wait-1');
    const late = await h.engine.getStatus('wait-4');
    expect(early).toMatchObject({ runtimeStatus: 'Completed', output: { outcome: 'escalated' } });
    expect(late).toMatchObject({ runtimeStatus: 'Running' });
    expect(await h.engine.getStatus('wait-0')).toMatchObject({ output: { outcome: 'approved' } });
    await clock.advance(3 * hour);
    expect(h.engine.resident().timers).toBe(0);
    expect(clock.pendingTimers()).toEqual([]);
    await h.dispose();
  });
});

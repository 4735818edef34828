import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/clock';
import { MemoryInstanceStore } from '../../src/durable';
import { startHarness } from './harness';

const hour = 60 * 60 * 1000;

describe('engine restart over a kept store', () => {
  it('re-arms pending timers and delivers queued events after a restart', async () => {
    const store = new MemoryInstanceStore();
    const clock = new ManualClock();
    const first = await startHarness({ store }, clock);
    await first.engine.startNew('approval', { instanceId: 'survivor', input: '72' });
    await first.engine.startNew('lateListener', { instanceId: 'listener' });
    await first.settle();
    await first.dispose();
    expect(clock.pendingTimers()).toEqual([]);

    const second = await startHarness({ store }, clock);
    await second.engine.raiseEvent('listener', 'Go', '"one"');
    await second.engine.raiseEvent('listener', 'Go', '"two"');
    await clock.advance(73 * hour);
    expect(await second.engine.getStatus('survivor')).toMatchObject({
      runtimeStatus: 'Completed',
      output: { outcome: 'escalated' },
    });
    expect(await second.engine.getStatus('listener')).toMatchObject({
      runtimeStatus: 'Completed',
      output: ['one', 'two'],
    });
    await second.dispose();
  });
});

import { describe, expect, it } from 'vitest';
import { processInbound } from '../../shared/intake/processInbound';
import { sweepDeadlines } from '../../shared/sla/deadlineSweep';
import type { SlaSubject } from '../../shared/sla/deadlineIndex';
import type { SlaCrossing } from '../../shared/sla/slaCrossings';
import { standardSlaPolicies as policies } from '../../shared/sla/slaPolicy';
import { workOrderIdFor } from '../../shared/workorders/workOrderId';
import { MemoryDeadlineIndex } from '../sla/support/memoryDeadlineIndex';
import { cosmosIntake } from './support/cosmosIntake';
import { amendMessage, createMessage, delivery } from './support/messages';

const minute = 60_000;
const received = Date.parse('2026-03-02T09:00:05Z');
const at = (minutes: number) => new Date(received + minutes * minute);
const iso = (minutes: number) => at(minutes).toISOString();
const workOrderId = workOrderIdFor('ORES', 'ORES-88412');
const customer = { name: 'An Peeters', phone: '+32470000001', language: 'nl' };

/** Field work runs around the clock: a threshold is the priority's target (and its warning share) after receipt. */
const thresholds = (priority: 'normal' | 'emergency') =>
  (['timeToDispatch', 'timeToComplete'] as const).flatMap((metric) => {
    const { targetMinutes, warningFraction } = policies[metric];
    const target = targetMinutes(priority);
    return [iso(target * warningFraction), iso(target)];
  });

describe('an amendment that changes the priority moves the SLA deadlines', () => {
  it('normal → emergency: due earlier, and the sweep reads it at the new times only', async () => {
    let minutes = 0;
    const index = new MemoryDeadlineIndex();
    const intake = cosmosIntake(() => at(minutes), index);
    await processInbound(delivery(createMessage({ customer, priority: 'normal' })), intake.deps);
    const entriesNow = () => [...index.buckets.values()].flatMap((bucket) => [...bucket.values()]);
    const [normalWarning] = thresholds('normal');
    expect(entriesNow().map((entry) => entry.dueAt)).toEqual([normalWarning]);
    expect(index.pointers.get(`DL-workOrder-${workOrderId}`)?.version).toBe(1);

    minutes = 60;
    const amend = delivery(amendMessage(2, { customer, priority: 'emergency' }));
    expect((await processInbound(amend, intake.deps)).outcome).toBe('amended');
    const [dispatchWarning] = thresholds('emergency');
    expect(entriesNow().map((entry) => entry.dueAt)).toEqual([dispatchWarning]);

    // Every five minutes from receipt until after the normal deadlines would have passed.
    const written: string[] = [];
    const record = async (subject: SlaSubject, crossing: SlaCrossing) => {
      written.push(`${crossing.metric} ${crossing.level} ${crossing.at}`);
      return true;
    };
    const last = policies.timeToComplete.targetMinutes('normal') + 60;
    for (let m = 60; m <= last; m += 5) await sweepDeadlines(index, record, at(m));

    const read = index.read.map((r) => r.at);
    expect(read).toEqual(thresholds('emergency'));
    for (const old of thresholds('normal')) expect(read).not.toContain(old);
    expect(written).toHaveLength(4);
  });
});

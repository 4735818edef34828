import { describe, expect, it } from 'vitest';
import { cosmosDeadlineIndex } from '../../shared/adapters/cosmos/deadlineIndex';
import { cosmosIntakeStore } from '../../shared/adapters/cosmos/intakeStore';
import { recentTimelineEvents } from '../../shared/adapters/cosmos/timelineReader';
import { processInbound } from '../../shared/intake/processInbound';
import { reindexWorkOrderDeadlines } from '../../shared/sla/deadlineUpkeep';
import { standardSlaPolicies as policies } from '../../shared/sla/slaPolicy';
import { workOrderIdFor } from '../../shared/workorders/workOrderId';
import { cosmosIntake } from '../intake/support/cosmosIntake';
import { amendMessage, cancelMessage, createMessage, delivery } from '../intake/support/messages';

/*
 * The journey re-indexes a work order's SLA deadlines after each of its `workOrder.*` events while
 * intake, on another instance, moves them on an amendment or takes them out on a cancel. Whatever
 * order their requests reach Cosmos DB in, the index ends as the work order stands last: a cancelled
 * work order keeps no entry for a sweep to find, an amended one is due at its new priority's times.
 */
const minute = 60_000;
const received = Date.parse('2026-03-02T09:00:05Z');
const at = (minutes: number) => new Date(received + minutes * minute);
const workOrderId = workOrderIdFor('ORES', 'ORES-88412');
const customer = { name: 'An Peeters', phone: '+32470000001', language: 'nl' };

async function imported() {
  const intake = cosmosIntake(() => at(30));
  await processInbound(delivery(createMessage({ customer, priority: 'normal' })), intake.deps);
  const store = intake.cosmos.store;
  const upkeep = { index: cosmosDeadlineIndex(store), policies, now: () => at(30) };
  const journeyReindex = () =>
    reindexWorkOrderDeadlines(
      upkeep,
      workOrderId,
      async () => (await cosmosIntakeStore(store).getWorkOrder(workOrderId))?.value,
      () => recentTimelineEvents(store, workOrderId, 200),
    );
  const entries = () =>
    Object.values(intake.cosmos.documents()).filter(
      (doc) => (doc as { docType?: string }).docType === 'slaDeadline',
    ) as { dueAt: string; crossings: { metric: string; level: string; at: string }[] }[];
  return { intake, journeyReindex, entries };
}

/** How many requests the journey's re-index sends when nothing runs beside it. */
async function requestsOfReindex(): Promise<number> {
  const world = await imported();
  const mark = world.intake.cosmos.requests.length;
  await world.journeyReindex();
  return world.intake.cosmos.requests.length - mark;
}

describe('the journey re-indexing deadlines beside intake', () => {
  it('a cancel that lands while the journey re-indexes leaves nothing to sweep, at every point it can land', async () => {
    const total = await requestsOfReindex();
    expect(total).toBeGreaterThanOrEqual(3);
    for (let n = 1; n <= total; n++) {
      const world = await imported();
      const hold = world.intake.cosmos.holdAt(n);
      const journey = world.journeyReindex();
      await Promise.race([hold.reached, journey]);
      expect((await processInbound(delivery(cancelMessage(2)), world.intake.deps)).outcome).toBe('cancelled');
      hold.release();
      await journey;
      // No entry in any hour: no sweep will ever read a crossing of the cancelled work order.
      expect(world.entries(), `journey held before request ${n}`).toEqual([]);
    }
  });

  it('an amendment to emergency that lands while the journey re-indexes is swept at the emergency times', async () => {
    // The work order was received at intake's clock (30 minutes in); emergency dispatch warns at 75 %.
    const emergencyWarning = at(30 + policies.timeToDispatch.targetMinutes('emergency') * 0.75).toISOString();
    const total = await requestsOfReindex();
    for (let n = 1; n <= total; n++) {
      const world = await imported();
      const hold = world.intake.cosmos.holdAt(n);
      const journey = world.journeyReindex();
      await Promise.race([hold.reached, journey]);
      const amend = delivery(amendMessage(2, { customer, priority: 'emergency' }));
      expect((await processInbound(amend, world.intake.deps)).outcome).toBe('amended');
      hold.release();
      await journey;
      expect(
        world.entries().map((entry) => entry.dueAt),
        `journey held before request ${n}`,
      ).toEqual([emergencyWarning]);
    }
  });
});

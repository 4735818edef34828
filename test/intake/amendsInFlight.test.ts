import { describe, expect, it } from 'vitest';
import { followUpWorkOrder } from '../../shared/fieldwork/followUp';
import { processInbound } from '../../shared/intake/processInbound';
import type { WorkOrder } from '../../shared/workorders/workOrder';
import { workOrderIdFor } from '../../shared/workorders/workOrderId';
import { MemoryIntake } from './support/memoryIntake';
import { amendMessage, cancelMessage, createMessage, delivery } from './support/messages';

const workOrderId = workOrderIdFor('ORES', 'ORES-88412');

const imported = async (): Promise<MemoryIntake> => {
  const intake = new MemoryIntake();
  await processInbound(delivery(createMessage()), intake.deps());
  return intake;
};

const withState = (intake: MemoryIntake, id: string, state: WorkOrder['state']): void => {
  const stored = intake.workOrders.get(id);
  if (stored === undefined) throw new Error(`no ${id}`);
  intake.put({ ...stored.value, state });
};

describe('intake: amendments tell the booking and the journey', () => {
  it('rechecks a booked work order and raises the outcome on its journey, every time', async () => {
    const intake = await imported();
    withState(intake, workOrderId, { status: 'Scheduled', appointmentId: 'AP-1' });
    intake.bookingCheck = {
      kind: 'released',
      reason: 'regionChanged',
      previous: {} as never,
    };
    const d = delivery(
      amendMessage(2, { site: { ...(createMessage()['site'] as object), region: 'BE-LIE' } }),
    );
    expect((await processInbound(d, intake.deps())).outcome).toBe('amended');
    expect(intake.revalidated).toEqual([workOrderId]);
    expect(intake.amendments).toMatchObject([{ workOrderId, revision: 2, booking: { kind: 'released' } }]);
    // A redelivery after a crash repeats both, which are safe to repeat.
    await processInbound({ ...d, deliveryCount: 2 }, intake.deps());
    expect(intake.amendments).toHaveLength(2);
  });

  it('leaves a visit under way alone but still tells the journey', async () => {
    const intake = await imported();
    withState(intake, workOrderId, { status: 'EnRoute', appointmentId: 'AP-1', technicianId: 'T-1' });
    await processInbound(delivery(amendMessage(2, { notes: 'gate code 1234' })), intake.deps());
    expect(intake.revalidated).toEqual([]);
    expect(intake.amendments).toMatchObject([{ revision: 2, booking: { kind: 'none' } }]);
  });
});

describe('intake: a cancel ends the open follow-up visits too', () => {
  it('cancels the follow-up of a closed original and answers cancelled, once per redelivery', async () => {
    const intake = await imported();
    const original = intake.workOrders.get(workOrderId)!.value;
    const followUp = followUpWorkOrder(original, 'second meter', '2026-03-02T10:00:00Z');
    intake.put({ ...followUp, state: { status: 'AwaitingCustomer' } });
    intake.journeys.set(followUp.id, { correlationId: followUp.correlationId, cancelled: 0 });
    withState(intake, workOrderId, { status: 'Closed', outcome: 'incomplete' });

    const d = delivery(cancelMessage(2, 'customer moved'));
    const result = await processInbound(d, intake.deps());
    expect(result).toMatchObject({ outcome: 'cancelled', answered: 'cancelled' });
    expect(intake.workOrders.get(followUp.id)?.value.state).toEqual({ status: 'Cancelled', by: 'utility' });
    expect(intake.workOrders.get(workOrderId)?.value.state).toEqual({
      status: 'Closed',
      outcome: 'incomplete',
    });
    expect(intake.released).toEqual([followUp.id]);
    expect(intake.journeys.get(followUp.id)?.cancelled).toBe(1);

    // The redelivery resumes and answers the same; the queue's duplicate detection drops the repeat.
    expect(await processInbound({ ...d, deliveryCount: 2 }, intake.deps())).toMatchObject({
      outcome: 'cancelled',
      answered: 'cancelled',
    });
    expect(intake.sent.filter((m) => m.body.kind === 'cancelled')).toHaveLength(1);
  });

  it('still refuses a cancel of a closed work order with nothing open', async () => {
    const intake = await imported();
    withState(intake, workOrderId, { status: 'Closed', outcome: 'completed' });
    expect((await processInbound(delivery(cancelMessage(2)), intake.deps())).outcome).toBe('rejected');
  });
});

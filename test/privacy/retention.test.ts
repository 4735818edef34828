import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '@fieldline/functions-local';
import { customerIdFor } from '../../shared/customers/customer';
import type { WorkOrderState } from '../../shared/workorders/workOrderState';
import { erasedText } from '../../shared/privacy/tombstones';
import { aCustomer, aWorkOrder } from '../journey/support/fixtures';
import { eventually } from '../support/outboundQueue';
import { startTestRuntime, type TestRuntime } from '../support/runtime';

const day = 86_400_000;
// 02:00 UTC; the retention timer runs at 02:30 UTC (Functions timers are UTC unless the app sets a zone).
const start = Date.parse('2027-03-01T02:00:00Z');
const ago = (days: number) => new Date(start - days * day).toISOString();

describe('retention: personal data of work orders closed long enough ago is erased by the nightly timer', () => {
  let rt: TestRuntime;
  const clock = new ManualClock(start);
  const seeded: Record<string, { state: WorkOrderState; updatedAt: string }> = {
    'WO-RET-OLD-CLOSED': { state: { status: 'Closed', outcome: 'completed' }, updatedAt: ago(400) },
    'WO-RET-RECENT-CANCEL': { state: { status: 'Cancelled', by: 'utility' }, updatedAt: ago(10) },
    'WO-RET-OLD-OPEN': { state: { status: 'AwaitingCustomer' }, updatedAt: ago(500) },
  };
  const nameOf = async (workOrderId: string) => {
    const id = customerIdFor(workOrderId);
    return (await rt.cosmos!.container('customers').item(id, id).read()).resource?.name as string;
  };

  beforeAll(async () => {
    rt = await startTestRuntime({
      app: () => import('./support/privacyTestApp'),
      clock,
      settings: { PersonalDataRetentionDays: '365', FileRetentionDays: '180' },
    });
    for (const [id, { state, updatedAt }] of Object.entries(seeded)) {
      const customerId = customerIdFor(id);
      await rt.cosmos!.container('workOrders').items.create(aWorkOrder({ id, customerId, state, updatedAt }));
      await rt
        .cosmos!.container('customers')
        .items.create(
          aCustomer({ id: customerId, workOrderId: id, name: `Person of ${id}`, phone: '+32470123456' }),
        );
    }
  }, 60_000);
  afterAll(async () => {
    await rt?.stop();
  });

  it('erases only what is past its age, on the manual clock', async () => {
    await clock.advance(20 * 60_000);
    expect(await nameOf('WO-RET-OLD-CLOSED')).toBe('Person of WO-RET-OLD-CLOSED');

    await clock.advance(15 * 60_000);
    await eventually(
      async () => ((await nameOf('WO-RET-OLD-CLOSED')) === erasedText ? true : undefined),
      30_000,
    );
    expect(await nameOf('WO-RET-RECENT-CANCEL')).toBe('Person of WO-RET-RECENT-CANCEL');
    expect(await nameOf('WO-RET-OLD-OPEN')).toBe('Person of WO-RET-OLD-OPEN');
    const { resource: order } = await rt
      .cosmos!.container('workOrders')
      .item('WO-RET-OLD-CLOSED', 'WO-RET-OLD-CLOSED')
      .read();
    expect(order).toMatchObject({ site: { street: erasedText }, state: { status: 'Closed' } });

    const { resources: records } = await rt
      .cosmos!.container('privacy')
      .items.query("SELECT * FROM c WHERE c.docType = 'erasure'")
      .fetchAll();
    expect(records.map((record) => [record.trigger, record.customerIds])).toEqual([
      ['retention', [customerIdFor('WO-RET-OLD-CLOSED')]],
    ]);
  }, 60_000);
});

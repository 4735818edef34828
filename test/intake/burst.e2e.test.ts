import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listDeadLetters } from '../../scripts/utility/deadLetters';
import { planSimulation, sendSimulation } from '../../scripts/utility/simulation';
import { queueName } from '../../shared/resources';
import { UtilityInbox } from '../support/outboundQueue';
import { startTestRuntime, type TestRuntime } from '../support/runtime';

describe('intake under a burst', () => {
  let rt: TestRuntime;
  let inbox: UtilityInbox;

  beforeAll(async () => {
    rt = await startTestRuntime({ app: () => import('./support/intakeOnlyApp') });
    inbox = new UtilityInbox(rt.serviceBusClient());
  }, 60_000);

  afterAll(async () => {
    await inbox?.close();
    await rt?.stop();
  });

  // 1,000 here to keep the suite quick on two cores; `npm run bench -- intake` runs 10,000.
  it('accounts for every one of 1,000 messages with 5% duplicates and 2% invalid', async () => {
    const plan = planSimulation({
      count: 1_000,
      invalid: 0.02,
      duplicates: 0.05,
      seed: 7,
      utilityCode: 'BURST',
    });
    const sender = rt.serviceBusClient().createSender(queueName('workOrdersInbound'));
    await sendSimulation(sender, plan);
    await sender.close();
    await inbox.waitFor(plan.length, 120_000);

    const expected = (kind: string) => plan.filter((m) => m.expectation === kind);
    const distinct = new Set(expected('accepted').map((m) => m.externalId));
    const { resources } = await rt
      .cosmos!.container('workOrders')
      .items.query("SELECT VALUE c.externalId FROM c WHERE c.utilityCode = 'BURST'")
      .fetchAll();
    expect(resources).toHaveLength(distinct.size);
    expect(new Set(resources)).toEqual(distinct);

    const answerKinds = new Map(inbox.received.map((m) => [String(m.correlationId), String(m.body.kind)]));
    expect(answerKinds.size).toBe(plan.length);
    for (const { message, expectation } of plan) {
      const kind = answerKinds.get(message.messageId);
      expect(kind, message.messageId).toBe(
        expectation === 'accepted' ? 'accepted' : expectation === 'rejected' ? 'rejected' : 'stale',
      );
    }
    expect(await listDeadLetters(rt.serviceBusClient(), queueName('workOrdersInbound'))).toEqual([]);
  }, 180_000);
});

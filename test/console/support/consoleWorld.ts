import type { ServiceBusSender } from '@azure/service-bus';
import { ManualClock, type OutboxMessage } from '@fieldline/functions-local';
import { queueName } from '../../../shared/resources';
import { workOrderIdFor } from '../../../shared/workorders/workOrderId';
import { createMessage } from '../../intake/support/messages';
import { technician } from '../../scheduling/support';
import { eventually } from '../../support/outboundQueue';
import { startTestRuntime, type TestRuntime } from '../../support/runtime';

/** Monday 23 November 2026, 10:00 in Brussels: a working morning, outside quiet hours. */
export const t0 = new Date('2026-11-23T09:00:00.000Z');
export const hour = 3_600_000;

export interface ConsoleWorld {
  readonly rt: TestRuntime;
  readonly clock: ManualClock;
  readonly sender: ServiceBusSender;
  readonly texts: (phone: string) => readonly OutboxMessage[];
  stop(): Promise<void>;
}

/** The whole app on the local runtime in virtual time, with technicians in the fixtures' region. */
export async function startConsoleWorld(): Promise<ConsoleWorld> {
  const clock = new ManualClock(t0);
  const rt = await startTestRuntime({ app: () => import('./consoleTestApp'), clock });
  for (const id of ['T-NAM-1', 'T-NAM-2'])
    await rt.cosmos!.container('technicians').items.create(
      technician(id, {
        region: 'BE-NAM',
        skills: ['smart-meter'],
        homeBase: { latitude: 50.46, longitude: 4.86 },
      }),
    );
  const sender = rt.serviceBusClient().createSender(queueName('workOrdersInbound'));
  const texts = (phone: string) =>
    (rt.outbox as { messages(): readonly OutboxMessage[] })
      .messages()
      .filter((message) => message.channel === 'sms' && message.to.includes(phone));
  return {
    rt,
    clock,
    sender,
    texts,
    stop: async () => {
      await sender.close();
      await rt.stop();
    },
  };
}

/**
 * A phone-only customer who never answers: three texted invitations 48 h apart, then the journey
 * goes on hold and waits for ops. Returns the work-order id.
 */
export async function silentCustomerOnHold(
  world: ConsoleWorld,
  externalId: string,
  phone: string,
): Promise<string> {
  await world.sender.sendMessages({
    body: createMessage({
      externalId,
      dueDate: '2026-12-31',
      customer: { name: 'Els Peeters', phone, language: 'nl' },
    }),
    messageId: `console-${externalId}`,
  });
  await eventually(async () => (world.texts(phone).length > 0 ? true : undefined));
  await world.clock.advance(144 * hour);
  const workOrderId = workOrderIdFor('ORES', externalId);
  await eventually(async () => {
    const stored = await world.rt.cosmos!.container('workOrders').item(workOrderId, workOrderId).read();
    return (stored.resource as { state?: { status?: string } } | undefined)?.state?.status === 'OnHold'
      ? true
      : undefined;
  });
  return workOrderId;
}

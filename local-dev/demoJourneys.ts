import { randomUUID } from 'node:crypto';
import type { ServiceBusSender } from '@azure/service-bus';
import type { CreateWorkOrderMessage } from '../shared/contracts/inbound/messages';
import { generateWorkOrders } from '../scripts/utility/workOrderGenerator';

/**
 * The demo's utilities, one per region, so the console's region and utility filters both have
 * two values to choose from.
 */
export const demoRegions = [
  { region: 'BE-VAN', utilityCode: 'FLUVIUS', prefix: 'FL' },
  { region: 'BE-WNA', utilityCode: 'ORES', prefix: 'OR' },
] as const;

/** What becomes of a demo work order once its invitation is out, decided by its position. */
export type DemoFate = 'contacting' | 'book' | 'decline' | 'utilityCancel' | 'optOut';

/** About a third booked, a tenth cancelled, a few declined or unreachable, the rest still being asked. */
export function fateOf(index: number, order: CreateWorkOrderMessage): DemoFate {
  const slot = index % 20;
  if (slot < 7) return 'book';
  if (slot === 7) return 'decline';
  if (slot === 8 || slot === 9) return 'utilityCancel';
  // STOP from a phone-only customer leaves no channel: the journey goes on hold for ops.
  if ((slot === 10 || slot === 11) && order.customer.email === undefined) return 'optOut';
  return 'contacting';
}

/** `count` realistic creates in the demo regions, deterministic, due in the weeks after `from`. */
export function demoWorkOrders(count: number, from: Date): CreateWorkOrderMessage[] {
  const orders: CreateWorkOrderMessage[] = [];
  for (const order of generateWorkOrders({ utilityCode: 'DEMO', seed: 2026, from })) {
    const place = demoRegions.find((demo) => demo.region === order.site.region);
    if (place === undefined) continue;
    orders.push({
      ...order,
      utilityCode: place.utilityCode,
      externalId: order.externalId.replace('DEMO', place.prefix),
    });
    if (orders.length === count) return orders;
  }
  return orders;
}

export async function sendCreates(sender: ServiceBusSender, orders: readonly CreateWorkOrderMessage[]) {
  let batch = await sender.createMessageBatch();
  for (const order of orders) {
    const message = {
      body: order,
      contentType: 'application/json',
      messageId: randomUUID(),
      subject: 'create',
    };
    if (batch.tryAddMessage(message)) continue;
    await sender.sendMessages(batch);
    batch = await sender.createMessageBatch();
    batch.tryAddMessage(message);
  }
  if (batch.count > 0) await sender.sendMessages(batch);
}

/** The utility's cancel of one of its work orders, as its next revision. */
export const cancelOf = (order: CreateWorkOrderMessage, at: Date) => ({
  body: {
    schemaVersion: 1,
    kind: 'cancel',
    utilityCode: order.utilityCode,
    externalId: order.externalId,
    revision: 2,
    sentAt: at.toISOString(),
    reason: 'Customer moved out',
  },
  contentType: 'application/json',
  messageId: randomUUID(),
  subject: 'cancel',
});

/** A customer's SMS to our number, as Event Grid delivers ACS's SMS-received event. */
export const smsReceived = (from: string, to: string, text: string, at: Date) => {
  const id = randomUUID();
  return [
    {
      id,
      topic:
        '/subscriptions/local/resourceGroups/local/providers/Microsoft.Communication/CommunicationServices/local',
      subject: `/phonenumber/${to.replace(/^\+/, '')}`,
      eventType: 'Microsoft.Communication.SMSReceived',
      eventTime: at.toISOString(),
      dataVersion: '1.0',
      metadataVersion: '1',
      data: {
        messageId: `Incoming_${id}`,
        from,
        to,
        message: text,
        receivedTimestamp: at.toISOString(),
        segmentCount: 1,
      },
    },
  ];
};

import type { ServiceBusMessage, ServiceBusSender } from '@azure/service-bus';
import { randomUUID } from 'node:crypto';
import { seededRandom } from './randomSource';
import { generateWorkOrders, invalidVariants } from './workOrderGenerator';

export interface SimulationOptions {
  readonly count: number;
  /** Share of messages that break a contract rule (0–1). */
  readonly invalid?: number;
  /** Share of valid messages sent a second time, as a utility resending after a timeout does (0–1). */
  readonly duplicates?: number;
  readonly seed?: number;
  readonly utilityCode?: string;
  /** Due dates are spread over the weeks after this day. */
  readonly from?: Date;
}

/** One message the simulated utility sends, and what it expects to become of it. */
export interface SimulatedMessage {
  readonly message: ServiceBusMessage & { readonly messageId: string };
  readonly expectation: 'accepted' | 'rejected' | 'duplicate';
  readonly externalId?: string | undefined;
}

/**
 * The messages of a simulated burst: `count` in all, of which the given shares are invalid or
 * re-sent copies. A re-sent copy has a new messageId (the utility's system cannot know its first
 * send arrived), so the queue's duplicate detection does not hide it and intake must.
 */
export function planSimulation(options: SimulationOptions): SimulatedMessage[] {
  const random = seededRandom((options.seed ?? 1) + 7);
  const orders = generateWorkOrders({
    seed: options.seed ?? 1,
    ...(options.utilityCode === undefined ? {} : { utilityCode: options.utilityCode }),
    ...(options.from === undefined ? {} : { from: options.from }),
  });
  const planned: SimulatedMessage[] = [];
  const valid: SimulatedMessage[] = [];
  let variant = 0;
  while (planned.length < options.count) {
    const roll = random();
    if (valid.length > 0 && roll < (options.duplicates ?? 0)) {
      const original = valid[Math.floor(random() * valid.length)];
      if (original !== undefined) {
        planned.push({
          message: { ...original.message, messageId: randomUUID() },
          expectation: 'duplicate',
          externalId: original.externalId,
        });
        continue;
      }
    }
    const order = orders.next().value;
    if (order === undefined) break;
    if (roll > 1 - (options.invalid ?? 0)) {
      const broken = invalidVariants[variant++ % invalidVariants.length];
      if (broken === undefined) continue;
      planned.push({
        message: { body: broken(order), contentType: 'application/json', messageId: randomUUID() },
        expectation: 'rejected',
      });
      continue;
    }
    const simulated: SimulatedMessage = {
      message: { body: order, contentType: 'application/json', messageId: randomUUID(), subject: order.kind },
      expectation: 'accepted',
      externalId: order.externalId,
    };
    valid.push(simulated);
    planned.push(simulated);
  }
  return planned;
}

/** Sends in batches as large as the queue takes, in order. */
export async function sendSimulation(
  sender: ServiceBusSender,
  messages: readonly SimulatedMessage[],
): Promise<void> {
  let batch = await sender.createMessageBatch();
  for (const { message } of messages) {
    if (batch.tryAddMessage(message)) continue;
    await sender.sendMessages(batch);
    batch = await sender.createMessageBatch();
    if (!batch.tryAddMessage(message))
      throw new Error(`message ${message.messageId} is too large for a batch`);
  }
  if (batch.count > 0) await sender.sendMessages(batch);
}

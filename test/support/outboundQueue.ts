import type { ServiceBusClient, ServiceBusReceivedMessage, ServiceBusReceiver } from '@azure/service-bus';
import { queueName } from '../../shared/resources';

/**
 * The utility's side of the outbound queue in a test: collects every answer, so tests can wait
 * for a count and then assert on exactly what arrived (and that nothing more did).
 */
export class UtilityInbox {
  readonly received: ServiceBusReceivedMessage[] = [];
  readonly #receiver: ServiceBusReceiver;
  readonly #subscription: { close(): Promise<void> };

  constructor(client: ServiceBusClient) {
    this.#receiver = client.createReceiver(queueName('utilityOutbound'), { receiveMode: 'receiveAndDelete' });
    this.#subscription = this.#receiver.subscribe(
      {
        processMessage: async (message) => {
          this.received.push(message);
        },
        processError: async () => undefined,
      },
      { autoCompleteMessages: false, maxConcurrentCalls: 16 },
    );
  }

  /** Waits until at least `count` answers arrived (or fails after `timeoutMs`). */
  async waitFor(count: number, timeoutMs = 20_000): Promise<ServiceBusReceivedMessage[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.received.length < count) {
      if (Date.now() > deadline) {
        throw new Error(`expected ${count} outbound messages, got ${this.received.length}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    return this.received;
  }

  /** Answers to one inbound message. */
  answersTo(messageId: string): ServiceBusReceivedMessage[] {
    return this.received.filter((message) => message.correlationId === messageId);
  }

  kinds(): string[] {
    return this.received.map((message) => String(message.applicationProperties?.['kind']));
  }

  async close(): Promise<void> {
    await this.#subscription.close();
    await this.#receiver.close();
  }
}

/**
 * Polls until `check` returns a value, for effects that land asynchronously. The bound is only a
 * safety net against a hang, so it is generous: CI shares two cores between parallel test files,
 * and a follow-up journey's first invitation once took over 20 s of wall time there.
 */
export async function eventually<T>(check: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

import type { OutboxMessage } from './outboxMessage';

export type OutboxListener = (message: OutboxMessage) => void;

/**
 * The record of the `keep` most recent sent messages and who wants to hear about new ones. Bounded
 * because the outbox runs inside the local host: in Azure the messages leave the app for ACS.
 */
export class OutboxRecorder {
  private recorded: OutboxMessage[] = [];
  private readonly listeners = new Set<OutboxListener>();

  constructor(
    private readonly keep: number,
    private readonly onListenerError: (error: unknown) => void,
  ) {}

  record(message: OutboxMessage): void {
    const frozen = Object.freeze({
      ...message,
      to: Object.freeze([...message.to]),
      links: Object.freeze([...message.links]),
    });
    this.recorded.push(frozen);
    // Trimmed in one slice per `keep` messages, so recording stays O(1) amortised.
    if (this.recorded.length >= 2 * this.keep) this.recorded = this.recorded.slice(-this.keep);
    for (const listener of [...this.listeners]) {
      // A failing listener (a test's assertion, the runtime's page refresher) must not fail the send.
      try {
        listener(frozen);
      } catch (error) {
        this.onListenerError(error);
      }
    }
  }

  messages(): readonly OutboxMessage[] {
    return this.recorded.slice(-this.keep);
  }

  clear(): void {
    this.recorded = [];
  }

  onMessage(listener: OutboxListener): () => void {
    const registration: OutboxListener = (message) => listener(message);
    this.listeners.add(registration);
    return () => {
      this.listeners.delete(registration);
    };
  }
}

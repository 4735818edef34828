import type { OutboxMessage } from './outboxMessage';

export type OutboxListener = (message: OutboxMessage) => void;

/** The record of sent messages and who wants to hear about new ones. */
export class OutboxRecorder {
  private readonly recorded: OutboxMessage[] = [];
  private readonly listeners = new Set<OutboxListener>();

  constructor(private readonly onListenerError: (error: unknown) => void) {}

  record(message: OutboxMessage): void {
    const frozen = Object.freeze({
      ...message,
      to: Object.freeze([...message.to]),
      links: Object.freeze([...message.links]),
    });
    this.recorded.push(frozen);
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
    return [...this.recorded];
  }

  clear(): void {
    this.recorded.length = 0;
  }

  onMessage(listener: OutboxListener): () => void {
    const registration: OutboxListener = (message) => listener(message);
    this.listeners.add(registration);
    return () => {
      this.listeners.delete(registration);
    };
  }
}

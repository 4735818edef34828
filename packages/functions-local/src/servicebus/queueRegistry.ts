import type { Clock } from '../clock';
import type { BrokerJournal } from './brokerJournal';
import { entityPathOf, type SubQueue } from './entityAddress';
import { MessageEntity } from './messageEntity';
import { resolveQueue, type QueueDefinition } from './queueDefinition';

export interface QueueStats {
  /** Messages in the queue that are not deferred or scheduled, locked ones included. */
  readonly active: number;
  readonly locked: number;
  readonly scheduled: number;
  readonly deferred: number;
  readonly deadLetter: number;
}

interface QueueEntities {
  readonly main: MessageEntity;
  readonly deadLetter: MessageEntity;
}

/** The broker's queues and their dead-letter queues, found by name as Service Bus does (ignoring case). */
export class QueueRegistry {
  readonly #queues = new Map<string, QueueEntities>();
  readonly #forwarding = new Map<string, string>();

  /** Throws listing every definition it cannot run, so a bad manifest fails at start. */
  constructor(definitions: readonly QueueDefinition[], clock: Clock, journal?: BrokerJournal) {
    const problems: string[] = [];
    for (const definition of definitions) {
      const resolved = resolveQueue(definition);
      if (!resolved.ok) {
        problems.push(resolved.error);
        continue;
      }
      const settings = resolved.value;
      const key = settings.name.toLowerCase();
      if (this.#queues.has(key)) {
        problems.push(`queue '${settings.name}' is defined twice`);
        continue;
      }
      const sequence = { next: journal?.nextSequence(settings.name) ?? 1 };
      const deadLetterPath = entityPathOf(settings.name, 'deadLetter');
      const deadLetter = new MessageEntity({
        path: deadLetterPath,
        settings,
        clock,
        sequence,
        deadLetterQueue: undefined,
        ...(journal ? { journal: journal.entity(deadLetterPath) } : {}),
      });
      const main = new MessageEntity({
        path: settings.name,
        settings,
        clock,
        sequence,
        deadLetterQueue: deadLetter,
        ...(journal ? { journal: journal.entity(settings.name) } : {}),
      });
      if (journal) {
        deadLetter.restore(journal.restored(deadLetterPath));
        main.restore(journal.restored(settings.name));
      }
      this.#queues.set(key, { main, deadLetter });
      if (settings.forwardTo !== undefined) this.#forwarding.set(key, settings.forwardTo);
    }
    problems.push(...this.#wireForwarding());
    if (problems.length > 0) throw new Error(`Service Bus broker: ${problems.join('; ')}`);
  }

  /**
   * Auto-forwarding as Service Bus allows it: the destination must exist in the namespace, and a
   * chain may not loop nor exceed four hops (https://learn.microsoft.com/azure/service-bus-messaging/service-bus-auto-forwarding).
   */
  #wireForwarding(): string[] {
    const problems: string[] = [];
    for (const [key, { main }] of this.#queues) {
      const first = this.#forwarding.get(key);
      if (first === undefined) continue;
      const target = this.#queues.get(first.toLowerCase());
      if (!target) {
        problems.push(`queue '${main.path}' forwards to '${first}', which is not defined`);
        continue;
      }
      const seen = new Set([key]);
      let hops = 1;
      let next = first.toLowerCase();
      for (;;) {
        if (seen.has(next)) {
          problems.push(`queue '${main.path}' auto-forwards in a loop`);
          break;
        }
        seen.add(next);
        const onward = this.#forwarding.get(next);
        if (onward === undefined) break;
        hops++;
        next = onward.toLowerCase();
      }
      if (hops > 4) problems.push(`queue '${main.path}' auto-forwards over more than four hops`);
      main.forwardTo(target.main);
    }
    return problems;
  }

  entity(queue: string, subQueue: SubQueue): MessageEntity | undefined {
    const entities = this.#queues.get(queue.toLowerCase());
    if (!entities) return undefined;
    return subQueue === 'main' ? entities.main : entities.deadLetter;
  }

  *entities(): Iterable<MessageEntity> {
    for (const { main, deadLetter } of this.#queues.values()) {
      yield main;
      yield deadLetter;
    }
  }

  stats(queue: string): QueueStats {
    const entities = this.#queues.get(queue.toLowerCase());
    if (!entities) throw new Error(`Service Bus broker has no queue '${queue}'`);
    return { ...entities.main.stats(), deadLetter: entities.deadLetter.stats().active };
  }
}

import type { Clock } from '../clock';
import type { BrokerJournal } from './brokerJournal';
import { entityPathOf, type SubQueue } from './entityAddress';
import { MessageEntity, type MessageIntake, type SequenceSource } from './messageEntity';
import { resolveQueue, type QueueDefinition, type QueueSettings } from './queueDefinition';
import { definitionOfRule, ruleFromDefinition, type Rule } from './rules/rule';
import { Subscription, Topic } from './topic';
import { resolveTopic, type TopicDefinition } from './topicDefinition';

export interface QueueStats {
  /** Messages in the queue that are not deferred or scheduled, locked ones included. */
  readonly active: number;
  readonly locked: number;
  readonly scheduled: number;
  readonly deferred: number;
  readonly deadLetter: number;
}

/** A queue or a subscription: the receivable entity and its dead-letter queue. */
interface ReceivableEntities {
  readonly main: MessageEntity;
  readonly deadLetter: MessageEntity;
  readonly subscription: Subscription | undefined;
}

/**
 * The broker's namespace: queues, topics and their subscriptions, each receivable entity with its
 * dead-letter queue, found by path ignoring case as Service Bus does.
 */
export class QueueRegistry {
  readonly #receivable = new Map<string, ReceivableEntities>();
  readonly #topics = new Map<string, Topic>();
  readonly #forwarding = new Map<string, string>();
  readonly #clock: Clock;
  readonly #journal: BrokerJournal | undefined;

  /** Throws listing every definition it cannot run, so a bad manifest fails at start. */
  constructor(
    definitions: readonly QueueDefinition[],
    clock: Clock,
    journal?: BrokerJournal,
    topics: readonly TopicDefinition[] = [],
  ) {
    this.#clock = clock;
    this.#journal = journal;
    const problems: string[] = [];
    for (const definition of definitions) {
      const resolved = resolveQueue(definition);
      if (!resolved.ok) {
        problems.push(resolved.error);
        continue;
      }
      const settings = resolved.value;
      if (this.#taken(settings.name)) {
        problems.push(`entity '${settings.name}' is defined twice`);
        continue;
      }
      const sequence = { next: journal?.nextSequence(settings.name) ?? 1 };
      this.#receivable.set(settings.name.toLowerCase(), {
        ...this.#entities(settings.name, settings, sequence),
        subscription: undefined,
      });
      if (settings.forwardTo !== undefined)
        this.#forwarding.set(settings.name.toLowerCase(), settings.forwardTo);
    }
    for (const definition of topics) {
      const resolved = resolveTopic(definition);
      if (!resolved.ok) {
        problems.push(resolved.error);
        continue;
      }
      const settings = resolved.value;
      if (this.#taken(settings.name)) {
        problems.push(`entity '${settings.name}' is defined twice`);
        continue;
      }
      // One numbering for the topic and all its subscriptions: numbers stay unique across the topic.
      const sequence = { next: journal?.nextSequence(settings.name) ?? 1 };
      const store = this.#entity(settings.name, settings.entity, sequence, undefined);
      const subscriptions = settings.subscriptions.map((sub) => {
        const entities = this.#entities(sub.path, sub.entity, sequence);
        const subscription = new Subscription(
          sub,
          entities,
          this.#rulesOf(sub.path, sub.rules, problems),
          (rules) => journal?.saveRules(sub.path, rules.map(definitionOfRule)),
        );
        this.#receivable.set(sub.path.toLowerCase(), { ...entities, subscription });
        if (sub.entity.forwardTo !== undefined)
          this.#forwarding.set(sub.path.toLowerCase(), sub.entity.forwardTo);
        return subscription;
      });
      this.#topics.set(settings.name.toLowerCase(), new Topic(settings.name, store, subscriptions));
    }
    problems.push(...this.#wireForwarding());
    if (problems.length > 0) throw new Error(`Service Bus broker: ${problems.join('; ')}`);
  }

  #taken(name: string): boolean {
    const key = name.toLowerCase();
    return this.#receivable.has(key) || this.#topics.has(key);
  }

  /** The manifest's rules, unless the rule manager changed them in a previous run. */
  #rulesOf(path: string, declared: readonly Rule[], problems: string[]): Rule[] {
    const kept = this.#journal?.restoredRules(path);
    if (kept === undefined) return [...declared];
    const rules: Rule[] = [];
    for (const definition of kept) {
      const rule = ruleFromDefinition(definition);
      if (rule.ok) rules.push(rule.value);
      else problems.push(`subscription '${path}': kept ${rule.error}`);
    }
    return rules;
  }

  #entity(
    path: string,
    settings: QueueSettings,
    sequence: SequenceSource,
    deadLetterQueue: MessageEntity | undefined,
  ): MessageEntity {
    const entity = new MessageEntity({
      path,
      settings,
      clock: this.#clock,
      sequence,
      deadLetterQueue,
      ...(this.#journal ? { journal: this.#journal.entity(path) } : {}),
    });
    return entity;
  }

  #entities(
    path: string,
    settings: QueueSettings,
    sequence: SequenceSource,
  ): { main: MessageEntity; deadLetter: MessageEntity } {
    const deadLetterPath = entityPathOf(path, 'deadLetter');
    const deadLetter = this.#entity(deadLetterPath, settings, sequence, undefined);
    const main = this.#entity(path, settings, sequence, deadLetter);
    return { main, deadLetter };
  }

  /** Takes back what the journal kept; after construction, once the broker listens for availability. */
  restore(): void {
    if (!this.#journal) return;
    for (const { main, deadLetter } of this.#receivable.values()) {
      deadLetter.restore(this.#journal.restored(deadLetter.path));
      main.restore(this.#journal.restored(main.path));
    }
    // Last: a topic message that was kept but not yet routed is routed now, into restored subscriptions.
    for (const topic of this.#topics.values()) topic.store.restore(this.#journal.restored(topic.path));
  }

  #intake(path: string): MessageIntake | undefined {
    const key = path.toLowerCase();
    return this.#topics.get(key) ?? this.#receivable.get(key)?.main;
  }

  /**
   * Auto-forwarding as Service Bus allows it: the destination (a queue or a topic) must exist in the
   * namespace, and a chain may not loop nor exceed four hops
   * (https://learn.microsoft.com/azure/service-bus-messaging/service-bus-auto-forwarding). Through a
   * topic the chain continues along each subscription that forwards.
   */
  #wireForwarding(): string[] {
    const problems: string[] = [];
    const onward = (key: string): string[] => {
      const topic = this.#topics.get(key);
      if (topic) return [...topic.subscriptions()].map((sub) => sub.path.toLowerCase());
      const next = this.#forwarding.get(key);
      return next === undefined ? [] : [next.toLowerCase()];
    };
    const longest = (key: string, path: readonly string[]): number | 'loop' => {
      if (path.includes(key)) return 'loop';
      let best = 0;
      for (const next of onward(key)) {
        const hops = longest(next, [...path, key]);
        if (hops === 'loop') return 'loop';
        best = Math.max(best, hops + (this.#topics.has(key) ? 0 : 1));
      }
      return best;
    };
    for (const [key, destination] of this.#forwarding) {
      const source = this.#receivable.get(key);
      const target = this.#intake(destination);
      if (!source) continue;
      if (!target) {
        problems.push(`'${source.main.path}' forwards to '${destination}', which is not defined`);
        continue;
      }
      const hops = longest(key, []);
      if (hops === 'loop') problems.push(`'${source.main.path}' auto-forwards in a loop`);
      else if (hops > 4) problems.push(`'${source.main.path}' auto-forwards over more than four hops`);
      source.main.forwardTo(target);
    }
    return problems;
  }

  /** A queue's or subscription's entity, or its dead-letter queue. */
  entity(path: string, subQueue: SubQueue): MessageEntity | undefined {
    const entities = this.#receivable.get(path.toLowerCase());
    if (!entities) return undefined;
    return subQueue === 'main' ? entities.main : entities.deadLetter;
  }

  subscription(path: string): Subscription | undefined {
    return this.#receivable.get(path.toLowerCase())?.subscription;
  }

  topic(path: string): Topic | undefined {
    return this.#topics.get(path.toLowerCase());
  }

  /** Every message entity, topics' holding entities included. */
  *entities(): Iterable<MessageEntity> {
    for (const topic of this.#topics.values()) yield topic.store;
    for (const { main, deadLetter } of this.#receivable.values()) {
      yield main;
      yield deadLetter;
    }
  }

  /** Counts for a queue or a subscription (`<topic>/Subscriptions/<name>`). */
  stats(path: string): QueueStats {
    const entities = this.#receivable.get(path.toLowerCase());
    if (!entities) throw new Error(`Service Bus broker has no queue or subscription '${path}'`);
    return { ...entities.main.stats(), deadLetter: entities.deadLetter.stats().active };
  }
}

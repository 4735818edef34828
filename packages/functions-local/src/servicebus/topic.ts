import { err, ok, type Result } from '../result';
import { badRequest, messageNotFound, notAllowed, type BrokerError } from './amqpErrors';
import type { MessageContent } from './messageContent';
import type { EnqueueOutcome, MessageEntity, MessageIntake, RoutableMessage } from './messageEntity';
import { applyAction, ruleSelects, type Rule } from './rules/rule';
import { FilterEvaluationError } from './rules/sqlEvaluate';
import type { RoutedMessage } from './rules/systemProperties';
import type { SubscriptionSettings } from './topicDefinition';

/** A topic subscription: its message entity (with dead-letter queue) and its rules, which can change at run time. */
export class Subscription {
  readonly path: string;
  readonly main: MessageEntity;
  readonly deadLetter: MessageEntity;
  readonly #settings: SubscriptionSettings;
  readonly #rules: Rule[];
  readonly #onRulesChanged: (rules: readonly Rule[]) => void;

  constructor(
    settings: SubscriptionSettings,
    entities: { readonly main: MessageEntity; readonly deadLetter: MessageEntity },
    rules: readonly Rule[],
    onRulesChanged: (rules: readonly Rule[]) => void,
  ) {
    this.path = settings.path;
    this.#settings = settings;
    this.main = entities.main;
    this.deadLetter = entities.deadLetter;
    this.#rules = [...rules];
    this.#onRulesChanged = onRulesChanged;
  }

  get rules(): readonly Rule[] {
    return this.#rules;
  }

  get requiresSession(): boolean {
    return this.main.requiresSession;
  }

  /** `com.microsoft:add-rule`: a name already used is refused, as Service Bus answers 409 MessagingEntityAlreadyExists. */
  addRule(rule: Rule): Result<void, BrokerError> {
    if (this.#rules.some((existing) => existing.name.toLowerCase() === rule.name.toLowerCase())) {
      return err({
        condition: 'com.microsoft:entity-already-exists',
        status: 409,
        description: `The messaging entity '${this.path}/Rules/${rule.name}' already exists.`,
      });
    }
    this.#rules.push(rule);
    this.#onRulesChanged(this.#rules);
    return ok(undefined);
  }

  removeRule(name: string): Result<void, BrokerError> {
    const index = this.#rules.findIndex((rule) => rule.name.toLowerCase() === name.toLowerCase());
    if (index < 0)
      return err(messageNotFound(`The messaging entity '${this.path}/Rules/${name}' could not be found.`));
    this.#rules.splice(index, 1);
    this.#onRulesChanged(this.#rules);
    return ok(undefined);
  }

  /**
   * The copies this subscription takes of a message: one if any rule without an action selects it
   * (those rules are OR'd), plus one per selecting rule with an action
   * (https://learn.microsoft.com/azure/service-bus-messaging/topic-filters). A filter or action that
   * cannot be evaluated dead-letters the message here when the subscription says so.
   */
  copiesOf(message: RoutedMessage): Result<MessageContent[], string> {
    const copies: MessageContent[] = [];
    let plain = false;
    try {
      for (const rule of this.#rules) {
        if (!ruleSelects(rule, message)) continue;
        if (rule.action) copies.push(applyAction(rule, message));
        else plain = true;
      }
    } catch (error) {
      if (error instanceof FilterEvaluationError) return err(error.message);
      throw error;
    }
    if (plain) copies.unshift(message.content);
    return ok(copies);
  }

  route(message: RoutedMessage): void {
    const copies = this.copiesOf(message);
    if (!copies.ok) {
      if (this.#settings.deadLetteringOnFilterEvaluationExceptions)
        this.main.enqueueDeadLettered(message.content, 'FilterEvaluationException', copies.error);
      return;
    }
    for (const copy of copies.value) this.main.enqueue(copy);
  }
}

/**
 * A topic: what senders send to it is stored in a holding entity (which does duplicate detection and
 * keeps scheduled messages until they are due), then routed at once into every subscription whose
 * rules select it. Nothing can be received from the topic itself.
 */
export class Topic implements MessageIntake {
  readonly path: string;
  /** The holding entity; `$management` scheduling on the topic works on it. */
  readonly store: MessageEntity;
  readonly #subscriptions = new Map<string, Subscription>();
  #routing = false;

  constructor(path: string, store: MessageEntity, subscriptions: readonly Subscription[]) {
    this.path = path;
    this.store = store;
    for (const subscription of subscriptions) {
      const name = subscription.path.slice(subscription.path.lastIndexOf('/') + 1).toLowerCase();
      this.#subscriptions.set(name, subscription);
    }
    store.onAvailable(() => this.#route());
  }

  subscriptions(): Iterable<Subscription> {
    return this.#subscriptions.values();
  }

  subscription(name: string): Subscription | undefined {
    return this.#subscriptions.get(name.toLowerCase());
  }

  /**
   * Refuses a send as Service Bus refuses one to a session-enabled entity: a message without a
   * session id that a session-enabled subscription would take.
   */
  refusal(contents: readonly MessageContent[]): BrokerError | undefined {
    for (const content of contents) {
      if (typeof content.rest.group_id === 'string') continue;
      const probe: RoutedMessage = { content, sequenceNumber: 0, enqueuedAt: Date.now(), size: 0 };
      for (const subscription of this.#subscriptions.values()) {
        const copies = subscription.copiesOf(probe);
        if (subscription.requiresSession && copies.ok && copies.value.length > 0) {
          return notAllowed(
            `The SessionId was not set on a message, and it cannot be sent to the entity. Subscription ` +
              `'${subscription.path}' has session support enabled and can only receive messages that have the SessionId set.`,
          );
        }
      }
    }
    return undefined;
  }

  enqueue(content: MessageContent): EnqueueOutcome {
    const outcome = this.store.enqueue(content);
    this.#route();
    return outcome;
  }

  /** Sequence numbers and schedules belong to the holding entity; checks the message is for a topic. */
  schedule(content: MessageContent, at: number): Result<number, BrokerError> {
    if (this.refusal([content]))
      return err(badRequest('a message for a session-enabled subscription needs a SessionId'));
    return ok(this.store.schedule(content, at));
  }

  #route(): void {
    if (this.#routing) return;
    this.#routing = true;
    try {
      this.store.drainTo((message: RoutableMessage) => {
        const routed: RoutedMessage = { ...message, size: message.content.restBytes.length };
        for (const subscription of this.#subscriptions.values()) subscription.route(routed);
      });
    } finally {
      this.#routing = false;
    }
  }
}

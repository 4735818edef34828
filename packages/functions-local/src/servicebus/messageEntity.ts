import { randomUUID } from 'node:crypto';
import { err, ok, type Result } from '../result';
import type { Clock, ClockTimer } from '../clock';
import {
  lockLost,
  messageNotFound,
  noSessionAvailable,
  sessionCannotBeLocked,
  sessionLockLost,
  type BrokerError,
} from './amqpErrors';
import { message as amqpMessage } from 'rhea';
import type { EntityJournal, EntityState } from './brokerJournal';
import {
  annotation,
  contentFromMessage,
  encodeForDelivery,
  withApplicationProperties,
  type ApplicationProperties,
  type MessageContent,
} from './messageContent';
import type { QueueSettings } from './queueDefinition';
import { SequenceHeap } from './sequenceHeap';

export type ReceiveMode = 'peekLock' | 'receiveAndDelete';

/** How a receiver settles a locked message (link outcome or `$management` update-disposition). */
export type Disposition =
  | { readonly kind: 'complete' }
  | { readonly kind: 'abandon'; readonly properties: ApplicationProperties }
  | { readonly kind: 'defer'; readonly properties: ApplicationProperties }
  | {
      readonly kind: 'deadLetter';
      readonly reason: string | undefined;
      readonly description: string | undefined;
      readonly properties: ApplicationProperties;
    }
  /** AMQP `released`: the receiver gave the message back without trying it, so it does not count. */
  | { readonly kind: 'release' };

type MessageState = 'active' | 'deferred' | 'scheduled';

// Values of `x-opt-message-state`, which the SDK maps to `state` on a received or peeked message.
const messageStateCode: Readonly<Record<MessageState, number>> = { active: 0, deferred: 1, scheduled: 2 };

interface MessageLock {
  readonly token: string;
  lockedUntil: number;
  timer: ClockTimer;
  /** A message received through a session is locked by the session's lock, not by its own. */
  readonly sessionId?: string;
}

/** A session's lock (held by one receiver link) and its state, kept while the entity lives. */
interface Session {
  state: Buffer | undefined;
  lock: { readonly owner: string; lockedUntil: number; timer: ClockTimer } | undefined;
}

export interface SessionLease {
  readonly sessionId: string;
  readonly lockedUntil: number;
}

const sessionIdOf = (content: MessageContent): string | undefined => {
  const id = content.rest.group_id;
  return typeof id === 'string' ? id : undefined;
};

interface StoredMessage {
  readonly sequenceNumber: number;
  content: MessageContent;
  enqueuedAt: number;
  /** Epoch ms after which the message expires; `Infinity` in a dead-letter queue. */
  expiresAt: number;
  /** Effective time-to-live put in the delivered header. */
  readonly ttl: number | undefined;
  state: MessageState;
  /** Deliveries that ended in abandon or lock expiry; the AMQP header carries it as `delivery-count`. */
  deliveryCount: number;
  lock: MessageLock | undefined;
  inHeap: boolean;
  scheduleTimer: ClockTimer | undefined;
  readonly deadLetterSource: string | undefined;
}

/** A message handed to a receiver: the bytes to transfer and, in peek-lock, the lock token (a GUID). */
export interface Delivered {
  readonly sequenceNumber: number;
  readonly lockToken: string | undefined;
  readonly bytes: Buffer;
}

export interface EntityStats {
  readonly active: number;
  readonly locked: number;
  readonly scheduled: number;
  readonly deferred: number;
}

export type EnqueueOutcome =
  | { readonly kind: 'enqueued'; readonly sequenceNumber: number }
  | { readonly kind: 'scheduled'; readonly sequenceNumber: number }
  | { readonly kind: 'duplicate' };

/** Where a sender's message can go: a queue or a topic (auto-forwarding names either). */
export interface MessageIntake {
  readonly path: string;
  enqueue(content: MessageContent): EnqueueOutcome;
}

/** A message a topic takes from its holding entity to route into its subscriptions. */
export interface RoutableMessage {
  readonly content: MessageContent;
  readonly sequenceNumber: number;
  readonly enqueuedAt: number;
}

/** The numbering a queue shares with its dead-letter queue, so a dead-lettered message keeps its number. */
export interface SequenceSource {
  next: number;
}

// The largest header `ttl` (a uint); longer lives go out without one, which the SDK reads as "never".
const maxHeaderTtl = 0xffff_ffff;

export interface EntityOptions {
  /** Entity path as clients address it: `orders` or `orders/$deadletterqueue`. */
  readonly path: string;
  readonly settings: QueueSettings;
  readonly clock: Clock;
  readonly sequence: SequenceSource;
  /** Where expired and failed messages go; absent for a dead-letter queue itself. */
  readonly deadLetterQueue: MessageEntity | undefined;
  /** Keeps the entity's messages across restarts; in memory only when absent. */
  readonly journal?: EntityJournal;
}

/**
 * One receivable entity (a queue or its dead-letter queue) with Service Bus message semantics:
 * peek-lock with expiring, renewable locks; delivery counts and max-delivery dead-lettering; deferral;
 * scheduled enqueue; time-to-live; duplicate detection. All time comes from the injected clock.
 */
export class MessageEntity implements MessageIntake {
  readonly path: string;
  readonly #settings: QueueSettings;
  readonly #clock: Clock;
  readonly #sequence: SequenceSource;
  readonly #deadLetterQueue: MessageEntity | undefined;
  readonly #messages = new Map<number, StoredMessage>();
  readonly #available = new SequenceHeap();
  readonly #locks = new Map<string, StoredMessage>();
  /** Duplicate-detection history: message id → enqueue time, oldest first. */
  readonly #seenIds = new Map<string, number>();
  readonly #availableListeners = new Set<() => void>();
  readonly #sessions = new Map<string, Session>();
  readonly #sessionLostListeners = new Set<(sessionId: string, owner: string) => void>();
  /** Only a queue that requires sessions; its dead-letter queue is read without them. */
  readonly requiresSession: boolean;
  #forwardTo: MessageIntake | undefined;
  #expiryTimer: { readonly at: number; readonly timer: ClockTimer } | undefined;
  #closed = false;
  readonly #journal: EntityJournal | undefined;

  constructor(options: EntityOptions) {
    this.path = options.path;
    this.#settings = options.settings;
    this.#clock = options.clock;
    this.#sequence = options.sequence;
    this.#deadLetterQueue = options.deadLetterQueue;
    this.requiresSession = options.settings.requiresSession && options.deadLetterQueue !== undefined;
    this.#journal = options.journal;
  }

  /** Called when a session lock expires, so the broker can detach the receiver that held it. */
  onSessionLockLost(listener: (sessionId: string, owner: string) => void): () => void {
    this.#sessionLostListeners.add(listener);
    return () => this.#sessionLostListeners.delete(listener);
  }

  /**
   * Locks a session for one receiver link: the named one (refused while another receiver holds it),
   * or the session of the oldest available message whose session is free (acceptNextSession).
   */
  acceptSession(sessionId: string | undefined, owner: string): Result<SessionLease, BrokerError> {
    const now = this.#clock.now();
    const chosen = sessionId ?? this.#nextFreeSession(now);
    if (chosen === undefined) return err(noSessionAvailable());
    const session = this.#session(chosen);
    if (session.lock && session.lock.owner !== owner && session.lock.lockedUntil > now) {
      return err(
        sessionCannotBeLocked(
          `The requested session '${chosen}' cannot be accepted. It may be locked by another receiver.`,
        ),
      );
    }
    session.lock?.timer.cancel();
    const lockedUntil = now + this.#settings.lockDurationMs;
    session.lock = { owner, lockedUntil, timer: { cancel: () => undefined } };
    session.lock.timer = this.#clock.setTimer(lockedUntil, () => this.#sessionLockExpired(chosen, owner));
    return ok({ sessionId: chosen, lockedUntil });
  }

  /** `renewSessionLock`: a new expiry for the session and the messages received under it. */
  renewSessionLock(sessionId: string): Result<number, BrokerError> {
    const lock = this.#sessions.get(sessionId)?.lock;
    const now = this.#clock.now();
    if (!lock || lock.lockedUntil <= now) return err(sessionLockLost(sessionId));
    lock.timer.cancel();
    lock.lockedUntil = now + this.#settings.lockDurationMs;
    lock.timer = this.#clock.setTimer(lock.lockedUntil, () =>
      this.#sessionLockExpired(sessionId, lock.owner),
    );
    for (const message of this.#locks.values()) {
      if (message.lock?.sessionId === sessionId) message.lock.lockedUntil = lock.lockedUntil;
    }
    return ok(lock.lockedUntil);
  }

  getSessionState(sessionId: string): Result<Buffer | undefined, BrokerError> {
    if (!this.#holdsSession(sessionId)) return err(sessionLockLost(sessionId));
    return ok(this.#sessions.get(sessionId)?.state);
  }

  setSessionState(sessionId: string, state: Buffer | undefined): Result<void, BrokerError> {
    if (!this.#holdsSession(sessionId)) return err(sessionLockLost(sessionId));
    this.#session(sessionId).state = state;
    this.#journal?.sessionState(sessionId, state === undefined ? null : state.toString('base64'));
    return ok(undefined);
  }

  /** The receiver closed its link: the session is free again and its locked messages go back. */
  releaseSession(sessionId: string, owner: string): void {
    const session = this.#sessions.get(sessionId);
    if (!session?.lock || session.lock.owner !== owner) return;
    session.lock.timer.cancel();
    session.lock = undefined;
    for (const message of [...this.#locks.values()]) {
      if (message.lock?.sessionId !== sessionId) continue;
      this.#unlock(message);
      this.#afterUnlock(message);
    }
    this.#notifyAvailable();
  }

  #holdsSession(sessionId: string): boolean {
    const lock = this.#sessions.get(sessionId)?.lock;
    return lock !== undefined && lock.lockedUntil > this.#clock.now();
  }

  #session(sessionId: string): Session {
    let session = this.#sessions.get(sessionId);
    if (!session) {
      session = { state: undefined, lock: undefined };
      this.#sessions.set(sessionId, session);
    }
    return session;
  }

  #nextFreeSession(now: number): string | undefined {
    let best: StoredMessage | undefined;
    for (const message of this.#messages.values()) {
      if (!message.inHeap || message.state !== 'active' || message.expiresAt <= now) continue;
      const id = sessionIdOf(message.content);
      if (id === undefined) continue;
      const lock = this.#sessions.get(id)?.lock;
      if (lock && lock.lockedUntil > now) continue;
      if (!best || message.sequenceNumber < best.sequenceNumber) best = message;
    }
    return best && sessionIdOf(best.content);
  }

  /** Losing the session lock loses the message locks under it: those deliveries failed. */
  #sessionLockExpired(sessionId: string, owner: string): void {
    const session = this.#sessions.get(sessionId);
    if (this.#closed || !session?.lock || session.lock.owner !== owner) return;
    session.lock = undefined;
    for (const message of [...this.#locks.values()]) {
      if (message.lock?.sessionId !== sessionId) continue;
      this.#unlock(message);
      this.#failDelivery(message);
    }
    for (const listener of this.#sessionLostListeners) listener(sessionId, owner);
    this.#notifyAvailable();
  }

  #notifyAvailable(): void {
    for (const listener of this.#availableListeners) listener();
  }

  /** The oldest available message of a session the caller holds, in sequence order (FIFO per session). */
  receiveFromSession(mode: ReceiveMode, sessionId: string): Delivered | undefined {
    const now = this.#clock.now();
    const lock = this.#sessions.get(sessionId)?.lock;
    if (!lock || lock.lockedUntil <= now) return undefined;
    let next: StoredMessage | undefined;
    for (const message of this.#messages.values()) {
      if (!message.inHeap || message.state !== 'active' || sessionIdOf(message.content) !== sessionId)
        continue;
      if (!next || message.sequenceNumber < next.sequenceNumber) next = message;
    }
    if (!next) return undefined;
    next.inHeap = false;
    if (next.expiresAt <= now) {
      this.#expire(next);
      return this.receiveFromSession(mode, sessionId);
    }
    return this.#hand(next, mode, now, { sessionId, lockedUntil: lock.lockedUntil });
  }

  /** Takes back what a previous run persisted: messages keep their numbers, states and counts; locks are gone. */
  restore(state: EntityState): void {
    for (const { key, at } of state.seen) this.#seenIds.set(key, at);
    for (const { sessionId, state: kept } of state.sessionStates)
      this.#session(sessionId).state = Buffer.from(kept, 'base64');
    for (const persisted of state.messages) {
      const message: StoredMessage = {
        sequenceNumber: persisted.sequenceNumber,
        content: contentFromMessage(amqpMessage.decode(Buffer.from(persisted.bytes, 'base64'))),
        enqueuedAt: persisted.enqueuedAt,
        expiresAt: persisted.expiresAt ?? Number.POSITIVE_INFINITY,
        ttl: persisted.ttl ?? undefined,
        state: persisted.state,
        deliveryCount: persisted.deliveryCount,
        lock: undefined,
        inHeap: false,
        scheduleTimer: undefined,
        deadLetterSource: persisted.deadLetterSource ?? undefined,
      };
      this.#messages.set(message.sequenceNumber, message);
      if (message.state === 'scheduled') this.#armSchedule(message, message.enqueuedAt);
      else this.#afterUnlock(message);
    }
  }

  #persist(message: StoredMessage, durable: boolean): void {
    this.#journal?.put(
      {
        sequenceNumber: message.sequenceNumber,
        bytes: encodeForDelivery(message.content, {
          deliveryCount: 0,
          ttl: message.content.ttl,
          annotations: {},
        }).toString('base64'),
        enqueuedAt: message.enqueuedAt,
        expiresAt: Number.isFinite(message.expiresAt) ? message.expiresAt : null,
        ttl: message.ttl ?? null,
        state: message.state,
        deliveryCount: message.deliveryCount,
        deadLetterSource: message.deadLetterSource ?? null,
      },
      durable,
    );
  }

  #forget(message: StoredMessage): void {
    this.#messages.delete(message.sequenceNumber);
    this.#journal?.remove(message.sequenceNumber);
  }

  /** Called whenever a message may have become receivable; returns an unsubscribe function. */
  onAvailable(listener: () => void): () => void {
    this.#availableListeners.add(listener);
    return () => this.#availableListeners.delete(listener);
  }

  get hasAvailable(): boolean {
    return this.#available.size > 0;
  }

  /** Auto-forwarding, wired once every queue of the namespace exists. */
  forwardTo(target: MessageIntake): void {
    this.#forwardTo = target;
  }

  /**
   * Hands every available message to `route` and then forgets it: a topic's holding entity passes
   * its messages on to the subscriptions this way. The message leaves the journal only after `route`
   * returned, so a crash in between routes it again at start (at-least-once, never lost).
   */
  drainTo(route: (message: RoutableMessage) => void): void {
    const now = this.#clock.now();
    for (;;) {
      const sequenceNumber = this.#available.pop();
      if (sequenceNumber === undefined) return;
      const message = this.#messages.get(sequenceNumber);
      if (!message?.inHeap) continue;
      message.inHeap = false;
      if (message.expiresAt <= now) {
        this.#expire(message);
        continue;
      }
      route({ content: message.content, sequenceNumber, enqueuedAt: message.enqueuedAt });
      this.#forget(message);
    }
  }

  /** A message that goes straight to the dead-letter queue (a subscription filter that could not be evaluated). */
  enqueueDeadLettered(content: MessageContent, reason: string, description: string): void {
    const message = this.#newMessage(content, this.#clock.now(), 'active');
    this.#deadLetter(message, reason, description, {});
  }

  /** A message from a sender; scheduled if it carries a future `x-opt-scheduled-enqueue-time`. */
  enqueue(content: MessageContent): EnqueueOutcome {
    // An auto-forwarding queue holds nothing itself: the message is accepted into the destination.
    if (this.#forwardTo) return this.#forwardTo.enqueue(content);
    const now = this.#clock.now();
    if (this.#isDuplicate(content.messageId, now)) return { kind: 'duplicate' };
    const scheduledAt = scheduledTime(content.annotations['x-opt-scheduled-enqueue-time']);
    if (scheduledAt !== undefined && scheduledAt > now) {
      return { kind: 'scheduled', sequenceNumber: this.#addScheduled(content, scheduledAt) };
    }
    return { kind: 'enqueued', sequenceNumber: this.#addActive(content, now) };
  }

  /** `scheduleMessages`: always returns a sequence number, even when due at once (as Service Bus does). */
  schedule(content: MessageContent, scheduledAt: number): number {
    const now = this.#clock.now();
    return scheduledAt > now ? this.#addScheduled(content, scheduledAt) : this.#addActive(content, now);
  }

  cancelScheduled(sequenceNumbers: readonly number[]): void {
    for (const sequenceNumber of sequenceNumbers) {
      const message = this.#messages.get(sequenceNumber);
      if (message?.state !== 'scheduled') continue;
      message.scheduleTimer?.cancel();
      this.#forget(message);
    }
  }

  /** The oldest available message, locked (peek-lock) or removed (receive-and-delete). */
  receive(mode: ReceiveMode): Delivered | undefined {
    const now = this.#clock.now();
    for (;;) {
      const sequenceNumber = this.#available.pop();
      if (sequenceNumber === undefined) return undefined;
      const message = this.#messages.get(sequenceNumber);
      if (!message?.inHeap) continue;
      message.inHeap = false;
      if (message.expiresAt <= now) {
        this.#expire(message);
        continue;
      }
      return this.#hand(message, mode, now);
    }
  }

  /** `receiveDeferredMessages`: every number must name a deferred, unlocked message. */
  receiveDeferred(sequenceNumbers: readonly number[], mode: ReceiveMode): Result<Delivered[], BrokerError> {
    const messages: StoredMessage[] = [];
    for (const sequenceNumber of sequenceNumbers) {
      const message = this.#messages.get(sequenceNumber);
      if (message?.state !== 'deferred' || message.lock) {
        return err(
          messageNotFound(`No deferred message with sequence number ${sequenceNumber} in '${this.path}'.`),
        );
      }
      messages.push(message);
    }
    const now = this.#clock.now();
    return ok(messages.map((message) => this.#hand(message, mode, now)));
  }

  settle(lockToken: string, disposition: Disposition): Result<void, BrokerError> {
    const message = this.#locks.get(lockToken);
    if (!message?.lock) return err(lockLost());
    this.#unlock(message);
    switch (disposition.kind) {
      case 'complete':
        this.#forget(message);
        break;
      case 'abandon':
        message.content = withApplicationProperties(message.content, disposition.properties);
        this.#failDelivery(message);
        break;
      case 'defer':
        message.content = withApplicationProperties(message.content, disposition.properties);
        message.state = 'deferred';
        this.#afterUnlock(message);
        break;
      case 'deadLetter':
        this.#deadLetter(message, disposition.reason, disposition.description, disposition.properties);
        break;
      case 'release':
        this.#afterUnlock(message);
        break;
      default: {
        const unknown: never = disposition;
        throw new Error(`unknown disposition ${JSON.stringify(unknown)}`);
      }
    }
    return ok(undefined);
  }

  renewLock(lockToken: string): Result<number, BrokerError> {
    const message = this.#locks.get(lockToken);
    const lock = message?.lock;
    if (!message || !lock) return err(lockLost());
    lock.timer.cancel();
    lock.lockedUntil = this.#clock.now() + this.#settings.lockDurationMs;
    lock.timer = this.#clock.setTimer(lock.lockedUntil, () => this.#lockExpired(message, lock));
    return ok(lock.lockedUntil);
  }

  /** Active, deferred and scheduled messages from `fromSequenceNumber` on, without locking them. */
  peek(fromSequenceNumber: number, count: number): Buffer[] {
    const found: StoredMessage[] = [];
    for (const message of this.#messages.values()) {
      if (message.sequenceNumber >= fromSequenceNumber) found.push(message);
    }
    found.sort((a, b) => a.sequenceNumber - b.sequenceNumber);
    return found.slice(0, count).map((message) => this.#encode(message));
  }

  stats(): EntityStats {
    let active = 0;
    let locked = 0;
    let scheduled = 0;
    let deferred = 0;
    for (const message of this.#messages.values()) {
      if (message.lock) locked++;
      if (message.state === 'active') active++;
      else if (message.state === 'deferred') deferred++;
      else scheduled++;
    }
    return { active, locked, scheduled, deferred };
  }

  /** Stops every timer; the entity must not be used afterwards. */
  close(): void {
    this.#closed = true;
    this.#expiryTimer?.timer.cancel();
    this.#expiryTimer = undefined;
    for (const message of this.#messages.values()) {
      message.lock?.timer.cancel();
      message.scheduleTimer?.cancel();
    }
    for (const session of this.#sessions.values()) session.lock?.timer.cancel();
    this.#availableListeners.clear();
    this.#sessionLostListeners.clear();
  }

  /** A message dead-lettered from the parent queue keeps its number, enqueue time and delivery count. */
  acceptDeadLettered(source: {
    readonly sequenceNumber: number;
    readonly content: MessageContent;
    readonly enqueuedAt: number;
    readonly ttl: number | undefined;
    readonly deliveryCount: number;
    readonly deadLetterSource: string;
  }): void {
    const message: StoredMessage = {
      ...source,
      expiresAt: Number.POSITIVE_INFINITY,
      state: 'active',
      lock: undefined,
      inHeap: false,
      scheduleTimer: undefined,
    };
    this.#messages.set(message.sequenceNumber, message);
    this.#persist(message, false);
    this.#makeAvailable(message);
  }

  #isDuplicate(messageId: unknown, now: number): boolean {
    if (!this.#settings.requiresDuplicateDetection) return false;
    const key = messageIdKey(messageId);
    if (key === undefined) return false;
    const oldest = now - this.#settings.duplicateDetectionWindowMs;
    for (const [seenKey, seenAt] of this.#seenIds) {
      if (seenAt > oldest) break;
      this.#seenIds.delete(seenKey);
    }
    if (this.#seenIds.has(key)) return true;
    this.#seenIds.set(key, now);
    this.#journal?.seen(key, now);
    return false;
  }

  #newMessage(content: MessageContent, enqueuedAt: number, state: MessageState): StoredMessage {
    const ttl = Math.min(content.ttl ?? Number.POSITIVE_INFINITY, this.#settings.defaultTimeToLiveMs);
    return {
      sequenceNumber: this.#sequence.next++,
      content,
      enqueuedAt,
      expiresAt: enqueuedAt + ttl,
      ttl: ttl <= maxHeaderTtl ? ttl : undefined,
      state,
      deliveryCount: 0,
      lock: undefined,
      inHeap: false,
      scheduleTimer: undefined,
      deadLetterSource: undefined,
    };
  }

  #addActive(content: MessageContent, now: number): number {
    const message = this.#newMessage(content, now, 'active');
    this.#messages.set(message.sequenceNumber, message);
    // On disk before the sender hears it was accepted.
    this.#persist(message, true);
    this.#armExpiry(message.expiresAt);
    this.#makeAvailable(message);
    return message.sequenceNumber;
  }

  #addScheduled(content: MessageContent, scheduledAt: number): number {
    // Service Bus counts a scheduled message's life from the moment it is enqueued, not from when it was sent.
    const message = this.#newMessage(content, scheduledAt, 'scheduled');
    this.#messages.set(message.sequenceNumber, message);
    this.#persist(message, true);
    this.#armSchedule(message, scheduledAt);
    return message.sequenceNumber;
  }

  #armSchedule(message: StoredMessage, scheduledAt: number): void {
    message.scheduleTimer = this.#clock.setTimer(scheduledAt, () => {
      message.scheduleTimer = undefined;
      if (this.#closed || this.#messages.get(message.sequenceNumber) !== message) return;
      message.state = 'active';
      this.#persist(message, false);
      this.#armExpiry(message.expiresAt);
      this.#makeAvailable(message);
    });
  }

  #hand(message: StoredMessage, mode: ReceiveMode, now: number, session?: SessionLease): Delivered {
    if (mode === 'receiveAndDelete') {
      this.#forget(message);
      return { sequenceNumber: message.sequenceNumber, lockToken: undefined, bytes: this.#encode(message) };
    }
    const token = randomUUID();
    const lock: MessageLock = {
      token,
      lockedUntil: session?.lockedUntil ?? now + this.#settings.lockDurationMs,
      timer: { cancel: () => undefined },
      ...(session ? { sessionId: session.sessionId } : {}),
    };
    if (!session) lock.timer = this.#clock.setTimer(lock.lockedUntil, () => this.#lockExpired(message, lock));
    message.lock = lock;
    this.#locks.set(token, message);
    return {
      sequenceNumber: message.sequenceNumber,
      lockToken: token,
      bytes: this.#encode(message),
    };
  }

  #encode(message: StoredMessage): Buffer {
    const annotations: Record<string, unknown> = {
      'x-opt-sequence-number': annotation.long(message.sequenceNumber),
      'x-opt-enqueued-time': annotation.timestamp(message.enqueuedAt),
      'x-opt-message-state': annotation.int(messageStateCode[message.state]),
    };
    if (message.lock) annotations['x-opt-locked-until'] = annotation.timestamp(message.lock.lockedUntil);
    if (message.deadLetterSource !== undefined)
      annotations['x-opt-deadletter-source'] = message.deadLetterSource;
    return encodeForDelivery(message.content, {
      deliveryCount: message.deliveryCount,
      ttl: message.ttl,
      annotations,
    });
  }

  #lockExpired(message: StoredMessage, lock: MessageLock): void {
    if (this.#closed || message.lock !== lock) return;
    this.#unlock(message);
    this.#failDelivery(message);
  }

  #unlock(message: StoredMessage): void {
    const lock = message.lock;
    if (!lock) return;
    lock.timer.cancel();
    this.#locks.delete(lock.token);
    message.lock = undefined;
  }

  /** An abandoned or timed-out delivery counts against the message; too many and it is dead-lettered. */
  #failDelivery(message: StoredMessage): void {
    message.deliveryCount++;
    if (this.#deadLetterQueue && message.deliveryCount >= this.#settings.maxDeliveryCount) {
      this.#deadLetter(
        message,
        'MaxDeliveryCountExceeded',
        `Message could not be consumed after ${this.#settings.maxDeliveryCount} delivery attempts.`,
        {},
      );
      return;
    }
    this.#afterUnlock(message);
  }

  #afterUnlock(message: StoredMessage): void {
    if (message.expiresAt <= this.#clock.now()) {
      this.#expire(message);
      return;
    }
    this.#persist(message, false);
    if (message.state === 'active') this.#makeAvailable(message);
    else this.#armExpiry(message.expiresAt);
  }

  #makeAvailable(message: StoredMessage): void {
    if (message.inHeap) return;
    message.inHeap = true;
    this.#available.push(message.sequenceNumber);
    for (const listener of this.#availableListeners) listener();
  }

  #expire(message: StoredMessage): void {
    if (this.#settings.deadLetteringOnMessageExpiration && this.#deadLetterQueue) {
      this.#deadLetter(message, 'TTLExpiredException', 'The message expired and was dead lettered.', {});
    } else {
      this.#forget(message);
    }
  }

  #deadLetter(
    message: StoredMessage,
    reason: string | undefined,
    description: string | undefined,
    properties: ApplicationProperties,
  ): void {
    message.inHeap = false;
    const target = this.#deadLetterQueue;
    if (!target) {
      this.#forget(message);
      return;
    }
    this.#messages.delete(message.sequenceNumber);
    const stamped: Record<string, unknown> = { ...properties };
    if (reason !== undefined) stamped.DeadLetterReason = reason;
    if (description !== undefined) stamped.DeadLetterErrorDescription = description;
    target.acceptDeadLettered({
      sequenceNumber: message.sequenceNumber,
      content: withApplicationProperties(message.content, stamped),
      enqueuedAt: message.enqueuedAt,
      ttl: message.ttl,
      deliveryCount: message.deliveryCount,
      deadLetterSource: this.path,
    });
    // After the dead-letter queue has it: a crash in between keeps the message twice, never loses it.
    this.#journal?.remove(message.sequenceNumber);
  }

  /** One timer per entity at the earliest expiry, rather than one per message. */
  #armExpiry(at: number): void {
    if (this.#closed || !Number.isFinite(at)) return;
    if (this.#expiryTimer && this.#expiryTimer.at <= at) return;
    this.#expiryTimer?.timer.cancel();
    this.#expiryTimer = { at, timer: this.#clock.setTimer(at, () => this.#sweepExpired()) };
  }

  #sweepExpired(): void {
    this.#expiryTimer = undefined;
    if (this.#closed) return;
    const now = this.#clock.now();
    let next = Number.POSITIVE_INFINITY;
    for (const message of [...this.#messages.values()]) {
      // Locked messages are judged when their lock ends; scheduled ones once they are enqueued.
      if (message.lock || message.state === 'scheduled') continue;
      if (message.expiresAt <= now) this.#expire(message);
      else next = Math.min(next, message.expiresAt);
    }
    this.#armExpiry(next);
  }
}

function scheduledTime(value: unknown): number | undefined {
  if (value instanceof Date) return value.getTime();
  return typeof value === 'number' ? value : undefined;
}

function messageIdKey(messageId: unknown): string | undefined {
  if (typeof messageId === 'string') return `s:${messageId}`;
  if (typeof messageId === 'number') return `n:${messageId}`;
  if (Buffer.isBuffer(messageId)) return `b:${messageId.toString('hex')}`;
  return undefined;
}

import * as df from 'durable-functions';
import type { OrchestrationContext, Task, TimerTask } from 'durable-functions';
import type { Channel } from '../../shared/common/contact';
import type { JourneyCadence } from '../../shared/journey/cadence';
import { otherChannel, primaryChannel, type ReachableChannels } from '../../shared/journey/channels';
import type {
  JourneyAppointment,
  JourneyStage,
  JourneyStatus,
  NextAction,
} from '../../shared/journey/journeyStatus';
import type { JourneyPurpose } from '../../shared/journey/purposes';
import { nextAllowedTime } from '../../shared/journey/quietHours';
import type { TimelineActor } from '../../shared/timeline/timelineEvent';
import type { WorkOrderCommand } from '../../shared/workorders/workOrderCommand';
import {
  journeyActivityNames,
  JourneyProfile,
  SendMessageOutput,
  UpdateWorkOrderOutput,
  type JourneyActivityKey,
  type SendMessageInput,
  type UtilityNotice,
} from './activityContracts';
import { journeyEvents, type JourneyEventKey, type JourneyEventPayload } from './contract';
import type { CarriedEvent, JourneyRunInput } from './runInput';

/** Events that move the journey on; the others are handled while waiting (see `next`). */
export type ProcessEventKey =
  | 'appointmentBooked'
  | 'appointmentRescheduled'
  | 'appointmentCancelled'
  | 'cancellationRequested'
  | 'technicianEnRoute'
  | 'visitCompleted'
  | 'visitIncomplete'
  | 'resumeRequested'
  | 'reassignRequested'
  | 'workOrderAmended';

export type Happening =
  | { readonly kind: 'timeout' }
  /** An SMS opt-out left the customer with no channel at all. */
  | { readonly kind: 'unreachable' }
  | {
      [K in ProcessEventKey]: { readonly kind: K; readonly payload: JourneyEventPayload<K> };
    }[ProcessEventKey];

type Step<T> = Generator<Task, T, unknown>;

interface SentMessage {
  readonly purpose: JourneyPurpose;
  readonly occurrence: string;
  readonly channel: Channel;
  readonly appointment?: JourneyAppointment | undefined;
  readonly eta?: string | undefined;
}

/** Activities are idempotent, so a transient failure (Cosmos 429, ACS 503) is simply tried again. */
const activityRetry = (() => {
  const options = new df.RetryOptions(5_000, 5);
  options.backoffCoefficient = 3;
  return options;
})();

const eventKeys = Object.keys(journeyEvents) as JourneyEventKey[];

/**
 * The journey's vocabulary over Durable Functions: call an activity, send a message, tell the
 * utility, wait for what happens next. It keeps the orchestrator reading like the business
 * process and holds the rules every step must keep: no wall clock (`currentUtcDateTime`), the
 * losing timer of every race cancelled, messages only outside quiet hours, every sent message
 * remembered so a failed delivery can be rerouted and ops can ask for a resend.
 */
export class JourneySteps {
  readonly workOrderId: string;
  readonly correlationId: string;
  #reach: ReachableChannels = { sms: false, email: false };
  #hasPhone = false;
  /** The last STOP/START the journey was told of; it outranks a customer record read before it landed. */
  #smsOptOutHeard: boolean | undefined;
  #sent = new Map<string, SentMessage>();
  #lastSent: SentMessage | undefined;
  #status: JourneyStatus;
  #profile: JourneyProfile | undefined;
  /** Every event waiter not yet taken from, in creation order (see `next`). */
  #waiting: Array<{ readonly key: JourneyEventKey; readonly task: Task }> = [];
  /** Events the previous generation had received but not acted on. */
  #carried: CarriedEvent[];
  /** Status changes published so far, this generation and the ones before (see `ProjectJourneyInput`). */
  #statusVersion: number;
  #amendedRevision: number;

  constructor(
    private readonly context: OrchestrationContext,
    input: JourneyRunInput,
  ) {
    this.workOrderId = input.workOrderId;
    this.correlationId = input.correlationId;
    this.#carried = [...(input.continuation?.carriedEvents ?? [])];
    this.#statusVersion = input.continuation?.statusVersion ?? 0;
    this.#amendedRevision = input.continuation?.amendedRevision ?? 0;
    this.#status = { stage: 'contacting', attempt: 0, updatedAt: this.now().toISOString() };
  }

  now(): Date {
    return this.context.df.currentUtcDateTime;
  }

  get cadence(): JourneyCadence {
    return this.profile.cadence;
  }

  get reach(): ReachableChannels {
    return this.#reach;
  }

  get profile(): JourneyProfile {
    if (this.#profile === undefined) throw new Error('loadProfile() first');
    return this.#profile;
  }

  *loadProfile(): Step<JourneyProfile> {
    const profile = JourneyProfile.parse(yield* this.#call('loadProfile', {}));
    this.#profile = profile;
    this.#hasPhone = profile.hasPhone;
    this.#reach = {
      sms: profile.hasPhone && !(this.#smsOptOutHeard ?? profile.smsOptedOut),
      email: profile.hasEmail,
      preferred: profile.preferredChannel,
    };
    return profile;
  }

  *updateWorkOrder(...commands: WorkOrderCommand[]): Step<UpdateWorkOrderOutput> {
    const output = UpdateWorkOrderOutput.parse(
      yield* this.#call('updateWorkOrder', { commands, at: this.now().toISOString() }),
    );
    if (output.refused !== undefined)
      this.#log('warn', 'work order refused a journey command', { refused: output.refused });
    return output;
  }

  *tellUtility(notice: UtilityNotice): Step<void> {
    yield* this.#call('notifyUtility', { notice });
  }

  *record(
    type: string,
    summary: string,
    actor: TimelineActor,
    data?: Record<string, string | number | boolean | null>,
  ): Step<void> {
    const eventId = this.context.df.newGuid(`${this.workOrderId}:${type}`);
    yield* this.#call('recordEvent', {
      eventId,
      type,
      summary,
      actor,
      data,
      occurredAt: this.now().toISOString(),
    });
  }

  /** Now, or the end of the customer's quiet hours when they are on. */
  allowedSendTime(): Date {
    return nextAllowedTime(this.now(), this.cadence.quietHours);
  }

  /**
   * Sends one message on the given channels and returns the channels it reached ACS on. A message
   * due in quiet hours, on any channel and also as a fallback or a resend, waits for their end
   * first (events meanwhile stay queued for the next wait).
   */
  *send(
    purpose: JourneyPurpose,
    occurrence: string,
    channels: readonly Channel[],
    details: { appointment?: JourneyAppointment | undefined; eta?: string | undefined } = {},
  ): Step<Channel[]> {
    const reached: Channel[] = [];
    for (const channel of channels) {
      if (!this.#reach[channel]) continue;
      yield* this.sleepUntil(this.allowedSendTime());
      // Only the message's details travel; a rerouted or resent message passes its old record, whose
      // channel must not override the one being tried now.
      const message: SentMessage = {
        purpose,
        occurrence,
        channel,
        appointment: details.appointment,
        eta: details.eta,
      };
      const outcome = yield* this.#sendOne(message);
      if (outcome.status === 'sent') reached.push(channel);
    }
    if (reached.length === 0 && channels.length > 0) {
      // Nothing went out on the planned channels (refused number, opt-out we had not heard of):
      // the other channel is better than silence.
      const fallback = channels
        .map(otherChannel)
        .find((channel) => this.#reach[channel] && !channels.includes(channel));
      if (fallback !== undefined) return yield* this.send(purpose, occurrence, [fallback], details);
    }
    return reached;
  }

  /**
   * Sends on the customer's best channel now; nothing when they have none. The customer is re-read
   * first: a changed phone, email or preference counts for the very next message.
   */
  *sendToCustomer(
    purpose: JourneyPurpose,
    occurrence: string,
    details: { appointment?: JourneyAppointment | undefined; eta?: string | undefined } = {},
  ): Step<Channel[]> {
    yield* this.loadProfile();
    const channel = primaryChannel(this.#reach);
    return channel === undefined ? [] : yield* this.send(purpose, occurrence, [channel], details);
  }

  /** A durable timer, for waits that nothing should interrupt. */
  *sleepUntil(until: Date): Step<void> {
    if (until <= this.now()) return;
    yield this.context.df.createTimer(until);
  }

  /**
   * Waits for the next event that moves the journey, or for `until`. Details, opt-outs, delivery
   * failures and resend requests are handled here and the wait goes on; an event that does not
   * concern the current stage is recorded as ignored by the caller. An opt-out that leaves no
   * channel ends the wait as `unreachable`.
   *
   * Every race creates fresh waiters, and the SDK hands a later event to the newest waiter still
   * open for its name, which after a race is one that lost it. So losers are kept, not forgotten:
   * an event that arrives while the journey is busy (in an activity, a quiet-hours sleep) completes
   * one of them and is taken from there before the next wait starts.
   */
  *next(until?: Date): Step<Happening> {
    for (;;) {
      const early = this.#takeArrived();
      if (early !== undefined) {
        const happening = yield* this.#handle(early.key, early.payload);
        if (happening !== undefined) return happening;
        continue;
      }
      if (until !== undefined && until <= this.now()) return { kind: 'timeout' };
      const waits = eventKeys.map((key) => ({
        key,
        task: this.context.df.waitForExternalEvent(journeyEvents[key].name),
      }));
      this.#waiting.push(...waits);
      const timer: TimerTask | undefined =
        until === undefined ? undefined : this.context.df.createTimer(until);
      const winner = (yield this.context.df.Task.any([
        ...waits.map((w) => w.task),
        ...(timer ? [timer] : []),
      ])) as Task;
      // A timer left running keeps the instance busy and fires into a later wait: always cancel it.
      if (timer !== undefined && winner !== timer && !timer.isCompleted) timer.cancel();
      if (winner === timer) return { kind: 'timeout' };
    }
  }

  /**
   * Events that arrived and were not acted on yet, oldest first, removed from the journey; for a
   * continue-as-new, which would otherwise drop them, to carry into the next generation.
   */
  drainArrived(): CarriedEvent[] {
    const carried: CarriedEvent[] = [];
    for (let event = this.#takeArrived(); event !== undefined; event = this.#takeArrived())
      carried.push(event);
    return carried;
  }

  #takeArrived(): CarriedEvent | undefined {
    const carried = this.#carried.shift();
    if (carried !== undefined) return carried;
    const index = this.#waiting.findIndex((wait) => wait.task.isCompleted);
    const arrived = this.#waiting[index];
    if (arrived === undefined) return undefined;
    this.#waiting.splice(index, 1);
    return { key: arrived.key, payload: arrived.task.result };
  }

  /**
   * Publishes the journey's status for ops: as custom status (not history, no events) and to the
   * ops list's projection, through an activity whose version orders the writes.
   */
  *status(
    stage: JourneyStage,
    changes: {
      attempt?: number;
      next?: { action: NextAction; at: Date } | undefined;
      appointment?: JourneyAppointment | undefined;
    } = {},
  ): Step<void> {
    const { next, ...rest } = changes;
    const status: JourneyStatus = {
      ...this.#status,
      ...rest,
      stage,
      updatedAt: this.now().toISOString(),
    };
    delete status.next;
    if (next !== undefined) status.next = { action: next.action, at: next.at.toISOString() };
    this.#status = status;
    this.context.df.setCustomStatus(status);
    yield* this.#project();
  }

  /** Carried over `continueAsNew`, so an amendment overtaken before it arrived stays stale. */
  get amendedRevision(): number {
    return this.#amendedRevision;
  }

  get statusVersion(): number {
    return this.#statusVersion;
  }

  *#project(): Step<void> {
    this.#statusVersion += 1;
    yield* this.#call('projectJourney', { status: this.#status, version: this.#statusVersion });
  }

  get currentStatus(): JourneyStatus {
    return this.#status;
  }

  *#handle(key: JourneyEventKey, raw: unknown): Step<Happening | undefined> {
    const parsed = journeyEvents[key].payload.safeParse(raw);
    if (!parsed.success) {
      this.#log('warn', 'journey event with an invalid payload ignored', { event: journeyEvents[key].name });
      return undefined;
    }
    switch (key) {
      case 'detailsSubmitted': {
        const payload = parsed.data as JourneyEventPayload<'detailsSubmitted'>;
        yield* this.record(
          'journey.detailsSubmitted',
          `Customer submitted ${payload.kind}`,
          { kind: 'customer' },
          {
            kind: payload.kind,
            reference: payload.reference,
          },
        );
        return undefined;
      }
      case 'smsPreferenceChanged': {
        const payload = parsed.data as JourneyEventPayload<'smsPreferenceChanged'>;
        this.#smsOptOutHeard = payload.optedOut;
        this.#reach = { ...this.#reach, sms: this.#hasPhone && !payload.optedOut };
        yield* this.record(
          'journey.smsPreferenceChanged',
          payload.optedOut ? 'Customer opted out of SMS' : 'Customer opted in to SMS again',
          { kind: 'customer' },
          { optedOut: payload.optedOut },
        );
        return this.#reach.sms || this.#reach.email ? undefined : { kind: 'unreachable' };
      }
      case 'deliveryFailed': {
        const payload = parsed.data as JourneyEventPayload<'deliveryFailed'>;
        yield* this.#reroute(payload.notificationId);
        return undefined;
      }
      case 'resendRequested': {
        const payload = parsed.data as JourneyEventPayload<'resendRequested'>;
        yield* this.#resend(payload.by);
        return undefined;
      }
      case 'workOrderAmended': {
        // Two amendments can be delivered side by side and arrive here out of order: the older one
        // speaks of a booking check the newer one has already superseded, so it changes nothing.
        const { revision } = parsed.data as JourneyEventPayload<'workOrderAmended'>;
        if (revision <= this.#amendedRevision) {
          this.#log('info', 'an amendment overtaken by a later revision, ignored', { revision });
          return undefined;
        }
        this.#amendedRevision = revision;
        // Whatever the stage: the new work type's cadence and the customer's contact from now on.
        yield* this.loadProfile();
        // The list finds the journey by the region and contact points the amendment brought.
        yield* this.#project();
        return { kind: key, payload: parsed.data } as Happening;
      }
      case 'appointmentBooked':
      case 'appointmentRescheduled':
      case 'appointmentCancelled':
      case 'cancellationRequested':
      case 'technicianEnRoute':
      case 'visitCompleted':
      case 'visitIncomplete':
      case 'resumeRequested':
      case 'reassignRequested':
        return { kind: key, payload: parsed.data } as Happening;
      default: {
        const unhandled: never = key;
        throw new Error(`unhandled journey event ${String(unhandled)}`);
      }
    }
  }

  /** A failed delivery goes out on the other channel at once, unless that one was already used. */
  *#reroute(notificationId: string): Step<void> {
    const failed = this.#sent.get(notificationId);
    if (failed === undefined) return;
    const other = otherChannel(failed.channel);
    const alreadyTried = [...this.#sent.values()].some(
      (m) => m.purpose === failed.purpose && m.occurrence === failed.occurrence && m.channel === other,
    );
    if (alreadyTried || !this.#reach[other]) return;
    yield* this.send(failed.purpose, failed.occurrence, [other], failed);
  }

  /** Ops asked for the last message again: a new occurrence, so the idempotency key lets it through. */
  *#resend(by: string): Step<void> {
    const last = this.#lastSent;
    if (last === undefined) return;
    const occurrence = `${last.occurrence}:resend:${this.context.df.newGuid(`${this.workOrderId}:resend:${by}`)}`;
    yield* this.sendToCustomer(last.purpose, occurrence, last);
  }

  *#sendOne(message: SentMessage): Step<SendMessageOutput> {
    const input: Omit<SendMessageInput, 'workOrderId' | 'correlationId'> = {
      purpose: message.purpose,
      occurrence: message.occurrence,
      channel: message.channel,
      ...(message.appointment === undefined ? {} : { appointment: message.appointment }),
      ...(message.eta === undefined ? {} : { eta: message.eta }),
      timeZone: this.cadence.timeZone,
    };
    const outcome = SendMessageOutput.parse(yield* this.#call('sendMessage', input));
    this.#sent.set(outcome.notificationId, message);
    if (outcome.status === 'sent') this.#lastSent = message;
    if (outcome.status === 'suppressed' && message.channel === 'sms') {
      // The customer opted out in a way we had not been told about yet: stop texting them.
      this.#reach = { ...this.#reach, sms: false };
    }
    return outcome;
  }

  *#call(activity: JourneyActivityKey, input: Record<string, unknown>): Step<unknown> {
    return yield this.context.df.callActivityWithRetry(journeyActivityNames[activity], activityRetry, {
      workOrderId: this.workOrderId,
      correlationId: this.correlationId,
      ...input,
    });
  }

  #log(level: 'info' | 'warn', message: string, fields: Record<string, string | number | boolean>): void {
    if (this.context.df.isReplaying) return;
    this.context[level](
      JSON.stringify({
        message,
        workOrderId: this.workOrderId,
        correlationId: this.correlationId,
        ...fields,
      }),
    );
  }
}

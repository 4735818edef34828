import type { OrchestrationContext, OrchestrationHandler, Task } from 'durable-functions';
import { contactAttempt } from '../../shared/journey/contactPlan';
import type { JourneyAppointment } from '../../shared/journey/journeyStatus';
import { reminderPlan } from '../../shared/journey/reminderPlan';
import { addLocalDays } from '../../shared/common/zonedTime';
import { isTerminalWorkOrderStatus } from '../../shared/workorders/workOrderState';
import { timelyChannel } from '../../shared/journey/timelyChannel';
import { amendBookedVisit } from './amendment';
import type { JourneyEventPayload } from './contract';
import { JourneySteps, type Happening } from './journeySteps';
import { JourneyRunInput, type JourneyContinuation } from './runInput';

type Step<T> = Generator<Task, T, unknown>;

/** What a stage hands on to: the next stage, a fresh generation of the journey, or its end. */
export type Next =
  | {
      readonly stage: 'booked';
      readonly slot: JourneyEventPayload<'appointmentBooked'>;
      readonly round: number;
    }
  | {
      readonly stage: 'onHold';
      readonly attempts: number;
      readonly round: number;
      readonly reason?: 'noChannel';
    }
  | { readonly stage: 'cancelled'; readonly by: JourneyEventPayload<'cancellationRequested'> }
  | { readonly stage: 'continue'; readonly continuation: JourneyContinuation }
  | { readonly stage: 'finished' };

const appointmentOf = (slot: JourneyEventPayload<'appointmentBooked'>): JourneyAppointment => ({
  appointmentId: slot.appointmentId,
  technicianId: slot.technicianId,
  windowStart: slot.windowStart,
  windowEnd: slot.windowEnd,
});

/**
 * One customer journey per work order, from first contact to a completed visit:
 *
 *   contact ─► (no answer, or no channel at all) on hold ─► (nothing) closed unreachable
 *      │                 │ resume ─► contact again
 *      ▼ booked          ▼ booked
 *   confirm ─► reminders ─► technician en route ─► completed (report to the utility, survey)
 *      ▲ reschedule ┘          no-show, appointment cancelled ─► contact again
 *   cancellation (customer, utility, ops) ends it from any stage.
 *
 * A reschedule, a resume and a no-show continue as a new generation so the history stays short.
 */
export const customerJourney: OrchestrationHandler = function* (context: OrchestrationContext) {
  const input = JourneyRunInput.parse(context.df.getInput());
  const journey = new JourneySteps(context, input);
  yield* journey.loadProfile();

  let next: Next = yield* begin(journey, input.continuation);
  for (;;) {
    switch (next.stage) {
      case 'booked':
        next = yield* confirmBooking(journey, next.slot, next.round);
        break;
      case 'onHold':
        next = yield* holdForOps(journey, next.attempts, next.round, next.reason ?? 'noContact');
        break;
      case 'cancelled':
        next = yield* cancel(journey, next.by);
        break;
      case 'continue': {
        // Events that came in while the last step was being recorded go along, not lost.
        const carriedEvents = journey.drainArrived().slice(0, 20);
        context.df.continueAsNew({
          ...input,
          continuation: {
            ...next.continuation,
            carriedEvents,
            statusVersion: journey.statusVersion,
            amendedRevision: journey.amendedRevision,
          },
        });
        return undefined;
      }
      case 'finished':
        return journey.currentStatus.stage;
      default: {
        const unhandled: never = next;
        throw new Error(`unknown stage ${JSON.stringify(unhandled)}`);
      }
    }
  }
};

function* begin(journey: JourneySteps, continuation: JourneyContinuation | undefined): Step<Next> {
  if (continuation === undefined) {
    yield* journey.updateWorkOrder({ type: 'startContact' });
    return yield* contactCustomer(journey, 1, 'invitation');
  }
  switch (continuation.phase) {
    case 'contact':
      return yield* contactCustomer(journey, continuation.round, continuation.opening);
    case 'scheduled':
      return yield* remindAndVisit(journey, continuation.appointment, continuation.round);
    default: {
      const unhandled: never = continuation;
      throw new Error(`unknown continuation ${JSON.stringify(unhandled)}`);
    }
  }
}

/** Invitations on the work type's cadence until the customer books, cancels or stays silent. */
function* contactCustomer(
  journey: JourneySteps,
  round: number,
  opening: 'invitation' | 'visitMissed' | 'bookingReleased',
): Step<Next> {
  const startedAt = journey.now();
  let attempts = 0;
  for (let attempt = 1; ; attempt++) {
    // Contact details and preferences as they are now, not as they were when the round began.
    if (attempt > 1) yield* journey.loadProfile();
    const plan = contactAttempt(journey.cadence, startedAt, attempt, journey.reach);
    if (plan === undefined) return { stage: 'onHold', attempts, round };
    if (plan.channels.length === 0) return { stage: 'onHold', attempts, round, reason: 'noChannel' };

    yield* journey.status('contacting', {
      attempt: attempts,
      next: { action: 'sendInvitation', at: plan.sendAt },
    });
    const beforeSend = yield* waitDuringContact(journey, plan.sendAt, round);
    if (beforeSend !== undefined) return beforeSend;

    yield* journey.send(attempt === 1 ? opening : 'invitation', `r${round}a${attempt}`, plan.channels);
    attempts = attempt;
    const isLast = contactAttempt(journey.cadence, startedAt, attempt + 1, journey.reach) === undefined;
    yield* journey.status('contacting', {
      attempt,
      next: { action: isLast ? 'putOnHold' : 'sendInvitation', at: plan.answerBy },
    });
    const answer = yield* waitDuringContact(journey, plan.answerBy, round);
    if (answer !== undefined) return answer;
  }
}

/** Undefined when the time came with nothing that ends the contact stage. */
function* waitDuringContact(journey: JourneySteps, until: Date, round: number): Step<Next | undefined> {
  for (;;) {
    const happening = yield* journey.next(until);
    switch (happening.kind) {
      case 'timeout':
        return undefined;
      case 'appointmentBooked':
        return { stage: 'booked', slot: happening.payload, round };
      case 'cancellationRequested':
        return { stage: 'cancelled', by: happening.payload };
      case 'unreachable':
        return { stage: 'onHold', attempts: journey.currentStatus.attempt, round, reason: 'noChannel' };
      case 'appointmentRescheduled':
        // A change made from a page that still showed the old appointment is a booking now.
        return { stage: 'booked', slot: happening.payload, round };
      case 'workOrderAmended':
        // Already re-read; the next attempt follows the new cadence and contact details.
        break;
      default:
        yield* ignore(journey, happening, 'contacting');
    }
  }
}

/** No answer: the utility hears of it and ops decide; after the hold period it closes as unreachable. */
function* holdForOps(
  journey: JourneySteps,
  attempts: number,
  round: number,
  reason: 'noContact' | 'noChannel',
): Step<Next> {
  const since = journey.now();
  yield* journey.updateWorkOrder({ type: 'putOnHold', reason });
  yield* journey.tellUtility({
    kind: 'onHold',
    occurredAt: since.toISOString(),
    reason,
    contactAttempts: attempts,
  });
  const closeAt = addLocalDays(since, journey.cadence.onHoldMaxDays, journey.cadence.timeZone);
  yield* journey.status('onHold', { attempt: attempts, next: { action: 'closeUnreachable', at: closeAt } });
  for (;;) {
    const happening = yield* journey.next(closeAt);
    switch (happening.kind) {
      case 'timeout':
        yield* journey.updateWorkOrder({ type: 'close' });
        yield* journey.tellUtility({
          kind: 'closedUnreachable',
          occurredAt: journey.now().toISOString(),
          contactAttempts: attempts,
          onHoldSince: since.toISOString(),
        });
        yield* journey.status('closedUnreachable', { next: undefined });
        return { stage: 'finished' };
      case 'appointmentBooked':
        return { stage: 'booked', slot: happening.payload, round };
      case 'resumeRequested':
        // Recorded on the work order before the new generation starts, never carried as a raw event.
        yield* journey.updateWorkOrder({ type: 'resume' });
        return {
          stage: 'continue',
          continuation: { phase: 'contact', round: round + 1, opening: 'invitation' },
        };
      case 'cancellationRequested':
        return { stage: 'cancelled', by: happening.payload };
      case 'workOrderAmended':
        break;
      default:
        yield* ignore(journey, happening, 'onHold');
    }
  }
}

/**
 * The work order takes the appointment and its technician, and the utility hears when the visit is.
 * False when the work order has ended: cancelled a moment before the booking reached the journey,
 * whose cancel is then on its way, and nobody is told of a visit that will not happen.
 */
function* schedule(
  journey: JourneySteps,
  appointment: JourneyAppointment,
  rescheduled: boolean,
): Step<boolean> {
  const updated = yield* journey.updateWorkOrder(
    { type: rescheduled ? 'reschedule' : 'book', appointmentId: appointment.appointmentId },
    { type: 'dispatch', technicianId: appointment.technicianId },
  );
  if (updated.refused !== undefined && isTerminalWorkOrderStatus(updated.status)) return false;
  yield* journey.tellUtility({
    kind: 'scheduled',
    occurredAt: journey.now().toISOString(),
    appointmentId: appointment.appointmentId,
    windowStart: appointment.windowStart,
    windowEnd: appointment.windowEnd,
    rescheduled,
  });
  return true;
}

/** A booking the work order refused: only its cancellation is still to come. */
function* awaitCancellation(journey: JourneySteps): Step<Next> {
  for (;;) {
    const happening = yield* journey.next();
    if (happening.kind === 'cancellationRequested') return { stage: 'cancelled', by: happening.payload };
    yield* ignore(journey, happening, journey.currentStatus.stage);
  }
}

function* confirmBooking(
  journey: JourneySteps,
  slot: JourneyEventPayload<'appointmentBooked'>,
  round: number,
): Step<Next> {
  const appointment = appointmentOf(slot);
  if (!(yield* schedule(journey, appointment, false))) return yield* awaitCancellation(journey);
  const confirmed = yield* confirm(journey, 'bookingConfirmation', appointment);
  return 'stage' in confirmed
    ? confirmed
    : yield* remindAndVisit(journey, confirmed.appointment, round, confirmed.overtaken);
}

interface Confirmed {
  readonly appointment: JourneyAppointment;
  /** What ended the wait for quiet hours instead of the confirmation, to be handled next. */
  readonly overtaken?: Happening;
}

/**
 * Tells the customer their appointment. In quiet hours the confirmation waits for their end while
 * the journey keeps listening: a move meanwhile is scheduled at once (the utility hears of it) and
 * the one confirmation then names the appointment current when it goes out; a cancel replaces it.
 */
function* confirm(
  journey: JourneySteps,
  purpose: 'bookingConfirmation' | 'rescheduleConfirmation',
  booked: JourneyAppointment,
): Step<Next | Confirmed> {
  let appointment = booked;
  for (let sendAt = journey.allowedSendTime(); sendAt > journey.now(); sendAt = journey.allowedSendTime()) {
    yield* journey.status('scheduled', { appointment, next: { action: 'sendConfirmation', at: sendAt } });
    const happening = yield* journey.next(sendAt);
    switch (happening.kind) {
      case 'timeout':
        break;
      case 'appointmentRescheduled': {
        const moved = appointmentOf(happening.payload);
        if (!(yield* schedule(journey, moved, true))) return yield* awaitCancellation(journey);
        appointment = moved;
        break;
      }
      case 'cancellationRequested':
        return { stage: 'cancelled', by: happening.payload };
      case 'reassignRequested':
        yield* journey.updateWorkOrder({ type: 'dispatch', technicianId: happening.payload.technicianId });
        appointment = { ...appointment, technicianId: happening.payload.technicianId };
        break;
      case 'appointmentCancelled':
      case 'technicianEnRoute':
      case 'visitCompleted':
      case 'visitIncomplete':
        // The visit moved on before the customer's quiet hours ended: a confirmation would now be
        // wrong or pointless, and what happened must still reach the utility, so it is handed on.
        return { appointment, overtaken: happening };
      default:
        yield* ignore(journey, happening, 'scheduled');
    }
  }
  yield* journey.status('scheduled', { appointment, next: undefined });
  yield* journey.sendToCustomer(purpose, appointment.appointmentId, { appointment });
  return { appointment };
}

/** Reminders before the visit, then the visit itself; a reschedule starts this over in a new generation. */
function* remindAndVisit(
  journey: JourneySteps,
  booked: JourneyAppointment,
  round: number,
  overtaken?: Happening,
): Step<Next> {
  let appointment = booked;
  let pending = overtaken;
  yield* journey.status('scheduled', { appointment, next: undefined });
  let reminders = reminderPlan(journey.cadence, new Date(appointment.windowStart), journey.now());
  let reminder = 0;
  for (;;) {
    const due = reminders[reminder];
    yield* journey.status(journey.currentStatus.stage, {
      appointment,
      next: due === undefined ? undefined : { action: 'sendReminder', at: due.sendAt },
    });
    const happening = pending ?? (yield* journey.next(due?.sendAt));
    pending = undefined;
    switch (happening.kind) {
      case 'timeout':
        if (due !== undefined) {
          yield* journey.sendToCustomer('reminder', `${appointment.appointmentId}:${due.index}`, {
            appointment,
          });
          reminder++;
        }
        break;
      case 'appointmentRescheduled':
        return yield* reschedule(journey, happening.payload, round);
      case 'appointmentCancelled':
        if (happening.payload.appointmentId !== appointment.appointmentId) {
          yield* ignore(journey, happening, 'scheduled for another appointment');
          break;
        }
        // Back to choosing a time, on the usual invitation cadence; the work itself stands.
        yield* journey.updateWorkOrder({ type: 'startContact' });
        return {
          stage: 'continue',
          continuation: { phase: 'contact', round: round + 1, opening: 'invitation' },
        };
      case 'cancellationRequested':
        return { stage: 'cancelled', by: happening.payload };
      case 'reassignRequested':
        yield* journey.updateWorkOrder({ type: 'dispatch', technicianId: happening.payload.technicianId });
        appointment = { ...appointment, technicianId: happening.payload.technicianId };
        break;
      case 'technicianEnRoute':
        reminder = reminders.length;
        yield* journey.status('technicianEnRoute', { appointment, next: undefined });
        yield* tellOnTheWay(journey, appointment, happening.payload.eta);
        break;
      case 'workOrderAmended': {
        const amended = yield* amendBookedVisit(journey, happening.payload, appointment, round);
        if (amended.kind === 'next') return amended.next;
        if (journey.currentStatus.stage === 'technicianEnRoute') break;
        // The reminders of the work type as it is now (an installation gets its day-before one).
        appointment = amended.appointment;
        reminders = reminderPlan(journey.cadence, new Date(appointment.windowStart), journey.now());
        reminder = 0;
        break;
      }
      case 'visitCompleted':
        return yield* complete(journey, happening.payload, appointment);
      case 'visitIncomplete':
        return yield* visitIncomplete(journey, happening.payload, round);
      default:
        yield* ignore(journey, happening, journey.currentStatus.stage);
    }
  }
}

/** "On the way" only while it can still arrive before the technician does; else it is dropped. */
function* tellOnTheWay(journey: JourneySteps, appointment: JourneyAppointment, eta: string): Step<void> {
  yield* journey.loadProfile();
  const channel = timelyChannel(journey.reach, journey.now(), journey.cadence.quietHours, new Date(eta));
  if (channel === undefined) {
    yield* journey.record(
      'journey.messageDropped',
      'On the way not sent: it could not arrive before the technician',
      { kind: 'system' },
      { purpose: 'technicianEnRoute', eta },
    );
    return;
  }
  yield* journey.send('technicianEnRoute', appointment.appointmentId, [channel], { appointment, eta });
}

function* reschedule(
  journey: JourneySteps,
  slot: JourneyEventPayload<'appointmentRescheduled'>,
  round: number,
): Step<Next> {
  const appointment = appointmentOf(slot);
  if (!(yield* schedule(journey, appointment, true))) return yield* awaitCancellation(journey);
  const confirmed = yield* confirm(journey, 'rescheduleConfirmation', appointment);
  if ('stage' in confirmed) return confirmed;
  // A happening carried past continue-as-new would be lost with the generation's unread events.
  if (confirmed.overtaken !== undefined)
    return yield* remindAndVisit(journey, confirmed.appointment, round, confirmed.overtaken);
  return {
    stage: 'continue',
    continuation: { phase: 'scheduled', round, appointment: confirmed.appointment },
  };
}

function* complete(
  journey: JourneySteps,
  visit: JourneyEventPayload<'visitCompleted'>,
  appointment: JourneyAppointment,
): Step<Next> {
  yield* journey.updateWorkOrder({ type: 'complete' });
  yield* journey.tellUtility({
    kind: 'completed',
    occurredAt: journey.now().toISOString(),
    completedAt: visit.completedAt,
    technicianId: visit.technicianId,
    reportId: visit.reportId,
  });
  yield* journey.sendToCustomer('visitCompleted', appointment.appointmentId, { appointment });
  yield* journey.updateWorkOrder({ type: 'close' });
  yield* journey.status('completed', { next: undefined });
  return { stage: 'finished' };
}

/** A no-show sends the customer back to booking; any other reason ends the journey incomplete. */
function* visitIncomplete(
  journey: JourneySteps,
  visit: JourneyEventPayload<'visitIncomplete'>,
  round: number,
): Step<Next> {
  const rebooking = visit.reason === 'customerAbsent';
  yield* journey.updateWorkOrder({ type: 'markIncomplete', reason: visit.reason });
  yield* journey.tellUtility({
    kind: 'incomplete',
    occurredAt: journey.now().toISOString(),
    reason: visit.reason,
    ...(visit.note === undefined ? {} : { note: visit.note.slice(0, 1000) }),
    rebooking,
  });
  if (rebooking) {
    yield* journey.updateWorkOrder({ type: 'startContact' });
    return {
      stage: 'continue',
      continuation: { phase: 'contact', round: round + 1, opening: 'visitMissed' },
    };
  }
  yield* journey.updateWorkOrder({ type: 'close' });
  yield* journey.status('closedIncomplete', { next: undefined });
  return { stage: 'finished' };
}

function* cancel(journey: JourneySteps, request: JourneyEventPayload<'cancellationRequested'>): Step<Next> {
  yield* journey.updateWorkOrder({ type: 'cancel', by: request.by });
  // A utility cancel is answered by intake, correlated to the utility's own cancel message.
  if (request.by !== 'utility') {
    yield* journey.tellUtility({
      kind: 'cancelled',
      occurredAt: journey.now().toISOString(),
      cancelledBy: request.by,
      ...(request.reason === undefined ? {} : { reason: request.reason }),
    });
  }
  // Cancelled from now on, also while the message waits for the end of quiet hours.
  yield* journey.status('cancelled', { next: undefined });
  // The customer who declined hears it acknowledged; anyone else's cancel is explained as theirs.
  yield* journey.sendToCustomer(request.by === 'customer' ? 'workDeclined' : 'cancellation', 'final');
  return { stage: 'finished' };
}

function* ignore(journey: JourneySteps, happening: Happening, stage: string): Step<void> {
  yield* journey.record(
    'journey.eventIgnored',
    `${happening.kind} does not apply while ${stage}`,
    { kind: 'system' },
    {
      event: happening.kind,
      stage,
    },
  );
}

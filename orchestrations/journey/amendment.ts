import type { Task } from 'durable-functions';
import type { JourneyAppointment } from '../../shared/journey/journeyStatus';
import type { JourneyEventPayload } from './contract';
import type { JourneySteps } from './journeySteps';
import type { Next } from './orchestrator';

type Step<T> = Generator<Task, T, unknown>;

/** The journey moves on (`next`), or the visit stands with this appointment (`visit`). */
export type AfterAmendment =
  | { readonly kind: 'next'; readonly next: Next }
  | { readonly kind: 'visit'; readonly appointment: JourneyAppointment };

/**
 * An amendment while a visit is booked (the profile is already re-read by then). Intake has
 * rechecked the booking: when it no longer holds, the work order goes back to the customer, the
 * utility hears why, and a new contact round opens with a message saying so. When it holds (maybe
 * with another technician), the visit stands and the caller plans the reminders of the work type as
 * it is now. Once the technician is on the way nothing changes.
 */
export function* amendBookedVisit(
  journey: JourneySteps,
  amendment: JourneyEventPayload<'workOrderAmended'>,
  appointment: JourneyAppointment,
  round: number,
): Step<AfterAmendment> {
  if (journey.currentStatus.stage === 'technicianEnRoute') return { kind: 'visit', appointment };
  const booking = amendment.booking;
  switch (booking.outcome) {
    case 'released':
      yield* journey.updateWorkOrder({ type: 'unschedule' });
      yield* journey.tellUtility({
        kind: 'unscheduled',
        occurredAt: journey.now().toISOString(),
        appointmentId: appointment.appointmentId,
        revision: amendment.revision,
        reason: booking.reason,
      });
      return {
        kind: 'next',
        next: {
          stage: 'continue',
          continuation: { phase: 'contact', round: round + 1, opening: 'bookingReleased' },
        },
      };
    case 'kept': {
      if (booking.technicianId !== appointment.technicianId)
        yield* journey.updateWorkOrder({ type: 'dispatch', technicianId: booking.technicianId });
      return { kind: 'visit', appointment: { ...appointment, technicianId: booking.technicianId } };
    }
    case 'none':
      return { kind: 'visit', appointment };
    default: {
      const unhandled: never = booking;
      throw new Error(`unknown booking outcome ${JSON.stringify(unhandled)}`);
    }
  }
}

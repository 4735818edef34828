import { z } from 'zod';
import { JourneyAppointment } from '../../shared/journey/journeyStatus';
import { JourneyInput, journeyEvents, type JourneyEventKey } from './contract';

/**
 * Where a continued journey picks up after `continueAsNew` (a reschedule, a resume from hold, a
 * no-show). `round` counts contact rounds; it is part of every invitation's idempotency key, so a
 * second round's first invitation is a new message, not a duplicate of the first round's.
 */
export const CarriedEvent = z.object({
  key: z.enum(Object.keys(journeyEvents) as [JourneyEventKey]),
  payload: z.unknown(),
});
export type CarriedEvent = z.infer<typeof CarriedEvent>;

/** Events that arrived while the previous generation was recording its last step; bounded, like the history. */
const carriedEvents = z.array(CarriedEvent).max(20).optional();

/** How many status changes earlier generations published: the ops list's versions keep counting up. */
const statusVersion = z.int().min(0).optional();

/** The highest work-order revision an amendment brought so far: an older one arriving later is stale. */
const amendedRevision = z.int().min(0).optional();

export const JourneyContinuation = z.discriminatedUnion('phase', [
  z.object({
    phase: z.literal('contact'),
    round: z.int().min(1),
    /**
     * After a no-show, or an amendment that made the appointment impossible, the first message of
     * the round says so instead of a plain invitation.
     */
    opening: z.enum(['invitation', 'visitMissed', 'bookingReleased']),
    carriedEvents,
    statusVersion,
    amendedRevision,
  }),
  z.object({
    phase: z.literal('scheduled'),
    round: z.int().min(1),
    appointment: JourneyAppointment,
    carriedEvents,
    statusVersion,
    amendedRevision,
  }),
]);
export type JourneyContinuation = z.infer<typeof JourneyContinuation>;

export const JourneyRunInput = JourneyInput.extend({ continuation: JourneyContinuation.optional() });
export type JourneyRunInput = z.infer<typeof JourneyRunInput>;

import { z } from 'zod';

/**
 * The orchestration's custom status, what ops list and watch. Small on purpose (Durable caps it at
 * 16 KB; this stays under 1 KB): ids and times only, never contact details or message text.
 *
 * - `stage`: where the journey is (see `JourneyStage`).
 * - `attempt`: the invitation attempt last sent (0 before the first), kept after booking.
 * - `next`: what the journey will do by itself and when, unless an event comes first.
 * - `appointment`: the booked window and technician, once booked.
 */
export const JourneyStage = z.enum([
  'contacting',
  'onHold',
  'scheduled',
  'technicianEnRoute',
  'completed',
  'cancelled',
  'closedUnreachable',
  'closedIncomplete',
]);
export type JourneyStage = z.infer<typeof JourneyStage>;

export const NextAction = z.enum([
  'sendInvitation',
  'putOnHold',
  'sendConfirmation',
  'sendReminder',
  'closeUnreachable',
]);
export type NextAction = z.infer<typeof NextAction>;

export const JourneyAppointment = z.object({
  appointmentId: z.string().min(1),
  technicianId: z.string().min(1),
  windowStart: z.iso.datetime({ offset: true }),
  windowEnd: z.iso.datetime({ offset: true }),
});
export type JourneyAppointment = z.infer<typeof JourneyAppointment>;

export const JourneyStatus = z.object({
  stage: JourneyStage,
  attempt: z.int().min(0),
  next: z.object({ action: NextAction, at: z.iso.datetime({ offset: true }) }).optional(),
  appointment: JourneyAppointment.optional(),
  updatedAt: z.iso.datetime({ offset: true }),
});
export type JourneyStatus = z.infer<typeof JourneyStatus>;

export const maxJourneyStatusBytes = 1024;

export const journeyStatusBytes = (status: JourneyStatus): number =>
  Buffer.byteLength(JSON.stringify(status), 'utf8');

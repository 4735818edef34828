import { z } from 'zod';
import { BookingReleaseReason } from '../../shared/booking/bookingReleaseReason';

/**
 * How the rest of the app talks to a customer journey: its name, its instance id, its input and
 * the external events it waits for. Intake starts it, the booking page, SMS replies, the
 * technician API, delivery reports and ops raise events on it.
 */
export const journeyOrchestrationName = 'customerJourney';

/** One journey per work order: the instance id is the work-order id, so starting twice is harmless. */
export const journeyInstanceId = (workOrderId: string): string => workOrderId;

export const JourneyInput = z.object({
  workOrderId: z.string().min(1),
  /** The inbound Service Bus message id that created the work order; echoed to the utility. */
  correlationId: z.string().min(1),
});
export type JourneyInput = z.infer<typeof JourneyInput>;

const isoInstant = z.iso.datetime({ offset: true });

const AppointmentSlot = z.object({
  appointmentId: z.string().min(1),
  technicianId: z.string().min(1),
  windowStart: isoInstant,
  windowEnd: isoInstant,
});

export const journeyEvents = {
  /** The customer booked a slot (web page or SMS reply). */
  appointmentBooked: {
    name: 'AppointmentBooked',
    payload: AppointmentSlot.extend({ via: z.enum(['web', 'sms', 'agent']) }),
  },
  /** The customer moved the appointment to another slot. */
  appointmentRescheduled: {
    name: 'AppointmentRescheduled',
    payload: AppointmentSlot.extend({ via: z.enum(['web', 'sms', 'agent']) }),
  },
  /**
   * The customer cancelled the appointment, not the work: the slot is free again and the journey
   * goes back to asking them to book.
   */
  appointmentCancelled: {
    name: 'AppointmentCancelled',
    payload: z.object({ appointmentId: z.string().min(1), by: z.enum(['customer', 'agent']) }),
  },
  /** The customer (declining the work), the utility or ops cancelled the work. */
  cancellationRequested: {
    name: 'CancellationRequested',
    payload: z.object({ by: z.enum(['customer', 'utility', 'ops']), reason: z.string().max(500).optional() }),
  },
  technicianEnRoute: {
    name: 'TechnicianEnRoute',
    payload: z.object({ technicianId: z.string().min(1), eta: isoInstant }),
  },
  visitCompleted: {
    name: 'VisitCompleted',
    payload: z.object({
      technicianId: z.string().min(1),
      completedAt: isoInstant,
      reportId: z.string().min(1),
    }),
  },
  visitIncomplete: {
    name: 'VisitIncomplete',
    payload: z.object({
      technicianId: z.string().min(1),
      reason: z.enum(['customerAbsent', 'partlyDone', 'accessDenied', 'technicalIssue', 'other']),
      /** The technician's words for the utility (what was found, what is left to do). */
      note: z.string().max(2000).optional(),
      followUpWorkOrderId: z.string().optional(),
    }),
  },
  /**
   * The utility amended the work order (intake, after rechecking the booking): the journey re-reads
   * the work order and customer, follows the new work type, and acts on what became of the booking.
   */
  workOrderAmended: {
    name: 'WorkOrderAmended',
    payload: z.object({
      revision: z.int().min(1),
      booking: z.discriminatedUnion('outcome', [
        z.object({ outcome: z.literal('none') }),
        z.object({ outcome: z.literal('kept'), technicianId: z.string().min(1) }),
        z.object({ outcome: z.literal('released'), reason: BookingReleaseReason }),
      ]),
    }),
  },
  /** An SMS or email could not be delivered (ACS delivery report). */
  deliveryFailed: {
    name: 'DeliveryFailed',
    payload: z.object({ notificationId: z.string().min(1), channel: z.enum(['sms', 'email']) }),
  },
  /** The customer replied STOP (optedOut: true) or START (optedOut: false). */
  smsPreferenceChanged: {
    name: 'SmsPreferenceChanged',
    payload: z.object({ optedOut: z.boolean() }),
  },
  /** Documents or extra details from the customer. */
  detailsSubmitted: {
    name: 'DetailsSubmitted',
    payload: z.object({ kind: z.enum(['document', 'photo', 'details']), reference: z.string().min(1) }),
  },
  /** Ops: take an on-hold journey back to contacting the customer. */
  resumeRequested: {
    name: 'ResumeRequested',
    payload: z.object({ by: z.string().min(1), note: z.string().max(500).optional() }),
  },
  /** Ops: send the current message again (e.g. after the customer lost it). */
  resendRequested: {
    name: 'ResendRequested',
    payload: z.object({ by: z.string().min(1) }),
  },
  /** Ops or dispatch: the appointment moves to another technician. */
  reassignRequested: {
    name: 'ReassignRequested',
    payload: z.object({ by: z.string().min(1), technicianId: z.string().min(1) }),
  },
} as const;

export type JourneyEventKey = keyof typeof journeyEvents;
export type JourneyEventPayload<K extends JourneyEventKey> = z.infer<(typeof journeyEvents)[K]['payload']>;

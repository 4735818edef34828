import { z } from 'zod';
import { Channel, Language } from '../../shared/common/contact';
import { IsoInstant } from '../../shared/common/time';
import {
  CancelledMessage,
  ClosedUnreachableMessage,
  IncompleteMessage,
  OnHoldMessage,
  ScheduledMessage,
  UnscheduledMessage,
} from '../../shared/contracts/outbound/messages';
import { WorkType } from '../../shared/contracts/inbound/workType';
import { JourneyCadence } from '../../shared/journey/cadence';
import { JourneyAppointment, JourneyStatus } from '../../shared/journey/journeyStatus';
import { JourneyPurpose } from '../../shared/journey/purposes';
import { TimelineActor } from '../../shared/timeline/timelineEvent';
import { WorkOrderCommand } from '../../shared/workorders/workOrderCommand';
import { workOrderStatuses, type WorkOrderStatus } from '../../shared/workorders/workOrderState';

/**
 * The journey's activities by name, with their inputs and outputs. The orchestrator calls only
 * these names, so a test app can register in-memory activities under them; the real ones are in
 * `activities/`. Every input carries `workOrderId` and `correlationId` for the logs.
 */
export const journeyActivityNames = {
  loadProfile: 'journeyLoadProfile',
  updateWorkOrder: 'journeyUpdateWorkOrder',
  sendMessage: 'journeySendMessage',
  notifyUtility: 'journeyNotifyUtility',
  recordEvent: 'journeyRecordEvent',
  projectJourney: 'journeyProjectJourney',
} as const;
export type JourneyActivityKey = keyof typeof journeyActivityNames;

const about = { workOrderId: z.string().min(1), correlationId: z.string().min(1) };

export const LoadProfileInput = z.object(about);

/** What the journey needs to know about the work order and its customer; no contact details. */
export const JourneyProfile = z.object({
  workType: WorkType,
  language: Language,
  hasPhone: z.boolean(),
  hasEmail: z.boolean(),
  preferredChannel: Channel.optional(),
  smsOptedOut: z.boolean(),
  cadence: JourneyCadence,
});
export type JourneyProfile = z.infer<typeof JourneyProfile>;

export const UpdateWorkOrderInput = z.object({
  ...about,
  commands: z.array(WorkOrderCommand).min(1),
  at: IsoInstant,
});
export type UpdateWorkOrderInput = z.infer<typeof UpdateWorkOrderInput>;

/**
 * Commands already in effect (the technician API completed the visit, intake cancelled) are
 * skipped, so the journey can state what must be true without racing the other writers.
 * A refusal is a value: the journey decides what it means.
 */
export const UpdateWorkOrderOutput = z.object({
  status: z.custom<WorkOrderStatus>(
    (value) => typeof value === 'string' && workOrderStatuses.includes(value as WorkOrderStatus),
  ),
  refused: z.string().optional(),
});
export type UpdateWorkOrderOutput = z.infer<typeof UpdateWorkOrderOutput>;

export const SendMessageInput = z.object({
  ...about,
  purpose: JourneyPurpose,
  /**
   * Which occurrence of the purpose this is, e.g. `r1a2` (contact round 1, attempt 2) or
   * `AP-1:0` (first reminder of an appointment). With the work order, purpose and channel it is
   * the message's idempotency key: a retried activity never sends twice.
   */
  occurrence: z.string().min(1).max(200),
  channel: Channel,
  appointment: JourneyAppointment.optional(),
  eta: IsoInstant.optional(),
  /** The customer's zone, for the times in the text; the app's zone when absent. */
  timeZone: z.string().min(1).optional(),
});
export type SendMessageInput = z.infer<typeof SendMessageInput>;

export const SendMessageOutput = z.object({
  notificationId: z.string().min(1),
  channel: Channel,
  /** `sent` (ACS accepted it), `failed` (ACS refused it) or `suppressed` (no usable contact point, e.g. SMS opt-out). */
  status: z.enum(['sent', 'failed', 'suppressed']),
});
export type SendMessageOutput = z.infer<typeof SendMessageOutput>;

const omitEnvelope = {
  schemaVersion: true,
  utilityCode: true,
  externalId: true,
  workOrderId: true,
  followUpOf: true,
} as const;

/**
 * The journey's part of an outbound message; the activity adds the envelope from the work order.
 * `occurredAt` comes from the orchestrator so a retried send yields the same body, which the
 * queue's duplicate detection then drops. `completed` names the report; the activity loads it.
 */
export const UtilityNotice = z.discriminatedUnion('kind', [
  ScheduledMessage.omit(omitEnvelope),
  UnscheduledMessage.omit(omitEnvelope),
  OnHoldMessage.omit(omitEnvelope),
  IncompleteMessage.omit(omitEnvelope),
  CancelledMessage.omit(omitEnvelope),
  ClosedUnreachableMessage.omit(omitEnvelope),
  z.object({
    kind: z.literal('completed'),
    occurredAt: IsoInstant,
    completedAt: IsoInstant,
    technicianId: z.string().min(1),
    reportId: z.string().min(1),
  }),
]);
export type UtilityNotice = z.infer<typeof UtilityNotice>;

export const NotifyUtilityInput = z.object({ ...about, notice: UtilityNotice });
export type NotifyUtilityInput = z.infer<typeof NotifyUtilityInput>;

/** A fact for the work order's timeline (details submitted, SMS opt-out, a rerouted message). */
export const RecordEventInput = z.object({
  ...about,
  /** From `newGuid`, so a retried activity writes the same document once. */
  eventId: z.string().min(1),
  type: z.string().regex(/^journey\.[a-z][a-zA-Z]*$/),
  actor: TimelineActor,
  summary: z.string().min(1).max(500),
  data: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])).optional(),
  occurredAt: IsoInstant,
});
export type RecordEventInput = z.infer<typeof RecordEventInput>;

/**
 * The journey's status for the ops list. `version` counts the journey's status changes across
 * generations (carried through `continueAsNew`), so the projection keeps the newest whatever order
 * retried activities land in.
 */
export const ProjectJourneyInput = z.object({ ...about, status: JourneyStatus, version: z.int().min(0) });
export type ProjectJourneyInput = z.infer<typeof ProjectJourneyInput>;

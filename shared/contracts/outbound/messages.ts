import { z } from 'zod';
import { BookingReleaseReason } from '../../booking/bookingReleaseReason';
import { EntityId, ExternalId, Revision, UtilityCode } from '../../common/identifiers';
import { IsoInstant } from '../../common/time';
import { ValidationIssue } from '../../validation';
import { IncompleteReason } from '../../workorders/incompleteReason';
import { VisitReport } from '../../workorders/visitReport';
import { contractSchemaVersion } from '../schemaVersion';

/*
 * Every outbound message names the utility's work order (utilityCode + externalId) and, once we
 * have one, ours. The request it answers is not in the body: it travels as the Service Bus
 * `correlationId` (see `outboundServiceBusMessage`).
 */
const envelope = {
  schemaVersion: z.literal(contractSchemaVersion),
  utilityCode: UtilityCode,
  externalId: ExternalId,
  workOrderId: EntityId,
  /** Messages about a follow-up visit name the work order it follows; the external id stays the utility's. */
  followUpOf: EntityId.optional().meta({
    description:
      'Set when the message is about a follow-up visit: our id of the work order whose partly done visit made it (utilityCode and externalId are the original’s).',
  }),
  occurredAt: IsoInstant,
};

const outbound = <K extends string, S extends z.core.$ZodLooseShape>(
  kind: K,
  shape: S,
  description: string,
) =>
  z
    .object({ kind: z.literal(kind), ...envelope, ...shape })
    .meta({ id: `${kind[0]?.toUpperCase()}${kind.slice(1)}Message`, description });

export const AcceptedMessage = outbound(
  'accepted',
  { revision: Revision },
  'The work order (at this revision) is taken on; workOrderId is our id for it.',
);

/**
 * A rejected message may be unreadable, so the utility code and external id are echoed only as
 * far as they could be read (raw, unvalidated) and there is no work order.
 */
export const RejectedMessage = z
  .object({
    kind: z.literal('rejected'),
    schemaVersion: z.literal(contractSchemaVersion),
    utilityCode: z.string().optional(),
    externalId: z.string().optional(),
    workOrderId: EntityId.optional(),
    occurredAt: IsoInstant,
    issues: z.array(ValidationIssue).min(1),
  })
  .meta({
    id: 'RejectedMessage',
    description: 'The inbound message was not taken on; issues name each bad field by its dotted path.',
  });

export const StaleMessage = outbound(
  'stale',
  { receivedRevision: Revision, currentRevision: Revision },
  'The amendment or cancellation was not newer than what we hold; acknowledged, nothing changed.',
);

export const ScheduledMessage = outbound(
  'scheduled',
  {
    appointmentId: EntityId,
    windowStart: IsoInstant,
    windowEnd: IsoInstant,
    rescheduled: z.boolean(),
  },
  'The customer booked (or moved) the appointment to this window.',
);

export const UnscheduledMessage = outbound(
  'unscheduled',
  {
    appointmentId: EntityId,
    revision: Revision,
    reason: BookingReleaseReason,
  },
  'An amendment (at revision) made the booked appointment impossible, for reason; it is released and the customer is asked to choose a new time (a new scheduled follows).',
);

export const OnHoldMessage = outbound(
  'onHold',
  {
    reason: z.enum(['noContact', 'noChannel', 'customerRequest', 'deliveryFailed']),
    contactAttempts: z.int().min(0),
  },
  'The work order waits: the customer could not be reached after contactAttempts attempts, could not be contacted at all (noChannel: no usable phone or email), or asked to wait.',
);

export const CompletedMessage = outbound(
  'completed',
  { completedAt: IsoInstant, technicianId: EntityId, report: VisitReport },
  'The work is done; the report holds the checklist, measurements, notes and photo references.',
);

export const IncompleteMessage = outbound(
  'incomplete',
  {
    reason: IncompleteReason,
    note: z.string().max(1000).optional(),
    rebooking: z.boolean().meta({ description: 'True when the customer is asked to book a new visit.' }),
  },
  'The visit ended without finishing the work (customerAbsent is a no-show).',
);

export const CancelledMessage = outbound(
  'cancelled',
  { cancelledBy: z.enum(['utility', 'customer', 'ops']), reason: z.string().max(500).optional() },
  'The work order is cancelled and will not be carried out.',
);

export const ClosedUnreachableMessage = outbound(
  'closedUnreachable',
  { contactAttempts: z.int().min(0), onHoldSince: IsoInstant },
  'Closed without a visit: the customer stayed unreachable after the on-hold period.',
);

export const OutboundMessage = z
  .discriminatedUnion('kind', [
    AcceptedMessage,
    RejectedMessage,
    StaleMessage,
    ScheduledMessage,
    UnscheduledMessage,
    OnHoldMessage,
    CompletedMessage,
    IncompleteMessage,
    CancelledMessage,
    ClosedUnreachableMessage,
  ])
  .meta({ id: 'OutboundMessage', title: 'Fieldline outbound message (Fieldline → utility)' });
export type OutboundMessage = z.infer<typeof OutboundMessage>;
export type OutboundMessageKind = OutboundMessage['kind'];
export type OutboundMessageOf<K extends OutboundMessageKind> = Extract<OutboundMessage, { kind: K }>;

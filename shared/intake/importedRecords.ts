import { createHash } from 'node:crypto';
import type { AmendWorkOrderMessage, CreateWorkOrderMessage } from '../contracts/inbound/messages';
import { customerIdFor, type Customer } from '../customers/customer';
import type { TimelineEvent } from '../timeline/timelineEvent';
import { plannedDurationMinutes } from '../workorders/defaultDuration';
import { initialWorkOrderState } from '../workorders/workOrderState';
import type { WorkOrder } from '../workorders/workOrder';
import type { InboundDelivery } from './inboundDelivery';

type ContentMessage = CreateWorkOrderMessage | AmendWorkOrderMessage;

/** The utility-owned fields of a work order, taken whole from a create or amend (never patched). */
const contentOf = (message: ContentMessage) => ({
  utilityCode: message.utilityCode,
  externalId: message.externalId,
  revision: message.revision,
  workType: message.workType,
  priority: message.priority,
  dueDate: message.dueDate,
  requiredSkills: [...message.requiredSkills],
  estimatedDurationMinutes: plannedDurationMinutes(message.workType, message.estimatedDurationMinutes),
  site: message.site,
  ...(message.asset === undefined ? {} : { asset: message.asset }),
  ...(message.notes === undefined ? {} : { notes: message.notes }),
});

export function newWorkOrder(
  workOrderId: string,
  message: ContentMessage,
  delivery: InboundDelivery,
  now: string,
): WorkOrder {
  return {
    id: workOrderId,
    ...contentOf(message),
    correlationId: delivery.messageId,
    revisionMessageId: delivery.messageId,
    customerId: customerIdFor(workOrderId),
    state: initialWorkOrderState,
    contactAttempts: 0,
    caseIds: [],
    receivedAt: now,
    updatedAt: now,
  };
}

/** A newer revision replaces the content; what we own (state, attempts, cases, ids) stays. */
export function amendedWorkOrder(
  current: WorkOrder,
  message: AmendWorkOrderMessage,
  delivery: InboundDelivery,
  now: string,
): WorkOrder {
  const { asset: _asset, notes: _notes, ...kept } = current;
  return { ...kept, ...contentOf(message), revisionMessageId: delivery.messageId, updatedAt: now };
}

/** The customer as the utility describes them; an SMS opt-out we hold is never undone by the utility. */
export function customerFor(
  workOrder: WorkOrder,
  message: ContentMessage,
  existing: Customer | undefined,
  now: string,
): Customer {
  const { customer } = message;
  return {
    id: workOrder.customerId,
    docType: 'customer',
    utilityCode: workOrder.utilityCode,
    workOrderId: workOrder.id,
    name: customer.name,
    ...(customer.phone === undefined ? {} : { phone: customer.phone }),
    ...(customer.email === undefined ? {} : { email: customer.email }),
    ...(customer.preferredChannel === undefined ? {} : { preferredChannel: customer.preferredChannel }),
    language: customer.language,
    smsOptedOut: existing?.smsOptedOut ?? false,
    revision: workOrder.revision,
    createdAt: existing?.createdAt ?? now,
    updatedAt: now,
  };
}

/**
 * One event per applied revision; its id follows from them, so a redelivery writes it once. Hashed
 * because a work-order id may already use the whole id length.
 */
export function intakeEvent(
  workOrder: WorkOrder,
  type: 'workOrder.received' | 'workOrder.amended' | 'workOrder.cancelled',
  summary: string,
  delivery: InboundDelivery,
  occurredAt: string,
): TimelineEvent {
  return {
    id: `EV-${createHash('sha256').update(`${workOrder.id}\n${workOrder.revision}\n${type}`).digest('hex').slice(0, 32)}`,
    docType: 'event',
    subjectId: workOrder.id,
    subjectType: 'workOrder',
    type,
    occurredAt,
    actor: { kind: 'utility', id: workOrder.utilityCode },
    summary,
    data: { revision: workOrder.revision, status: workOrder.state.status },
    correlationId: delivery.messageId,
  };
}

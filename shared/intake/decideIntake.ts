import type { Versioned } from '../common/versioned';
import type { AmendWorkOrderMessage, InboundMessage } from '../contracts/inbound/messages';
import type { Customer } from '../customers/customer';
import type { TimelineEvent } from '../timeline/timelineEvent';
import { transitionWorkOrder } from '../workorders/workOrderMachine';
import type { WorkOrder } from '../workorders/workOrder';
import { accepted, cancelled, rejected, stale, type IntakeAnswer } from './answers';
import { cancelTombstoneId, type CancelTombstone } from './cancelTombstone';
import type { InboundDelivery } from './inboundDelivery';
import { amendedWorkOrder, customerFor, intakeEvent, newWorkOrder } from './importedRecords';

/** What intake read before deciding: the work order (with its ETag) and what hangs off it. */
export interface IntakeSnapshot {
  readonly workOrder?: Versioned<WorkOrder> | undefined;
  readonly customer?: Versioned<Customer> | undefined;
  readonly tombstone?: CancelTombstone | undefined;
  /** Follow-up visits of the work order, oldest first: a utility cancel ends them too. */
  readonly followUps?: readonly Versioned<WorkOrder>[] | undefined;
}

/** One work order a utility cancel ends: the one it names, and any follow-up visit still open. */
export interface CancelTarget {
  readonly write: WorkOrderWrite;
  readonly workOrder: WorkOrder;
  readonly event: TimelineEvent;
}

/**
 * How the work order is written: `create` (fails if someone else created it first), `replace`
 * (at the snapshot's ETag), or `none` when this same message already wrote it before a crash and
 * only the later steps remain.
 */
export type WorkOrderWrite =
  | { readonly mode: 'create' }
  | { readonly mode: 'replace'; readonly etag: string }
  | { readonly mode: 'none' };

export type IntakePlan =
  | {
      readonly kind: 'import' | 'amend';
      readonly write: WorkOrderWrite;
      readonly workOrder: WorkOrder;
      readonly customer: Customer;
      readonly event: TimelineEvent;
      /** False for a work order that is already finished: an amendment must not revive it. */
      readonly ensureJourney: boolean;
      readonly answer: IntakeAnswer;
    }
  | {
      readonly kind: 'cancel';
      readonly targets: readonly CancelTarget[];
      readonly reason: string | undefined;
      readonly answer: IntakeAnswer;
    }
  | { readonly kind: 'rememberCancel'; readonly tombstone: CancelTombstone; readonly answer: IntakeAnswer }
  | {
      readonly kind: 'answer';
      readonly why: 'stale' | 'refused' | 'cancelledBeforeCreate' | 'alreadyCancelled';
      readonly answer: IntakeAnswer;
    };

export interface IntakeContext {
  readonly workOrderId: string;
  readonly delivery: InboundDelivery;
  readonly now: string;
}

const writeFor = (current: Versioned<WorkOrder>, own: boolean): WorkOrderWrite =>
  own ? { mode: 'none' } : { mode: 'replace', etag: current.etag };

function importNew(message: InboundMessage & { kind: 'create' | 'amend' }, ctx: IntakeContext): IntakePlan {
  const workOrder = newWorkOrder(ctx.workOrderId, message, ctx.delivery, ctx.now);
  const summary =
    message.kind === 'create'
      ? `Received revision ${message.revision}`
      : `Received revision ${message.revision} as an amendment before its create`;
  return {
    kind: 'import',
    write: { mode: 'create' },
    workOrder,
    customer: customerFor(workOrder, message, undefined, ctx.now),
    event: intakeEvent(workOrder, 'workOrder.received', summary, ctx.delivery, ctx.delivery.enqueuedAt),
    ensureJourney: true,
    answer: accepted(message, ctx.workOrderId, ctx.delivery),
  };
}

function beforeCreate(message: InboundMessage, snapshot: IntakeSnapshot, ctx: IntakeContext): IntakePlan {
  const tombstone = snapshot.tombstone;
  switch (message.kind) {
    case 'create':
    case 'amend':
      if (tombstone !== undefined && tombstone.revision > message.revision) {
        return {
          kind: 'answer',
          why: 'cancelledBeforeCreate',
          answer: cancelled(message, ctx.workOrderId, 'utility', tombstone.reason, ctx.delivery),
        };
      }
      return importNew(message, ctx);
    case 'cancel': {
      const refusal = rejected(
        message,
        [
          {
            path: 'externalId',
            message:
              'no work order with this external id; the cancellation is kept and applied if the work order arrives later with a lower revision',
          },
        ],
        ctx.delivery,
      );
      if (tombstone !== undefined && tombstone.revision > message.revision) {
        return { kind: 'answer', why: 'refused', answer: refusal };
      }
      return {
        kind: 'rememberCancel',
        tombstone: {
          id: cancelTombstoneId(ctx.workOrderId),
          docType: 'cancelBeforeCreate',
          workOrderId: ctx.workOrderId,
          utilityCode: message.utilityCode,
          externalId: message.externalId,
          revision: message.revision,
          messageId: ctx.delivery.messageId,
          ...(message.reason === undefined ? {} : { reason: message.reason }),
          receivedAt: ctx.now,
        },
        answer: refusal,
      };
    }
    default: {
      const unhandled: never = message;
      throw new Error(`unknown inbound kind ${JSON.stringify(unhandled)}`);
    }
  }
}

function amend(
  message: AmendWorkOrderMessage,
  current: Versioned<WorkOrder>,
  snapshot: IntakeSnapshot,
  own: boolean,
  ctx: IntakeContext,
): IntakePlan {
  const status = current.value.state.status;
  if (status === 'Cancelled' || status === 'Closed') {
    return {
      kind: 'answer',
      why: 'refused',
      answer: rejected(
        message,
        [{ path: 'externalId', message: `work order is ${status}; it can no longer be amended` }],
        ctx.delivery,
        ctx.workOrderId,
      ),
    };
  }
  const workOrder = own ? current.value : amendedWorkOrder(current.value, message, ctx.delivery, ctx.now);
  return {
    kind: 'amend',
    write: writeFor(current, own),
    workOrder,
    customer: customerFor(workOrder, message, snapshot.customer?.value, ctx.now),
    event: intakeEvent(
      workOrder,
      'workOrder.amended',
      `Amended to revision ${message.revision}`,
      ctx.delivery,
      ctx.delivery.enqueuedAt,
    ),
    ensureJourney: true,
    answer: accepted(message, ctx.workOrderId, ctx.delivery),
  };
}

/** The target a cancel makes of one work order: none when it is finished (or already cancelled). */
function cancelTargetOf(
  message: InboundMessage & { kind: 'cancel' },
  current: Versioned<WorkOrder>,
  ctx: IntakeContext,
): CancelTarget | undefined {
  const own = current.value.revisionMessageId === ctx.delivery.messageId;
  let workOrder = current.value;
  if (!own) {
    const next = transitionWorkOrder(current.value.state, { type: 'cancel', by: 'utility' });
    if (!next.ok) return undefined;
    workOrder = {
      ...current.value,
      revision: Math.max(message.revision, current.value.revision),
      revisionMessageId: ctx.delivery.messageId,
      state: next.value,
      updatedAt: ctx.now,
    };
  }
  return {
    write: writeFor(current, own),
    workOrder,
    event: intakeEvent(
      workOrder,
      'workOrder.cancelled',
      `Cancelled by the utility at revision ${message.revision}`,
      ctx.delivery,
      ctx.delivery.enqueuedAt,
    ),
  };
}

/**
 * A cancel ends the work order and every follow-up visit still open: the utility sees one work
 * order, so "cancel" means the remaining work too, even when the original visit is long closed.
 */
function cancel(
  message: InboundMessage & { kind: 'cancel' },
  current: Versioned<WorkOrder>,
  snapshot: IntakeSnapshot,
  ctx: IntakeContext,
): IntakePlan {
  const targets = [current, ...(snapshot.followUps ?? [])].flatMap(
    (workOrder) => cancelTargetOf(message, workOrder, ctx) ?? [],
  );
  const state = current.value.state;
  if (targets.length === 0) {
    if (state.status === 'Cancelled') {
      return {
        kind: 'answer',
        why: 'alreadyCancelled',
        answer: cancelled(message, ctx.workOrderId, state.by, undefined, ctx.delivery),
      };
    }
    return {
      kind: 'answer',
      why: 'refused',
      answer: rejected(
        message,
        [{ path: 'externalId', message: `work order is ${state.status}; it can no longer be cancelled` }],
        ctx.delivery,
        ctx.workOrderId,
      ),
    };
  }
  return {
    kind: 'cancel',
    targets,
    reason: message.reason,
    answer: cancelled(message, ctx.workOrderId, 'utility', message.reason, ctx.delivery),
  };
}

/** An older or equal revision from another message: answered stale, nothing else read or written. */
const isStale = (message: InboundMessage, current: WorkOrder, messageId: string): boolean =>
  current.revisionMessageId !== messageId && message.revision <= current.revision;

/**
 * What the decision needs read beside an existing work order, so intake reads nothing more: the
 * customer for a create or amend (its contact points and name words are what an amend retires),
 * the follow-up visits for a cancel (it ends them too), neither for a stale message.
 */
export function readsFor(
  message: InboundMessage,
  current: WorkOrder,
  messageId: string,
): { readonly customer: boolean; readonly followUps: boolean } {
  if (isStale(message, current, messageId)) return { customer: false, followUps: false };
  return { customer: message.kind !== 'cancel', followUps: message.kind === 'cancel' };
}

/**
 * The import rules, pure. Ordering comes from revisions, not sessions: an amendment is the whole
 * work order, so one that overtakes its create is imported as it stands and the late create is
 * stale; an older or equal revision never changes anything. A redelivery of the message that set
 * the current revision (`revisionMessageId`) is the same message after a crash, and resumes.
 */
export function decideIntake(
  message: InboundMessage,
  snapshot: IntakeSnapshot,
  ctx: IntakeContext,
): IntakePlan {
  const current = snapshot.workOrder;
  if (current === undefined) return beforeCreate(message, snapshot, ctx);

  const own = current.value.revisionMessageId === ctx.delivery.messageId;
  if (isStale(message, current.value, ctx.delivery.messageId)) {
    return {
      kind: 'answer',
      why: 'stale',
      answer: stale(message, ctx.workOrderId, current.value.revision, ctx.delivery),
    };
  }
  switch (message.kind) {
    case 'create':
      if (own) {
        return {
          kind: 'import',
          write: { mode: 'none' },
          workOrder: current.value,
          customer: customerFor(current.value, message, snapshot.customer?.value, ctx.now),
          event: intakeEvent(
            current.value,
            'workOrder.received',
            `Received revision ${message.revision}`,
            ctx.delivery,
            ctx.delivery.enqueuedAt,
          ),
          ensureJourney: true,
          answer: accepted(message, ctx.workOrderId, ctx.delivery),
        };
      }
      // A re-sent create at a newer revision carries the whole work order, like an amendment.
      return amend({ ...message, kind: 'amend' }, current, snapshot, own, ctx);
    case 'amend':
      return amend(message, current, snapshot, own, ctx);
    case 'cancel':
      return cancel(message, current, snapshot, ctx);
    default: {
      const unhandled: never = message;
      throw new Error(`unknown inbound kind ${JSON.stringify(unhandled)}`);
    }
  }
}

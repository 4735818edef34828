import type { Versioned } from '../common/versioned';
import type { InboundMessage } from '../contracts/inbound/messages';
import { parseInboundMessage } from '../contracts/inbound/parseInboundMessage';
import { followUpIdFor } from '../fieldwork/followUp';
import { outboundServiceBusMessage } from '../contracts/outbound/serviceBusMessage';
import type { UtilityOutbox } from '../contracts/outbound/utilityOutbox';
import { customerIdFor, type Customer } from '../customers/customer';
import type { WorkOrder } from '../workorders/workOrder';
import { workOrderIdFor } from '../workorders/workOrderId';
import { rejected, stale, type IntakeAnswer } from './answers';
import { indexName, retireAllBut, writeCustomer } from './customerWrite';
import { decideIntake, readsFor, type IntakePlan, type IntakeSnapshot } from './decideIntake';
import { readInboundBody, type InboundDelivery } from './inboundDelivery';
import type { AppointmentReleaser, IntakeStore, JourneyGateway } from './intakePorts';

export interface IntakeDependencies {
  readonly store: IntakeStore;
  readonly journeys: JourneyGateway;
  readonly appointments: AppointmentReleaser;
  /** Brings the cases linked to a cancelled work order in step; absent where there are none to sync. */
  readonly syncCases?: ((workOrder: WorkOrder) => Promise<void>) | undefined;
  readonly outbox: UtilityOutbox;
  readonly now: () => Date;
}

/** What became of one delivery; logged, and counted by tests. */
export type IntakeOutcome =
  'imported' | 'amended' | 'cancelled' | 'rejected' | 'stale' | 'cancelledBeforeCreate' | 'alreadyCancelled';

export interface IntakeResult {
  readonly outcome: IntakeOutcome;
  readonly workOrderId?: string | undefined;
  /** The answer's kind as sent to the utility. */
  readonly answered: string;
}

/** Writes lost to a concurrent writer are re-decided from a fresh read this many times. */
const maxConflicts = 5;

/** A visit under way or over: its booking is the technician's now, an amendment does not move it. */
const inTheField = (workOrder: WorkOrder): boolean =>
  ['EnRoute', 'OnSite', 'Completed', 'Incomplete'].includes(workOrder.state.status);

/** Follow-up visits hang off the original by id (`followUpIdFor`); a short chain, read in order. */
const maxFollowUps = 10;

async function followUpsOf(store: IntakeStore, workOrderId: string): Promise<Versioned<WorkOrder>[]> {
  const followUps: Versioned<WorkOrder>[] = [];
  for (let id = followUpIdFor(workOrderId); followUps.length < maxFollowUps; id = followUpIdFor(id)) {
    const followUp = await store.getWorkOrder(id);
    if (followUp === undefined) break;
    followUps.push(followUp);
  }
  return followUps;
}

/** Reads what deciding this message needs (`readsFor`), each a point read, and nothing more. */
async function load(
  store: IntakeStore,
  message: InboundMessage,
  workOrderId: string,
  messageId: string,
): Promise<IntakeSnapshot> {
  const workOrder = await store.getWorkOrder(workOrderId);
  if (workOrder === undefined) return { tombstone: await store.getCancelTombstone(workOrderId) };
  const reads = readsFor(message, workOrder.value, messageId);
  return {
    workOrder,
    ...(reads.customer ? { customer: await store.getCustomer(workOrder.value.customerId) } : {}),
    ...(reads.followUps ? { followUps: await followUpsOf(store, workOrderId) } : {}),
  };
}

/** What one delivery's attempts saw of and did to the customer, across lost races. */
interface CustomerTrail {
  /** Every stored version read: what the index may still hold of them. */
  readonly seen: Customer[];
  /** What this delivery wrote (and indexed), on any attempt. */
  readonly written: Customer[];
  conflicts: number;
}

async function publish(outbox: UtilityOutbox, answer: IntakeAnswer): Promise<string> {
  await outbox.publish(outboundServiceBusMessage(answer.message, answer.correlationId));
  return answer.message.kind;
}

/** What one attempt at a plan came to: done, a lost race on the work order, or a newer revision won. */
type Executed = IntakeOutcome | 'conflict' | { readonly superseded: number };

/**
 * Carries out a plan. The order makes every crash point safe to redeliver: the customer before
 * the work order (whose existence means "imported"), the journey before the answer, the answer
 * last; each step is idempotent. Every write is at the plan's revision and only over an older
 * one: `conflict` when another writer got to the work order first (decided again from a fresh
 * read), `superseded` when a newer revision holds the customer (answered stale).
 */
async function execute(
  plan: IntakePlan,
  deps: IntakeDependencies,
  before: Versioned<Customer> | undefined,
  trail: CustomerTrail,
): Promise<Executed> {
  const { store, journeys } = deps;
  switch (plan.kind) {
    case 'import':
    case 'amend': {
      const mine = plan.customer;
      const written = async (): Promise<Executed | undefined> => {
        const write = await writeCustomer(store, mine, before, trail.seen);
        if (write.kind === 'superseded') {
          if (trail.written.length > 0)
            await retireAllBut(store, [...trail.seen, ...trail.written], write.current);
          return { superseded: write.current.revision ?? 0 };
        }
        trail.written.push(mine);
        return undefined;
      };
      // Everything a create indexes goes before the work order: a newer message can only start
      // retiring it once it has read the work order. An amend writes the work order first.
      if (plan.write.mode === 'create') {
        const lost = await written();
        if (lost !== undefined) return lost;
        await indexName(store, mine);
        if ((await store.createWorkOrder(plan.workOrder)) === 'exists') return 'conflict';
      } else {
        if (plan.write.mode === 'replace') {
          if ((await store.replaceWorkOrder(plan.workOrder, plan.write.etag)) === 'conflict')
            return 'conflict';
        }
        const lost = await written();
        if (lost !== undefined) return lost;
        await indexName(store, mine);
      }
      await store.addTimelineEvent(plan.event);
      if (plan.ensureJourney) await journeys.start(plan.workOrder.id, plan.workOrder.correlationId);
      if (plan.write.mode !== 'create') {
        // A newer message may have overtaken this one since it read the work order: a newer amend
        // writes the work order before it reads the customer and retires what ours had indexed,
        // maybe before our entries landed. Read the work order once more; the older one takes its
        // leftovers back (readers check the customer anyway; the index stays clean) and is
        // answered stale before the booking and the journey hear of it.
        const latest = (await store.getWorkOrder(plan.workOrder.id))?.value.revision ?? 0;
        if (latest > plan.workOrder.revision || trail.conflicts > 0) {
          const current = await store.getCustomer(mine.id);
          await retireAllBut(store, [...trail.seen, ...trail.written], current?.value);
          if (latest > plan.workOrder.revision) return { superseded: latest };
        }
      }
      if (plan.kind === 'amend') {
        // What the booking depends on may have changed; the journey hears of every amendment.
        const check = inTheField(plan.workOrder)
          ? ({ kind: 'none' } as const)
          : await deps.appointments.revalidate(plan.workOrder);
        await journeys.amended(plan.workOrder.id, plan.workOrder.revision, check);
      }
      return plan.kind === 'import' ? 'imported' : 'amended';
    }
    case 'cancel':
      for (const target of plan.targets) {
        if (target.write.mode === 'replace') {
          if ((await store.replaceWorkOrder(target.workOrder, target.write.etag)) === 'conflict')
            return 'conflict';
        }
        await store.addTimelineEvent(target.event);
        await deps.appointments.release(target.workOrder.id);
        if (target.workOrder.caseIds.length > 0) await deps.syncCases?.(target.workOrder);
        await journeys.cancel(target.workOrder.id, plan.reason);
      }
      return 'cancelled';
    case 'rememberCancel':
      await store.putCancelTombstone(plan.tombstone);
      return 'rejected';
    case 'answer':
      switch (plan.why) {
        case 'refused':
          return 'rejected';
        case 'stale':
        case 'cancelledBeforeCreate':
        case 'alreadyCancelled':
          return plan.why;
        default: {
          const unhandled: never = plan.why;
          throw new Error(`unknown answer reason ${String(unhandled)}`);
        }
      }
    default: {
      const unhandled: never = plan;
      throw new Error(`unknown intake plan ${JSON.stringify(unhandled)}`);
    }
  }
}

/**
 * One inbound delivery, start to end: read, validate, decide from what is stored, write, answer.
 * Bad input is answered `rejected` and returns normally, so the message is completed rather than
 * retried; anything transient throws, so the trigger abandons it and the broker redelivers it (and
 * dead-letters it after the queue's max delivery count).
 */
export async function processInbound(
  delivery: InboundDelivery,
  deps: IntakeDependencies,
): Promise<IntakeResult> {
  const body = readInboundBody(delivery.body);
  if (!body.ok) {
    return {
      outcome: 'rejected',
      answered: await publish(deps.outbox, rejected(undefined, body.error, delivery)),
    };
  }
  const parsed = parseInboundMessage(body.value);
  if (!parsed.ok) {
    return {
      outcome: 'rejected',
      answered: await publish(deps.outbox, rejected(body.value, parsed.error, delivery)),
    };
  }
  const message = parsed.value;
  const workOrderId = workOrderIdFor(message.utilityCode, message.externalId);
  const trail: CustomerTrail = { seen: [], written: [], conflicts: 0 };
  for (let attempt = 0; attempt < maxConflicts; attempt++) {
    const snapshot = await load(deps.store, message, workOrderId, delivery.messageId);
    const plan = decideIntake(message, snapshot, {
      workOrderId,
      delivery,
      now: deps.now().toISOString(),
    });
    const outcome = await execute(plan, deps, snapshot.customer, trail);
    if (outcome === 'conflict') {
      trail.conflicts++;
      continue;
    }
    if (typeof outcome === 'object') {
      const answer = stale(message, workOrderId, outcome.superseded, delivery);
      return { outcome: 'stale', workOrderId, answered: await publish(deps.outbox, answer) };
    }
    // An earlier attempt wrote the customer and then lost the work order to a newer revision:
    // what it indexed goes back.
    if (trail.written.length > 0 && plan.kind !== 'import' && plan.kind !== 'amend') {
      const current = await deps.store.getCustomer(customerIdFor(workOrderId));
      await retireAllBut(deps.store, [...trail.seen, ...trail.written], current?.value);
    }
    return { outcome, workOrderId, answered: await publish(deps.outbox, plan.answer) };
  }
  throw new Error(
    `work order ${workOrderId} kept changing while intake wrote it; the delivery will be retried`,
  );
}

import type { JourneyEventKey, JourneyEventPayload } from '../../orchestrations/journey/contract';
import type { WorkOrder } from '../workorders/workOrder';
import type { WorkOrderCommand } from '../workorders/workOrderCommand';
import { transitionWorkOrder } from '../workorders/workOrderMachine';
import type { CancelledBy, WorkOrderState } from '../workorders/workOrderState';
import { acceptedEta, acceptedTimeOf } from './deviceTime';
import type { StatusUpdate } from './statusUpdate';

type FieldEvent = Extract<JourneyEventKey, 'technicianEnRoute' | 'visitCompleted' | 'visitIncomplete'>;

/** The journey event a status update raises, with its payload. */
export type JourneyRaise = {
  [K in FieldEvent]: { readonly event: K; readonly payload: JourneyEventPayload<K> };
}[FieldEvent];
type Raise = JourneyRaise;

export type StatusDecision =
  /**
   * Applied before: this very update (a replay), or the status the visit already has (another
   * device of the same technician). When it is the latest applied update its follow-on steps
   * (timeline, journey, cases) may not have finished, so `redo` carries them again; they are all
   * safe to repeat.
   */
  | {
      readonly kind: 'alreadyApplied';
      readonly redo?: (FollowOn & { readonly accepted: StatusUpdate }) | undefined;
    }
  /** The visit is already further along than this update says: newer state wins. */
  | { readonly kind: 'stale' }
  /** The work order was cancelled (perhaps while the phone was offline): nothing more to do. */
  | { readonly kind: 'cancelled'; readonly by: CancelledBy }
  | { readonly kind: 'notAssigned' }
  | { readonly kind: 'refused'; readonly message: string }
  | ({
      readonly kind: 'apply';
      readonly workOrder: WorkOrder;
      readonly commands: readonly WorkOrderCommand[];
      /** The update with its times as accepted (`acceptedTimeOf`): what timeline, KPIs and journey use. */
      readonly accepted: StatusUpdate;
      readonly claimBelieved: boolean;
    } & FollowOn);

/** What happens after the work order is written: journey event, stored report, follow-up visit. */
export interface FollowOn {
  readonly journey: Raise | undefined;
  readonly reportId?: string;
  readonly createsFollowUp: boolean;
}

export interface StatusUpdateContext {
  /** When the server received the update. */
  readonly receivedAt: string;
  /** How far before receipt a phone's clock is believed (see deviceTime). */
  readonly clockSkewMs: number;
  readonly followUpId: string | undefined;
}

function followOnFor(update: StatusUpdate, technicianId: string, followUpId: string | undefined): FollowOn {
  const createsFollowUp = update.status === 'incomplete' && update.reason === 'partlyDone';
  return {
    createsFollowUp,
    ...(update.status === 'completed' ? { reportId: reportIdFor(update.updateId) } : {}),
    journey: journeyEventFor(update, technicianId, createsFollowUp ? followUpId : undefined),
  };
}

export const reportIdFor = (updateId: string): string => `VR-${updateId}`;

const technicianOf = (state: WorkOrderState): string | undefined =>
  'technicianId' in state ? state.technicianId : undefined;

type FieldStatus = StatusUpdate['status'];

/** How far a visit has got: the order updates are applied in, whatever the phones' clocks say. */
const progressOfUpdate: Readonly<Record<FieldStatus, number>> = {
  enRoute: 1,
  onSite: 2,
  completed: 3,
  incomplete: 3,
};

/** The visit's progress and, once it ended or is on its way, the status a phone would have sent for it. */
function visitProgress(state: WorkOrderState): { progress: number; status?: FieldStatus } | undefined {
  switch (state.status) {
    case 'Dispatched':
      return { progress: 0 };
    case 'EnRoute':
      return { progress: 1, status: 'enRoute' };
    case 'OnSite':
      return { progress: 2, status: 'onSite' };
    case 'Completed':
      return { progress: 3, status: 'completed' };
    case 'Incomplete':
      return { progress: 3, status: 'incomplete' };
    case 'Closed':
      return state.outcome === 'unreachable'
        ? undefined
        : { progress: 3, status: state.outcome === 'completed' ? 'completed' : 'incomplete' };
    case 'Received':
    case 'AwaitingCustomer':
    case 'Scheduled':
    case 'OnHold':
    case 'Cancelled':
      return undefined;
    default: {
      const unhandled: never = state;
      throw new Error(`unknown state ${JSON.stringify(unhandled)}`);
    }
  }
}

/**
 * The state-machine commands an update stands for. A technician who taps "on site" without
 * "en route" (or "completed" straight from the road) still arrived: the missing steps are implied.
 */
function commandsFor(state: WorkOrderState, update: StatusUpdate): WorkOrderCommand[] {
  switch (update.status) {
    case 'enRoute':
      return [{ type: 'startTravel' }];
    case 'onSite':
      return state.status === 'Dispatched'
        ? [{ type: 'startTravel' }, { type: 'arrive' }]
        : [{ type: 'arrive' }];
    case 'completed':
      return [
        ...(state.status === 'Dispatched' ? [{ type: 'startTravel' } as const] : []),
        ...(state.status === 'Dispatched' || state.status === 'EnRoute' ? [{ type: 'arrive' } as const] : []),
        { type: 'complete' },
      ];
    case 'incomplete':
      return [
        ...(state.status === 'Dispatched' ? [{ type: 'startTravel' } as const] : []),
        { type: 'markIncomplete', reason: update.reason },
      ];
    default: {
      const unhandled: never = update;
      throw new Error(`unknown status update ${JSON.stringify(unhandled)}`);
    }
  }
}

function journeyEventFor(
  update: StatusUpdate,
  technicianId: string,
  followUpId: string | undefined,
): Raise | undefined {
  switch (update.status) {
    case 'enRoute':
      return { event: 'technicianEnRoute', payload: { technicianId, eta: update.eta } };
    case 'onSite':
      // The journey has nothing to tell the customer once the technician is at the door.
      return undefined;
    case 'completed':
      return {
        event: 'visitCompleted',
        payload: {
          technicianId,
          completedAt: update.clientTimestamp,
          reportId: reportIdFor(update.updateId),
        },
      };
    case 'incomplete':
      return {
        event: 'visitIncomplete',
        payload: {
          technicianId,
          reason: update.reason,
          ...(update.note === undefined ? {} : { note: update.note }),
          ...(followUpId === undefined ? {} : { followUpWorkOrderId: followUpId }),
        },
      };
    default: {
      const unhandled: never = update;
      throw new Error(`unknown status update ${JSON.stringify(unhandled)}`);
    }
  }
}

/** The update with the phone's times replaced by the accepted ones. */
function withTimes(update: StatusUpdate, at: string, claimed: string): StatusUpdate {
  if (update.status !== 'enRoute') return { ...update, clientTimestamp: at };
  const eta = acceptedEta(update.eta, claimed, { at, claimBelieved: true });
  return { ...update, clientTimestamp: at, eta };
}

const maxRecentIds = 50;

/**
 * Decides what one technician status update does to a work order. Pure: the caller persists the
 * new work order with its ETag (the update id goes in the same write, so a replay can never
 * apply twice) and then performs the follow-on steps.
 *
 * An offline queue gets an answer for everything it replays: `alreadyApplied` for what was applied
 * (even after the order closed, and for the same status from the technician's other device),
 * `stale` for what the visit is already past, `cancelled` for a work order cancelled meanwhile.
 */
export function decideStatusUpdate(
  workOrder: WorkOrder,
  update: StatusUpdate,
  technicianId: string,
  context: StatusUpdateContext,
): StatusDecision {
  const log = workOrder.fieldUpdates;
  const state = workOrder.state;
  const assigned = technicianOf(state) === technicianId;
  if (log?.recentUpdateIds.includes(update.updateId)) {
    const wasLast = log.lastUpdateId === update.updateId && assigned;
    if (!wasLast) return { kind: 'alreadyApplied' };
    const accepted = withTimes(update, log.lastEventAt ?? log.lastClientTimestamp, update.clientTimestamp);
    return {
      kind: 'alreadyApplied',
      redo: { ...followOnFor(accepted, technicianId, context.followUpId), accepted },
    };
  }
  if (state.status === 'Cancelled') return { kind: 'cancelled', by: state.by };

  const hadVisit = log?.technicianId === technicianId;
  if (!assigned) {
    // The visit ended and the work order moved on (closed, or back to booking after a no-show):
    // the technician who made it still gets straight answers about it.
    if (hadVisit && log?.lastStatus === update.status) return { kind: 'alreadyApplied' };
    if (!(hadVisit && state.status === 'Closed')) return { kind: 'notAssigned' };
  }
  const reached = visitProgress(state);
  if (reached === undefined) return { kind: 'refused', message: `work order is ${state.status}` };
  const progress = progressOfUpdate[update.status];
  if (progress < reached.progress) return { kind: 'stale' };
  if (progress === reached.progress) {
    if (reached.status === update.status) return { kind: 'alreadyApplied' };
    return {
      kind: 'refused',
      message: `the visit already ended as ${reached.status ?? state.status}; ${update.status} cannot follow`,
    };
  }

  const commands = commandsFor(state, update);
  let next: WorkOrderState = state;
  for (const command of commands) {
    const moved = transitionWorkOrder(next, command);
    if (!moved.ok) return { kind: 'refused', message: moved.error.message };
    next = moved.value;
  }
  const time = acceptedTimeOf(update.clientTimestamp, context.receivedAt, context.clockSkewMs);
  const accepted = withTimes(update, time.at, update.clientTimestamp);
  const endsVisit = update.status === 'completed' || update.status === 'incomplete';
  return {
    kind: 'apply',
    commands,
    accepted,
    claimBelieved: time.claimBelieved,
    ...followOnFor(accepted, technicianId, context.followUpId),
    workOrder: {
      ...workOrder,
      state: next,
      updatedAt: context.receivedAt,
      fieldUpdates: {
        lastClientTimestamp: update.clientTimestamp,
        lastEventAt: time.at,
        lastUpdateId: update.updateId,
        lastStatus: update.status,
        technicianId,
        recentUpdateIds: [...(log?.recentUpdateIds ?? []), update.updateId].slice(-maxRecentIds),
        visits: (log?.visits ?? 0) + (endsVisit ? 1 : 0),
      },
    },
  };
}

import type { JourneyEventKey, JourneyEventPayload } from '../../orchestrations/journey/contract';
import type { WorkOrder } from '../workorders/workOrder';
import type { WorkOrderCommand } from '../workorders/workOrderCommand';
import { transitionWorkOrder } from '../workorders/workOrderMachine';
import type { WorkOrderState } from '../workorders/workOrderState';
import type { StatusUpdate } from './statusUpdate';

type FieldEvent = Extract<JourneyEventKey, 'technicianEnRoute' | 'visitCompleted' | 'visitIncomplete'>;

/** The journey event a status update raises, with its payload. */
export type JourneyRaise = {
  [K in FieldEvent]: { readonly event: K; readonly payload: JourneyEventPayload<K> };
}[FieldEvent];
type Raise = JourneyRaise;

export type StatusDecision =
  /**
   * Applied before. When it is the latest applied update its follow-on steps (timeline, journey,
   * cases) may not have finished, so `redo` carries them again; they are all safe to repeat.
   */
  | { readonly kind: 'duplicate'; readonly redo?: FollowOn }
  /** Made on the phone before the last applied update: newer state wins. */
  | { readonly kind: 'stale'; readonly lastClientTimestamp: string }
  | { readonly kind: 'notAssigned' }
  | { readonly kind: 'refused'; readonly message: string }
  | ({
      readonly kind: 'apply';
      readonly workOrder: WorkOrder;
      readonly commands: readonly WorkOrderCommand[];
    } & FollowOn);

/** What happens after the work order is written: journey event, stored report, follow-up visit. */
export interface FollowOn {
  readonly journey: Raise | undefined;
  readonly reportId?: string;
  readonly createsFollowUp: boolean;
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
          ...(followUpId === undefined ? {} : { followUpWorkOrderId: followUpId }),
        },
      };
    default: {
      const unhandled: never = update;
      throw new Error(`unknown status update ${JSON.stringify(unhandled)}`);
    }
  }
}

const maxRecentIds = 50;

/**
 * Decides what one technician status update does to a work order. Pure: the caller persists the
 * new work order with its ETag (the update id and client time go in the same write, so a replay
 * can never apply twice) and then performs the follow-on steps.
 */
export function decideStatusUpdate(
  workOrder: WorkOrder,
  update: StatusUpdate,
  technicianId: string,
  now: string,
  followUpId: string | undefined,
): StatusDecision {
  const log = workOrder.fieldUpdates;
  const assigned = technicianOf(workOrder.state) === technicianId;
  if (log?.recentUpdateIds.includes(update.updateId)) {
    const wasLast = log.lastUpdateId === update.updateId && assigned;
    return { kind: 'duplicate', ...(wasLast ? { redo: followOnFor(update, technicianId, followUpId) } : {}) };
  }
  if (!assigned) return { kind: 'notAssigned' };
  if (log !== undefined && Date.parse(update.clientTimestamp) <= Date.parse(log.lastClientTimestamp)) {
    return { kind: 'stale', lastClientTimestamp: log.lastClientTimestamp };
  }
  const commands = commandsFor(workOrder.state, update);
  let state = workOrder.state;
  for (const command of commands) {
    const next = transitionWorkOrder(state, command);
    if (!next.ok) return { kind: 'refused', message: next.error.message };
    state = next.value;
  }
  const endsVisit = update.status === 'completed' || update.status === 'incomplete';
  return {
    kind: 'apply',
    commands,
    ...followOnFor(update, technicianId, followUpId),
    workOrder: {
      ...workOrder,
      state,
      updatedAt: now,
      fieldUpdates: {
        lastClientTimestamp: update.clientTimestamp,
        lastUpdateId: update.updateId,
        recentUpdateIds: [...(log?.recentUpdateIds ?? []), update.updateId].slice(-maxRecentIds),
        visits: (log?.visits ?? 0) + (endsVisit ? 1 : 0),
      },
    },
  };
}

/** Photos and the signature must be blobs we issued upload URLs for under this work order. */
export function foreignPhotoPaths(update: StatusUpdate, workOrderId: string): string[] {
  if (update.status !== 'completed') return [];
  const prefix = `${workOrderId}/`;
  const problems = update.report.photos.flatMap((photo, index) =>
    photo.reference.startsWith(prefix) ? [] : [`report.photos.${index}.reference`],
  );
  const signature = update.report.signature;
  if (signature !== undefined && !signature.reference.startsWith(prefix))
    problems.push('report.signature.reference');
  return problems;
}

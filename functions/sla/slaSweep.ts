import { app, type InvocationContext, type Timer } from '@azure/functions';
import { createItem, readItem } from '../../shared/adapters/cosmos/items';
import { recentTimelineEvents } from '../../shared/adapters/cosmos/timelineReader';
import { caseSlas } from '../../shared/cases/caseSlas';
import { appClock } from '../../shared/clock';
import { workOrderSlas } from '../../shared/sla/workOrderSla';
import { slaCrossingFacts } from '../../shared/kpis/factsFrom';
import { slaCrossingEvent, slaCrossings, type SlaCrossing } from '../../shared/sla/slaCrossings';
import { WorkOrder } from '../../shared/workorders/workOrder';
import {
  isTerminalWorkOrderStatus,
  workOrderStatuses,
  type WorkOrderStatus,
} from '../../shared/workorders/workOrderState';
import { casePorts } from '../cases/dependencies';
import { logLine } from '../http';
import { kpiRecorder } from '../kpis/recorders';
import { cosmos } from '../platform';
import { slaPolicies } from './policies';

/**
 * Writes a crossing's timeline event once (found by its id, a point read cheaper than a refused
 * create) and, the first time only, counts a miss in the KPIs: the event's existence is what
 * makes a miss count once across sweeps, overlapping or not.
 */
async function recordCrossing(
  subjectType: 'case' | 'workOrder',
  subjectId: string,
  crossing: SlaCrossing,
  correlationId: string | undefined,
): Promise<boolean> {
  const store = cosmos();
  const timeline = store.container('timeline');
  const event = {
    ...slaCrossingEvent(subjectType, subjectId, crossing),
    ...(correlationId === undefined ? {} : { correlationId }),
  };
  if ((await readItem(timeline, event.id, subjectId)) !== undefined) return false;
  if ((await createItem(timeline, event)) !== 'created') return false;
  await kpiRecorder(store)(slaCrossingFacts(subjectType, subjectId, crossing));
  return true;
}

/** Open cases one sweep looks at; a desk with more open cases than this needs paging (see the log). */
export const sweepLimit = 5000;

/**
 * Every five minutes: each open case's SLA clocks, and a timeline event for every warning or
 * breach threshold passed. A crossing already written is found by its id (a point read, cheaper
 * than a refused create), so repeated sweeps, overlapping ones or a sweep after an outage write
 * each crossing once.
 */
export async function sweepCaseSlas(context: InvocationContext): Promise<void> {
  const now = appClock().now();
  const open = await casePorts().cases.list({ status: 'Active', limit: sweepLimit });
  const policies = slaPolicies();
  let written = 0;
  for (const record of open) {
    for (const crossing of slaCrossings(caseSlas(record, policies, now), now)) {
      if (await recordCrossing('case', record.id, crossing, undefined)) {
        written += 1;
        context.log(logLine(`case SLA ${crossing.level}`, { caseId: record.id, metric: crossing.metric }));
      }
    }
  }
  const summary = { openCases: open.length, crossingsWritten: written };
  if (open.length >= sweepLimit) context.warn(logLine('SLA sweep hit its case limit', summary));
  else context.log(logLine('SLA sweep done', summary));
}

/** Work-order states whose clocks can still cross a threshold. */
const openStatuses: readonly WorkOrderStatus[] = workOrderStatuses.filter(
  (status) => status !== 'Completed' && status !== 'Incomplete' && !isTerminalWorkOrderStatus(status),
);

/** A work order closed without its work done is looked at once more, for the miss its close is. */
const closedLookback = 86_400_000;

/**
 * The same for open work orders: time to dispatch and time to complete, from each one's timeline;
 * and for work orders closed in the last day without being completed (unreachable, or nobody
 * going back), whose clock ended as a miss. One cross-partition query (work orders are
 * partitioned by id), bounded like the case sweep; at national scale the sweep should follow a
 * due-date index instead (docs/ARCHITECTURE.md, #26).
 */
export async function sweepWorkOrderSlas(context: InvocationContext): Promise<void> {
  const now = appClock().now();
  const store = cosmos();
  const { resources } = await store
    .container('workOrders')
    .items.query({
      query:
        'SELECT TOP @limit * FROM c WHERE NOT IS_DEFINED(c.docType) AND (ARRAY_CONTAINS(@open, c.state.status) OR (c.state.status = @closed AND c.state.outcome != @completed AND c.updatedAt >= @since)) ORDER BY c.receivedAt DESC',
      parameters: [
        { name: '@limit', value: sweepLimit },
        { name: '@open', value: [...openStatuses] },
        { name: '@closed', value: 'Closed' },
        { name: '@completed', value: 'completed' },
        { name: '@since', value: new Date(now.getTime() - closedLookback).toISOString() },
      ],
    })
    .fetchAll();
  const policies = slaPolicies();
  let written = 0;
  for (const resource of resources) {
    const workOrder = WorkOrder.parse(resource);
    const events = [...(await recentTimelineEvents(store, workOrder.id, 200))].reverse();
    for (const crossing of slaCrossings(workOrderSlas(workOrder, events, policies, now), now)) {
      if (await recordCrossing('workOrder', workOrder.id, crossing, workOrder.correlationId)) {
        written += 1;
        context.log(
          logLine(`work order SLA ${crossing.level}`, {
            workOrderId: workOrder.id,
            correlationId: workOrder.correlationId,
            metric: crossing.metric,
          }),
        );
      }
    }
  }
  const summary = { openWorkOrders: resources.length, crossingsWritten: written };
  if (resources.length >= sweepLimit) context.warn(logLine('SLA sweep hit its work-order limit', summary));
  else context.log(logLine('work-order SLA sweep done', summary));
}

app.timer('slaSweep', {
  schedule: '0 */5 * * * *',
  handler: async (_timer: Timer, context: InvocationContext) => {
    await sweepCaseSlas(context);
    await sweepWorkOrderSlas(context);
  },
});

import { app, type InvocationContext, type Timer } from '@azure/functions';
import { createItem, readItem } from '../../shared/adapters/cosmos/items';
import { recentTimelineEvents } from '../../shared/adapters/cosmos/timelineReader';
import { caseSlas } from '../../shared/cases/caseSlas';
import { appClock } from '../../shared/clock';
import { serviceDeskCalendar } from '../../shared/sla/slaPolicy';
import { workOrderSlas } from '../../shared/sla/workOrderSla';
import { slaCrossingEvent, slaCrossings } from '../../shared/sla/slaCrossings';
import { WorkOrder } from '../../shared/workorders/workOrder';
import {
  isTerminalWorkOrderStatus,
  workOrderStatuses,
  type WorkOrderStatus,
} from '../../shared/workorders/workOrderState';
import { casePorts } from '../cases/dependencies';
import { logLine } from '../http';
import { cosmos } from '../platform';

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
  const timeline = cosmos().container('timeline');
  let written = 0;
  for (const record of open) {
    for (const crossing of slaCrossings(caseSlas(record, serviceDeskCalendar, now), now)) {
      const event = slaCrossingEvent('case', record.id, crossing);
      if ((await readItem(timeline, event.id, record.id)) !== undefined) continue;
      if ((await createItem(timeline, event)) === 'created') {
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

/**
 * The same for open work orders: time to dispatch and time to complete, from each one's timeline.
 * One cross-partition query (work orders are partitioned by id), bounded like the case sweep; at
 * national scale the sweep should follow a due-date index instead (docs/ARCHITECTURE.md, #26).
 */
export async function sweepWorkOrderSlas(context: InvocationContext): Promise<void> {
  const now = appClock().now();
  const store = cosmos();
  const { resources } = await store
    .container('workOrders')
    .items.query({
      query:
        'SELECT TOP @limit * FROM c WHERE NOT IS_DEFINED(c.docType) AND ARRAY_CONTAINS(@open, c.state.status) ORDER BY c.receivedAt DESC',
      parameters: [
        { name: '@limit', value: sweepLimit },
        { name: '@open', value: [...openStatuses] },
      ],
    })
    .fetchAll();
  const timeline = store.container('timeline');
  let written = 0;
  for (const resource of resources) {
    const workOrder = WorkOrder.parse(resource);
    const events = [...(await recentTimelineEvents(store, workOrder.id, 200))].reverse();
    for (const crossing of slaCrossings(workOrderSlas(workOrder, events, now), now)) {
      const event = {
        ...slaCrossingEvent('workOrder', workOrder.id, crossing),
        correlationId: workOrder.correlationId,
      };
      if ((await readItem(timeline, event.id, workOrder.id)) !== undefined) continue;
      if ((await createItem(timeline, event)) === 'created') {
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

import { app, type InvocationContext, type Timer } from '@azure/functions';
import { createItem, readItem } from '../../shared/adapters/cosmos/items';
import { caseSlas } from '../../shared/caseManagement/caseSlas';
import { appClock } from '../../shared/clock';
import { serviceDeskCalendar } from '../../shared/sla/slaPolicy';
import { slaCrossingEvent, slaCrossings } from '../../shared/slaSweep/slaCrossings';
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

app.timer('slaSweep', {
  schedule: '0 */5 * * * *',
  handler: (_timer: Timer, context: InvocationContext) => sweepCaseSlas(context),
});

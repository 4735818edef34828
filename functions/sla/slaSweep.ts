import { app, type InvocationContext, type Timer } from '@azure/functions';
import { createItem, readItem } from '../../shared/adapters/cosmos/items';
import { appClock } from '../../shared/clock';
import { slaCrossingFacts } from '../../shared/kpis/factsFrom';
import type { SlaSubject } from '../../shared/sla/deadlineIndex';
import { sweepDeadlines, type DeadlineSweepResult } from '../../shared/sla/deadlineSweep';
import { slaCrossingEvent, type SlaCrossing } from '../../shared/sla/slaCrossings';
import { logLine } from '../http';
import { kpiRecorder } from '../kpis/recorders';
import { cosmos } from '../platform';
import { deadlineUpkeep } from './deadlines';

/**
 * Writes a crossing's timeline event once (found by its id, a point read cheaper than a refused
 * create) and, the first time only, counts a miss in the KPIs: the event's existence is what
 * makes a miss count once across sweeps, overlapping or not.
 */
async function recordCrossing(subject: SlaSubject, crossing: SlaCrossing): Promise<boolean> {
  const store = cosmos();
  const timeline = store.container('timeline');
  const event = {
    ...slaCrossingEvent(subject.type, subject.id, crossing),
    ...(subject.correlationId === undefined ? {} : { correlationId: subject.correlationId }),
  };
  if ((await readItem(timeline, event.id, subject.id)) !== undefined) return false;
  if ((await createItem(timeline, event)) !== 'created') return false;
  await kpiRecorder(store)(slaCrossingFacts(subject.type, subject.id, crossing));
  return true;
}

/**
 * Every five minutes: the deadline index's due buckets (cases and work orders alike), a timeline
 * event for every warning or breach threshold they hold. Writers index each clock when they set
 * or move it (`shared/sla/deadlineUpkeep.ts`), so the sweep's cost follows what is due, not what
 * is open, and it recomputes nothing. Crossings are written once however often they are seen.
 */
export async function sweepSlaDeadlines(context: InvocationContext): Promise<DeadlineSweepResult> {
  const result = await sweepDeadlines(deadlineUpkeep().index, recordCrossing, appClock().now());
  context.log(
    logLine('SLA sweep done', { entriesRead: result.entriesRead, crossingsWritten: result.crossingsWritten }),
  );
  return result;
}

app.timer('slaSweep', {
  schedule: '0 */5 * * * *',
  handler: async (_timer: Timer, context: InvocationContext) => {
    await sweepSlaDeadlines(context);
  },
});

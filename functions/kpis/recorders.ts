import { cosmosKpiDays, cosmosKpiRollups } from '../../shared/adapters/cosmos/kpiStore';
import { recentTimelineEvents } from '../../shared/adapters/cosmos/timelineReader';
import type { CosmosStore } from '../../shared/adapters/clients/cosmos';
import { readItem } from '../../shared/adapters/cosmos/items';
import { appClock } from '../../shared/clock';
import type { StatusUpdate } from '../../shared/fieldwork/statusUpdate';
import { recordKpiFactRolledUp, surveyFacts, visitFacts, type KpiFact } from '../../shared/kpis';
import { TimelineEvent } from '../../shared/timeline/timelineEvent';
import { slaPolicies } from '../sla/policies';
import type { WorkOrder } from '../../shared/workorders/workOrder';

/*
 * What the call sites elsewhere use to count KPI facts: each is one line at the place where the
 * thing happens. They run after the thing itself is stored, and are safe to repeat.
 */

/** Counts facts on their days in the `kpis` container (a closed month's roll-up is dropped first). */
export const kpiRecorder =
  (store: CosmosStore) =>
  async (facts: readonly KpiFact[]): Promise<void> => {
    const days = cosmosKpiDays(store);
    const rollups = cosmosKpiRollups(store);
    for (const fact of facts) await recordKpiFactRolledUp(days, rollups, fact, appClock().now());
  };

/** Events a work order's time-to-complete clock needs; its holds are far fewer than this. */
const slaEventWindow = 200;

/** A visit the technician reported ended: completion (with its SLA, from the timeline) or not. */
export async function recordVisitFacts(
  store: CosmosStore,
  workOrder: WorkOrder,
  update: StatusUpdate,
): Promise<void> {
  if (update.status !== 'completed' && update.status !== 'incomplete') return;
  const events =
    update.status === 'completed' ? await recentTimelineEvents(store, workOrder.id, slaEventWindow) : [];
  await kpiRecorder(store)(visitFacts(workOrder, update, [...events].reverse(), slaPolicies()));
}

/**
 * A survey answer, from the stored event rather than the one in hand: a resubmitted form carries a
 * new time, and only the first answer's time puts the fact on the right day.
 */
export async function recordSurveyFacts(store: CosmosStore, event: TimelineEvent): Promise<void> {
  const stored = await readItem(store.container('timeline'), event.id, event.subjectId);
  if (stored === undefined) return;
  await kpiRecorder(store)(surveyFacts(TimelineEvent.parse(stored.resource)));
}

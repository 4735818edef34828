import type { Versioned } from '../common/versioned';
import { applyKpiFact, emptyKpiDay, kpiDateOf, kpiShardOf, type KpiDay, type KpiDayCounts } from './kpiDay';
import { kpiFactId, type KpiFact } from './kpiFact';

/** Where day documents live; every write is guarded (create fails on an existing id, replace on a moved ETag). */
export interface KpiDayStore {
  read(date: string, shard: number): Promise<Versioned<KpiDay> | undefined>;
  create(day: KpiDay): Promise<'created' | 'exists'>;
  replace(day: KpiDay, etag: string): Promise<'replaced' | 'conflict'>;
  /** The day documents of one month from `from` to `to` (inclusive): one single-partition query. */
  listMonth(month: string, from: string, to: string): Promise<KpiDayCounts[]>;
}

const maxAttempts = 20;

/** A short random wait before trying again, so writers that just collided do not collide again. */
const backOff = (attempt: number): Promise<void> =>
  new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(50, 2 ** attempt)));

/**
 * Counts a fact on its day: read, apply, write back at the ETag (or create the day), and start
 * over on a conflict. A repeated fact changes nothing. `now` stamps the document only.
 */
export async function recordKpiFact(
  store: KpiDayStore,
  fact: KpiFact,
  now: Date,
): Promise<'recorded' | 'duplicate'> {
  const date = kpiDateOf(fact.at);
  const shard = kpiShardOf(kpiFactId(fact));
  for (let attempt = 0; attempt < maxAttempts; attempt++) {
    if (attempt > 0) await backOff(attempt);
    const current = await store.read(date, shard);
    const day = current?.value ?? emptyKpiDay(date, now.toISOString(), shard);
    const next = applyKpiFact(day, fact, now.toISOString());
    if (next === undefined) return 'duplicate';
    const written =
      current === undefined ? await store.create(next) : await store.replace(next, current.etag);
    if (written === 'created' || written === 'replaced') return 'recorded';
  }
  throw new Error(`KPI day ${date} (document ${shard}) is too contended; retry with the caller`);
}

export async function recordKpiFacts(
  store: KpiDayStore,
  facts: readonly KpiFact[],
  now: Date,
): Promise<void> {
  for (const fact of facts) await recordKpiFact(store, fact, now);
}

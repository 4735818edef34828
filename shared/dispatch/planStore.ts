import type { Versioned } from '../common/versioned';
import type { StoredPlan } from './storedPlan';

/** Where region-day plans live (Cosmos DB: `shared/adapters/cosmos/planStore.ts`). */
export interface PlanStore {
  get(region: string, date: string): Promise<Versioned<StoredPlan> | undefined>;
  create(plan: StoredPlan): Promise<'created' | 'exists'>;
  replace(plan: StoredPlan, etag: string): Promise<'replaced' | 'conflict'>;
  /** Plans of one region from `from` to `to` (inclusive). */
  between(region: string, from: string, to: string): Promise<readonly StoredPlan[]>;
}

/** What one change to a plan decides: write this, or leave the stored plan as it is (with a value to return). */
export type PlanChange<T> =
  { readonly write: StoredPlan; readonly result: T } | { readonly keep: true; readonly result: T };

/**
 * Each lost ETag race means another writer changed the same day, so a loser retries about as often as
 * there are concurrent writers; the bound only stops a runaway (the booking service's own bound).
 */
const maxAttempts = 200;

/**
 * Reads the region-day's plan, lets `change` decide on the current version, and writes it back only if
 * nobody wrote in between (If-Match); on 412 it reads again and decides again, so a decision is never
 * made on a plan that is no longer the stored one.
 */
export async function changePlan<T>(
  store: PlanStore,
  region: string,
  date: string,
  change: (current: StoredPlan | undefined) => PlanChange<T> | Promise<PlanChange<T>>,
): Promise<T> {
  for (let attempt = 0; attempt < maxAttempts; attempt++) {
    const current = await store.get(region, date);
    const decision = await change(current?.value);
    if ('keep' in decision) return decision.result;
    const written =
      current === undefined
        ? await store.create(decision.write)
        : await store.replace(decision.write, current.etag);
    if (written === 'created' || written === 'replaced') return decision.result;
  }
  throw new Error(`plan of ${region} ${date} stayed contended; try again`);
}

import type { PlanStore } from '../../shared/dispatch/planStore';
import type { StoredPlan } from '../../shared/dispatch/storedPlan';

/** The plan store with Cosmos DB's write rules (create 409, If-Match 412), in memory. */
export function memoryPlanStore(): PlanStore & { readonly writes: () => number } {
  const docs = new Map<string, { value: StoredPlan; etag: string }>();
  let version = 0;
  let writes = 0;
  const key = (region: string, date: string) => `${region}~${date}`;
  const copy = (plan: StoredPlan): StoredPlan => structuredClone(plan);
  // Every call yields, so concurrent callers interleave as they would against a real database.
  const tick = () => new Promise<void>((resolve) => setImmediate(resolve));
  return {
    writes: () => writes,
    async get(region, date) {
      await tick();
      const doc = docs.get(key(region, date));
      return doc === undefined ? undefined : { value: copy(doc.value), etag: doc.etag };
    },
    async create(plan) {
      await tick();
      if (docs.has(key(plan.region, plan.date))) return 'exists';
      docs.set(key(plan.region, plan.date), { value: copy(plan), etag: `"${++version}"` });
      writes++;
      return 'created';
    },
    async replace(plan, etag) {
      await tick();
      const doc = docs.get(key(plan.region, plan.date));
      if (doc === undefined || doc.etag !== etag) return 'conflict';
      docs.set(key(plan.region, plan.date), { value: copy(plan), etag: `"${++version}"` });
      writes++;
      return 'replaced';
    },
    async between(region, from, to) {
      await tick();
      return [...docs.values()]
        .map((doc) => copy(doc.value))
        .filter((plan) => plan.region === region && plan.date >= from && plan.date <= to);
    },
  };
}

import type { PlanStore } from '../../dispatch/planStore';
import { planIdFor, StoredPlan } from '../../dispatch/storedPlan';
import type { CosmosStore } from '../clients/cosmos';
import { createItem, readItem, replaceItemAt } from './items';

/**
 * Region-day plans in `plans` (partition `/region`; the query names the region in WHERE, as the
 * embedded emulator ignores the partition-key option). Writes are create-or-409 and If-Match replaces.
 */
export function cosmosPlanStore(store: CosmosStore): PlanStore {
  const plans = store.container('plans');
  return {
    async get(region, date) {
      const item = await readItem(plans, planIdFor(region, date), region);
      return item === undefined ? undefined : { value: StoredPlan.parse(item.resource), etag: item.etag };
    },
    create: (plan) => createItem(plans, plan),
    replace: (plan, etag) => replaceItemAt(plans, plan, plan.region, etag),
    async between(region, from, to) {
      const { resources } = await plans.items
        .query({
          query:
            "SELECT * FROM c WHERE c.region = @region AND c.docType = 'dayPlan' AND c.date >= @from AND c.date <= @to",
          parameters: [
            { name: '@region', value: region },
            { name: '@from', value: from },
            { name: '@to', value: to },
          ],
        })
        .fetchAll();
      return resources.map((resource) => StoredPlan.parse(resource));
    },
  };
}

import { KpiDay, KpiDayCounts, kpiDayId } from '../../kpis/kpiDay';
import type { KpiDayStore } from '../../kpis/recordKpiFact';
import type { CosmosStore } from '../clients/cosmos';
import { createItem, readItem, replaceItemAt } from './items';

/**
 * KPI day documents in the `kpis` container, partitioned by month: point reads and ETag-guarded
 * writes, and a month's counters in one single-partition query that names the partition key in its
 * WHERE (the embedded emulator ignores the partition-key option) and leaves the fact ids behind.
 */
export function cosmosKpiDays(store: CosmosStore): KpiDayStore {
  const kpis = store.container('kpis');
  return {
    async read(date, shard) {
      const item = await readItem(kpis, kpiDayId(date, shard), date.slice(0, 7));
      return item === undefined ? undefined : { value: KpiDay.parse(item.resource), etag: item.etag };
    },
    create: (day) => createItem(kpis, day),
    replace: (day, etag) => replaceItemAt(kpis, day, day.month, etag),
    async listMonth(month, from, to) {
      const { resources } = await kpis.items
        .query({
          query:
            'SELECT c.date, c.shard, c.counters, c.resolutionSketch FROM c ' +
            "WHERE c.month = @month AND c.docType = 'kpiDay' AND c.id >= @from AND c.id <= @to",
          parameters: [
            { name: '@month', value: month },
            { name: '@from', value: kpiDayId(from) },
            // Past every `KPI-<to>~n`: '~' sorts after the digits.
            { name: '@to', value: `${kpiDayId(to)}~~` },
          ],
        })
        .fetchAll();
      return resources.map((resource) => KpiDayCounts.parse(resource));
    },
  };
}

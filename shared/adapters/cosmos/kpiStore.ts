import { KpiDay, KpiDayCounts, kpiDayId } from '../../kpis/kpiDay';
import type { KpiDayStore } from '../../kpis/recordKpiFact';
import { KpiMonthRollup, kpiMonthRollupId, type KpiRollupStore } from '../../kpis/kpiRollup';
import type { CosmosStore } from '../clients/cosmos';
import { cosmosStatusOf, createItem, readItem, replaceItemAt } from './items';

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

/** Month roll-ups beside the day documents, in the month's partition: point reads and writes. */
export function cosmosKpiRollups(store: CosmosStore): KpiRollupStore {
  const kpis = store.container('kpis');
  return {
    async read(month) {
      const item = await readItem(kpis, kpiMonthRollupId(month), month);
      return item === undefined ? undefined : KpiMonthRollup.parse(item.resource);
    },
    write: async (rollup) => void (await kpis.items.upsert(rollup)),
    async drop(month) {
      try {
        await kpis.item(kpiMonthRollupId(month), month).delete();
      } catch (error) {
        if (cosmosStatusOf(error) !== 404) throw error;
      }
    },
  };
}

import type { Versioned } from '../../../shared/common/versioned';
import {
  kpiDayId,
  type KpiDay,
  type KpiDayStore,
  type KpiMonthRollup,
  type KpiRollupStore,
} from '../../../shared/kpis';

/** Day documents and month roll-ups in memory, counting the queries and point reads a report makes. */
export function memoryKpiStores() {
  const days = new Map<string, Versioned<KpiDay>>();
  const rollups = new Map<string, KpiMonthRollup>();
  const calls = { monthQueries: 0, rollupReads: 0 };
  let version = 0;
  const dayStore: KpiDayStore = {
    read: async (date, shard) => days.get(kpiDayId(date, shard)),
    create: async (day) => {
      if (days.has(day.id)) return 'exists';
      days.set(day.id, { value: day, etag: String(++version) });
      return 'created';
    },
    replace: async (day, etag) => {
      if (days.get(day.id)?.etag !== etag) return 'conflict';
      days.set(day.id, { value: day, etag: String(++version) });
      return 'replaced';
    },
    listMonth: async (month, from, to) => {
      calls.monthQueries += 1;
      return [...days.values()]
        .map((v) => v.value)
        .filter((d) => d.month === month && d.date >= from && d.date <= to);
    },
  };
  const rollupStore: KpiRollupStore = {
    read: async (month) => {
      calls.rollupReads += 1;
      return rollups.get(month);
    },
    write: async (rollup) => void rollups.set(rollup.month, rollup),
    drop: async (month) => void rollups.delete(month),
  };
  return { days: dayStore, rollups: rollupStore, calls, rollupMap: rollups };
}

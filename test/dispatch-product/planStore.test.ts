import { describe, expect, it } from 'vitest';
import { changePlan } from '../../shared/dispatch/planStore';
import { emptyPlan, type StoredVisit } from '../../shared/dispatch/storedPlan';
import { memoryPlanStore } from './memoryPlanStore';

const visit = (k: number): StoredVisit => ({
  id: `AP-${k}`,
  workOrderId: `WO-${k}`,
  location: { latitude: 51.2, longitude: 4.4 },
  workType: 'repair:60',
  serviceMinutes: 60,
  window: { start: '08:00', end: '12:00' },
  skills: [],
  priority: 'normal',
});

describe('a region-day plan changes only from the version it was read at', () => {
  it('forty concurrent inserts into one day all land: each loser of a 412 reads again and decides again', async () => {
    const store = memoryPlanStore();
    await Promise.all(
      Array.from({ length: 40 }, (_, k) =>
        changePlan(store, 'BE-ANT', '2026-12-01', (current) => {
          const plan =
            current ?? emptyPlan('BE-ANT', '2026-12-01', 'Europe/Brussels', '2026-11-30T20:00:00Z');
          return { write: { ...plan, visits: [...plan.visits, visit(k)] }, result: k };
        }),
      ),
    );
    const stored = await store.get('BE-ANT', '2026-12-01');
    expect(stored?.value.visits.map((v) => v.id).sort()).toEqual(
      Array.from({ length: 40 }, (_, k) => `AP-${k}`).sort(),
    );
    expect(store.writes()).toBe(40);
  });

  it('a decision to keep writes nothing and returns its value', async () => {
    const store = memoryPlanStore();
    const result = await changePlan(store, 'BE-ANT', '2026-12-01', () => ({ keep: true, result: 'none' }));
    expect(result).toBe('none');
    expect(await store.get('BE-ANT', '2026-12-01')).toBeUndefined();
  });
});

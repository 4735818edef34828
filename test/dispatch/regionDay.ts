import type { DayInput, PlanTechnician, PlanVisit } from '../../shared/dispatch/dayInput';
import { seededRandom } from '../../shared/dispatch/random';
import { at, day, technician } from './dayFixtures';

/**
 * A product-sized region-day around Antwerp: technicians with mixed skills and home starts,
 * visits booked in the morning or afternoon window. Shared by the product benchmark and tests.
 */
export function regionDay(technicians: number, visits: number, seed = 1): DayInput {
  const rng = seededRandom(seed);
  const near = () => at(51.1 + rng.next() * 0.25, 4.25 + rng.next() * 0.35);
  const skillSets = [['fibre'], ['fibre', 'meter'], ['gas', 'meter'], ['fibre', 'gas', 'meter']];
  const techs: PlanTechnician[] = Array.from({ length: technicians }, (_, k) =>
    technician(`tech-${k}`, { start: near(), end: near(), skills: skillSets[k % skillSets.length]! }),
  );
  const windows = [
    { start: '08:00', end: '12:00' },
    { start: '12:00', end: '16:00' },
  ];
  const kinds = [
    { workType: 'repair', skills: ['fibre'] },
    { workType: 'install', skills: ['fibre'] },
    { workType: 'survey', skills: ['meter'] },
    { workType: 'repair', skills: ['gas'] },
  ];
  const list: PlanVisit[] = Array.from({ length: visits }, (_, k) => {
    const kind = kinds[rng.below(kinds.length)]!;
    return {
      id: `wo-${k}`,
      location: near(),
      workType: kind.workType,
      window: windows[rng.below(2)]!,
      skills: kind.skills,
      priority: rng.next() < 0.1 ? 'urgent' : 'normal',
    };
  });
  return day(techs, list);
}

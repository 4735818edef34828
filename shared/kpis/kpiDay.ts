import { z } from 'zod';
import { IsoDate, IsoInstant } from '../common/time';
import { kpiFactId, type KpiFact } from './kpiFact';
import { addToSketch, DurationSketch } from './durationSketch';

/** Days are Brussels calendar days: a visit at 00:30 local time counts on that local day. */
export const kpiTimeZone = 'Europe/Brussels';

/** How many recent fact ids a day document keeps: repeats come from retries, which follow within minutes. */
export const maxFactIds = 500;

/**
 * Each day is spread over this many documents, a fact going to the one its id picks. One
 * document per day would take every write of a burst (an intake of 500 work orders starts 500
 * contact rounds at once) and turn it into ETag conflicts; a repeated fact still lands on the
 * document that counted it first, so dropping repeats keeps working.
 */
export const kpiShards = 8;

/** Counters added later read as 0 on day documents written before them. */
const Count = z.int().min(0).default(0);

export const KpiCounters = z.object({
  casesOpened: Count,
  casesEscalated: Count,
  casesResolved: Count,
  firstCallResolved: Count,
  contactRounds: Count,
  workOrdersContacted: Count,
  noContact: Count,
  visits: Count,
  noShows: Count,
  completions: Count,
  firstTimeFixes: Count,
  completionMinutesTotal: Count,
  surveys: Count,
  surveysSatisfied: Count,
  surveyScoreTotal: Count,
  caseSlaMet: Count,
  caseSlaMissed: Count,
  workOrderSlaMet: Count,
  workOrderSlaMissed: Count,
});
export type KpiCounters = z.infer<typeof KpiCounters>;

/**
 * One of a day's documents in the `kpis` container (partition `/month`), updated as facts happen,
 * so a report over a year reads at most 366 × `kpiShards` small documents whatever the number of
 * work orders.
 */
export const KpiDay = z.object({
  id: z.string().regex(/^KPI-\d{4}-\d{2}-\d{2}(~\d+)?$/),
  month: z.string().regex(/^\d{4}-\d{2}$/),
  docType: z.literal('kpiDay'),
  date: IsoDate,
  shard: z
    .int()
    .min(0)
    .max(kpiShards - 1),
  counters: KpiCounters,
  /** Completed visits by end-to-end time in minutes (see `durationSketch`). */
  resolutionSketch: DurationSketch.default({}),
  factIds: z.array(z.string()).max(maxFactIds),
  updatedAt: IsoInstant,
});
export type KpiDay = z.infer<typeof KpiDay>;

/** What a report needs of a day document: no fact ids, which are most of its size. */
export const KpiDayCounts = KpiDay.pick({
  date: true,
  shard: true,
  counters: true,
  resolutionSketch: true,
});
export type KpiDayCounts = z.infer<typeof KpiDayCounts>;

/** `KPI-2026-01-05` for a day's first document, `KPI-2026-01-05~3` for the others. */
export const kpiDayId = (date: string, shard = 0): string =>
  shard === 0 ? `KPI-${date}` : `KPI-${date}~${shard}`;

/** The document of its day a fact is counted on: fixed by its id. */
export const kpiShardOf = (factId: string): number => (factId.charCodeAt(0) || 0) % kpiShards;

const dateFormat = new Intl.DateTimeFormat('en-CA', {
  timeZone: kpiTimeZone,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The local date (YYYY-MM-DD) an instant counts on. */
export const kpiDateOf = (at: string): string => dateFormat.format(new Date(at));

export const zeroCounters: KpiCounters = KpiCounters.parse({});

export const emptyKpiDay = (date: string, now: string, shard = 0): KpiDay => ({
  id: kpiDayId(date, shard),
  month: date.slice(0, 7),
  docType: 'kpiDay',
  date,
  shard,
  counters: zeroCounters,
  resolutionSketch: {},
  factIds: [],
  updatedAt: now,
});

/** A satisfied answer is a 4 or a 5 on the five-point scale (CSAT as "% satisfied"). */
export const satisfiedScore = 4;

/** What one fact adds to a day's counters. */
function incrementsOf(fact: KpiFact): Partial<KpiCounters> {
  switch (fact.kind) {
    case 'caseOpened':
      return { casesOpened: 1 };
    case 'caseEscalated':
      return { casesEscalated: 1 };
    case 'caseResolved':
      return { casesResolved: 1, firstCallResolved: fact.firstCall ? 1 : 0, caseSlaMet: fact.slaMet ? 1 : 0 };
    case 'contactStarted':
      return { contactRounds: 1 };
    case 'workOrderContacted':
      return { workOrdersContacted: 1 };
    case 'noContact':
      return { noContact: 1 };
    case 'visitCompleted':
      return {
        visits: 1,
        completions: 1,
        firstTimeFixes: fact.firstVisit ? 1 : 0,
        completionMinutesTotal: endToEndMinutes(fact),
        workOrderSlaMet: fact.slaMet ? 1 : 0,
      };
    case 'slaBreached':
      return fact.subject === 'case' ? { caseSlaMissed: 1 } : { workOrderSlaMissed: 1 };
    case 'visitIncomplete':
      return { visits: 1, noShows: fact.reason === 'customerAbsent' ? 1 : 0 };
    case 'surveyAnswered':
      return {
        surveys: 1,
        surveysSatisfied: fact.score >= satisfiedScore ? 1 : 0,
        surveyScoreTotal: fact.score,
      };
    default: {
      const unhandled: never = fact;
      throw new Error(`unknown KPI fact ${JSON.stringify(unhandled)}`);
    }
  }
}

/** A phone's clock may put a completion a little before receipt; that counts as no time, not negative. */
const endToEndMinutes = (fact: Extract<KpiFact, { kind: 'visitCompleted' }>): number =>
  Math.max(0, Math.round((Date.parse(fact.at) - Date.parse(fact.receivedAt)) / 60_000));

export const addCounters = (a: KpiCounters, b: Partial<KpiCounters>): KpiCounters => {
  const sum = { ...a };
  for (const key of Object.keys(b) as (keyof KpiCounters)[]) sum[key] = a[key] + (b[key] ?? 0);
  return sum;
};

/**
 * The day document with the fact counted, or `undefined` when it already counted it (a repeat).
 * The caller picks the document the fact belongs to (`kpiDateOf`, `kpiShardOf`).
 */
export function applyKpiFact(day: KpiDay, fact: KpiFact, now: string): KpiDay | undefined {
  const id = kpiFactId(fact);
  if (day.factIds.includes(id)) return undefined;
  return {
    ...day,
    counters: addCounters(day.counters, incrementsOf(fact)),
    resolutionSketch:
      fact.kind === 'visitCompleted'
        ? addToSketch(day.resolutionSketch, endToEndMinutes(fact))
        : day.resolutionSketch,
    factIds: [...day.factIds, id].slice(-maxFactIds),
    updatedAt: now,
  };
}

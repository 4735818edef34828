import { z } from 'zod';
import { RegionCode } from '../../shared/common/geo';
import { EntityId, UtilityCode } from '../../shared/common/identifiers';
import { IsoDate } from '../../shared/common/time';
import { JourneyListStage } from '../../shared/journey/projection';

export const JourneyParams = z.object({ workOrderId: EntityId });

/** The dashboard's range; either end left out means the last 30 Brussels days up to today. */
export const KpiPageQuery = z.object({ from: IsoDate.optional(), to: IsoDate.optional() });

/** What the confirmation page pre-fills from the form that led there. */
export const ConfirmQuery = z.object({
  technicianId: z.string().trim().min(1).max(100).optional(),
  reason: z.string().trim().max(500).optional(),
});

const blankAsAbsent = (value: unknown) =>
  typeof value === 'string' && value.trim() === '' ? undefined : value;

const filterFields = {
  stage: z.preprocess(blankAsAbsent, JourneyListStage.optional()),
  region: z.preprocess(blankAsAbsent, RegionCode.optional()),
  utility: z.preprocess(blankAsAbsent, UtilityCode.optional()),
  from: z.preprocess(blankAsAbsent, IsoDate.optional()),
  to: z.preprocess(blankAsAbsent, IsoDate.optional()),
};

/** A search the session holds: random, so a list's address says nothing of what was searched. */
export const SearchId = z.string().regex(/^[A-Za-z0-9_-]{8,16}$/, 'not a search this session made');

/**
 * The journeys list's address, as a browser sends it (an empty field is no filter). Dates are
 * Brussels days. A search term is never in it: a phone or an email in a URL ends up in App
 * Service's HTTP logs and in telemetry. `search=<id>` says the list is filtered by the term the
 * search form posted, which the browser holds in a session cookie under that id (`journeySearch.ts`).
 */
export const ConsoleJourneysQuery = z.object({
  ...filterFields,
  search: z.preprocess(blankAsAbsent, SearchId.optional()).meta({
    description: 'Filter by the term POST /console/journeys/search left in the session under this id',
  }),
  continuation: z.preprocess(blankAsAbsent, z.string().max(8192).optional()),
  counts: z.preprocess(blankAsAbsent, z.literal('1').optional()).meta({
    description:
      'Count per stage on this page itself (browsers without scripts; with scripts the counts come from /live)',
  }),
});
export type ConsoleJourneysQuery = z.infer<typeof ConsoleJourneysQuery>;

/** One search box: an external id, a work-order id, a phone or an email. */
export const SearchTerm = z.string().trim().max(254);

/** The search form, posted (CSRF-checked) so the term stays out of every URL; the filters with it. */
export const ConsoleSearchForm = z.object({
  ...filterFields,
  q: z.preprocess(blankAsAbsent, SearchTerm.optional()),
});
export type ConsoleSearchForm = z.infer<typeof ConsoleSearchForm>;

/** What the list is read with: the address's filters and the term, wherever it came from. */
export type JourneysListForm = Omit<ConsoleJourneysQuery, 'counts'> & {
  readonly q?: string | undefined;
};

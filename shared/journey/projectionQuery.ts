import { z } from 'zod';
import { RegionCode } from '../common/geo';
import { EntityId, ExternalId, UtilityCode } from '../common/identifiers';
import { IsoInstant } from '../common/time';
import { contactIndexIdFor } from '../customers/contactIndex';
import { externalSearchKey, JourneyListStage, JourneyProjection } from './projection';
import { phoneFromTyped } from '../common/phoneNumber';

/** The filters every list and count takes; each is an equality or a range an index serves. */
const filterFields = {
  stage: JourneyListStage.optional(),
  region: RegionCode.optional(),
  utility: UtilityCode.optional(),
  /** Last changed at or after this instant. */
  from: IsoInstant.optional(),
  /** Last changed before this instant. */
  to: IsoInstant.optional(),
};

export const maxJourneyPageSize = 100;

const listFields = {
  ...filterFields,
  externalId: ExternalId.optional(),
  workOrderId: EntityId.optional(),
  phone: z.string().trim().min(3).max(40).optional(),
  email: z.string().trim().min(3).max(254).optional(),
  limit: z.coerce.number().int().min(1).max(maxJourneyPageSize).default(25),
  continuation: z.string().min(1).max(8192).optional(),
};

const listRules = <T extends z.ZodType<Partial<Record<keyof typeof listFields, unknown>>>>(schema: T) =>
  schema
    .refine(
      (q) => [q.externalId, q.workOrderId, q.phone, q.email].filter((key) => key !== undefined).length <= 1,
      { message: 'search by one of externalId, workOrderId, phone or email at a time', path: ['externalId'] },
    )
    .refine((q) => q.externalId === undefined || q.utility !== undefined, {
      message: 'an external id is the utility’s own reference: name the utility too',
      path: ['utility'],
    })
    .refine(
      (q) => typeof q.from !== 'string' || typeof q.to !== 'string' || Date.parse(q.from) < Date.parse(q.to),
      { message: 'from must be before to', path: ['from'] },
    );

/**
 * `POST /ops/journeys/search` (and the console): newest change first, filtered, one page per call.
 * A search (external id, work-order id, phone or email; at most one) narrows the same list to the
 * journeys it finds. `continuation` is the token the previous page returned, with the same filters.
 */
export const JourneyListQuery = listRules(z.object(listFields).strict());

/**
 * `GET /ops/journeys`: the same list, without a phone or email: a URL's query string is kept in
 * request telemetry and proxy logs, so what finds a person travels in a POST body.
 */
const { phone: _phone, email: _email, ...urlFields } = listFields;
export const JourneyListUrlQuery = listRules(z.object(urlFields).strict());
export type JourneyListQuery = z.infer<typeof JourneyListQuery>;

/** `GET /ops/journey-counts`: journeys per stage under the same filters as the list, stage aside. */
export const JourneyCountQuery = z
  .object({
    region: filterFields.region,
    utility: filterFields.utility,
    from: filterFields.from,
    to: filterFields.to,
  })
  .strict();
export type JourneyCountQuery = z.infer<typeof JourneyCountQuery>;

export const JourneyListItem = JourneyProjection.omit({
  docType: true,
  searchKeys: true,
  version: true,
  id: true,
}).extend({
  workOrderId: EntityId,
});
export type JourneyListItem = z.infer<typeof JourneyListItem>;

export const JourneyPage = z.object({
  journeys: z.array(JourneyListItem),
  /** Absent on the last page. */
  continuation: z.string().optional(),
});
export type JourneyPage = z.infer<typeof JourneyPage>;

export const JourneyCounts = z.object({
  counts: z.record(JourneyListStage, z.int().min(0)),
  total: z.int().min(0),
});
export type JourneyCounts = z.infer<typeof JourneyCounts>;

/** What one list query asks the store: equalities, a time range, an optional search key, a page. */
export interface JourneyFilter {
  readonly stage?: JourneyListStage | undefined;
  readonly region?: string | undefined;
  readonly utilityCode?: string | undefined;
  readonly from?: string | undefined;
  readonly to?: string | undefined;
  /** A value of `JourneyProjection.searchKeys`. */
  readonly searchKey?: string | undefined;
}

export type JourneyWrite = 'written' | 'superseded';

/** The projection's storage port; Cosmos DB behind it (`shared/adapters/cosmos/journeyProjections.ts`). */
export interface JourneyProjections {
  /** Writes the document unless the stored one has the same or a newer version. */
  write(projection: JourneyProjection): Promise<JourneyWrite>;
  get(workOrderId: string): Promise<JourneyProjection | undefined>;
  /** One indexed query: newest change first, at most `limit`, from `continuation`. */
  list(
    filter: JourneyFilter,
    page: { readonly limit: number; readonly continuation?: string | undefined },
  ): Promise<{ readonly items: readonly JourneyProjection[]; readonly continuation?: string | undefined }>;
  count(filter: JourneyFilter): Promise<number>;
}

const toItem = ({
  id,
  docType: _docType,
  searchKeys: _keys,
  version: _version,
  ...rest
}: JourneyProjection): JourneyListItem => ({
  workOrderId: id,
  ...rest,
});

const filterOf = (
  query: Omit<JourneyCountQuery, never> & { stage?: JourneyListStage | undefined },
): JourneyFilter => ({
  stage: query.stage,
  region: query.region,
  utilityCode: query.utility,
  from: query.from,
  to: query.to,
});

/**
 * The search key a query names, if any: phone and email become their contact-index ids. A phone
 * is read as people give it (national form, 00 for +), since the index holds E.164.
 */
export function searchKeyOf(query: JourneyListQuery): string | undefined {
  if (query.phone !== undefined) return contactIndexIdFor('sms', phoneFromTyped(query.phone) ?? query.phone);
  if (query.email !== undefined) return contactIndexIdFor('email', query.email);
  if (query.externalId !== undefined && query.utility !== undefined)
    return externalSearchKey(query.utility, query.externalId);
  return undefined;
}

const matches = (projection: JourneyProjection, filter: JourneyFilter): boolean =>
  (filter.stage === undefined || projection.stage === filter.stage) &&
  (filter.region === undefined || projection.region === filter.region) &&
  (filter.utilityCode === undefined || projection.utilityCode === filter.utilityCode) &&
  (filter.from === undefined || projection.updatedAt >= filter.from) &&
  (filter.to === undefined || projection.updatedAt < filter.to);

/**
 * One page of the journey list. A work-order id is a point read; every other page is one indexed
 * query (see the container's indexing policy in `infra/resources.json`).
 */
export async function listJourneyPage(
  store: JourneyProjections,
  query: JourneyListQuery,
): Promise<JourneyPage> {
  const filter = filterOf(query);
  if (query.workOrderId !== undefined) {
    const found = await store.get(query.workOrderId);
    return { journeys: found !== undefined && matches(found, filter) ? [toItem(found)] : [] };
  }
  const page = await store.list(
    { ...filter, searchKey: searchKeyOf(query) },
    { limit: query.limit, continuation: query.continuation },
  );
  return {
    journeys: page.items.map(toItem),
    ...(page.continuation === undefined ? {} : { continuation: page.continuation }),
  };
}

/** Journeys per stage: one indexed count per stage, run side by side. */
export async function countJourneys(
  store: JourneyProjections,
  query: JourneyCountQuery,
): Promise<JourneyCounts> {
  const filter = filterOf(query);
  const stages = JourneyListStage.options;
  const counted = await Promise.all(stages.map((stage) => store.count({ ...filter, stage })));
  const counts = Object.fromEntries(stages.map((stage, i) => [stage, counted[i] ?? 0])) as Record<
    JourneyListStage,
    number
  >;
  return { counts, total: counted.reduce((sum, n) => sum + n, 0) };
}

import type { SqlQuerySpec } from '@azure/cosmos';
import { JourneyProjection, supersedes } from '../../journey/projection';
import type { JourneyFilter, JourneyProjections } from '../../journey/projectionQuery';
import type { CosmosStore } from '../clients/cosmos';
import { cosmosStatusOf, readItem, replaceItemAt } from './items';

/** The equality filters, in the order the container's composite indexes list them (stage, region, utility). */
const equalities = ['stage', 'region', 'utilityCode'] as const;

/**
 * The SQL of one list page or count: equalities on the filtered fields, a range on `updatedAt`,
 * `ARRAY_CONTAINS` on the search keys, ordered by `updatedAt` descending. Every combination of
 * equalities has a composite index `(<equalities…>, updatedAt DESC)` in `infra/resources.json`,
 * so the first page and a filtered page are each one query served from the index.
 */
export function journeyQuerySpec(filter: JourneyFilter, kind: 'page' | 'count'): SqlQuerySpec {
  const where: string[] = ["c.docType = 'journey'"];
  const parameters: Array<{ name: string; value: string }> = [];
  for (const field of equalities) {
    const value = filter[field];
    if (value === undefined) continue;
    where.push(`c.${field} = @${field}`);
    parameters.push({ name: `@${field}`, value });
  }
  if (filter.from !== undefined) {
    where.push('c.updatedAt >= @from');
    parameters.push({ name: '@from', value: filter.from });
  }
  if (filter.to !== undefined) {
    where.push('c.updatedAt < @to');
    parameters.push({ name: '@to', value: filter.to });
  }
  if (filter.searchKey !== undefined) {
    where.push('ARRAY_CONTAINS(c.searchKeys, @searchKey)');
    parameters.push({ name: '@searchKey', value: filter.searchKey });
  }
  const condition = where.join(' AND ');
  return kind === 'count'
    ? { query: `SELECT VALUE COUNT(1) FROM c WHERE ${condition}`, parameters }
    : { query: `SELECT * FROM c WHERE ${condition} ORDER BY c.updatedAt DESC`, parameters };
}

/** Continuation tokens travel in URLs; the SDK's are JSON. */
const encodeToken = (token: string): string => Buffer.from(token, 'utf8').toString('base64url');
const decodeToken = (token: string): string => Buffer.from(token, 'base64url').toString('utf8');

/**
 * The `journeys` container (partition key `/id`, the work-order id): a point read and an
 * ETag-guarded replace per write, so of two writers the older version never lands last.
 */
export function cosmosJourneyProjections(store: CosmosStore): JourneyProjections {
  const journeys = store.container('journeys');
  const get = async (workOrderId: string) => {
    const item = await readItem(journeys, workOrderId, workOrderId);
    return item === undefined
      ? undefined
      : { value: JourneyProjection.parse(item.resource), etag: item.etag };
  };
  return {
    async write(projection) {
      for (;;) {
        const stored = await get(projection.id);
        if (!supersedes(projection, stored?.value)) return 'superseded';
        if (stored === undefined) {
          try {
            await journeys.items.create(projection);
            return 'written';
          } catch (error) {
            if (cosmosStatusOf(error) === 409) continue;
            throw error;
          }
        }
        if ((await replaceItemAt(journeys, projection, projection.id, stored.etag)) === 'replaced')
          return 'written';
      }
    },
    get: async (workOrderId) => (await get(workOrderId))?.value,
    async list(filter, page) {
      const response = await journeys.items
        .query<unknown>(journeyQuerySpec(filter, 'page'), {
          maxItemCount: page.limit,
          ...(page.continuation === undefined ? {} : { continuationToken: decodeToken(page.continuation) }),
        })
        .fetchNext();
      return {
        items: response.resources.map((resource) => JourneyProjection.parse(resource)),
        ...(response.continuationToken && response.hasMoreResults
          ? { continuation: encodeToken(response.continuationToken) }
          : {}),
      };
    },
    async count(filter) {
      const { resources } = await journeys.items.query<number>(journeyQuerySpec(filter, 'count')).fetchAll();
      return resources.reduce((sum, n) => sum + n, 0);
    },
  };
}

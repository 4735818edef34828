import {
  valueAt,
  type DocumentIndex,
  type Equality,
  type OrderIndex,
  type StoredDocument,
} from './documentIndex';
import {
  builtins,
  compareValues,
  engineToken,
  helpers,
  type CompiledQuery,
  type EngineOptions,
  type EngineResult,
} from './queryEngine';
import type { Condition, QueryPlan } from './queryPlan';

/**
 * Runs a planned query from the container's index, or answers undefined where the full engine
 * must run it. The answer is always the engine's own: the index only chooses which documents the
 * engine looks at — every document that matches, or for an `ORDER BY` page the matching documents
 * from where the continuation resumes up to one past the page — and the engine filters, orders and
 * pages those as it would the whole container, so results and continuation tokens are the same.
 *
 * Cosmos DB pages an `ORDER BY` query by the last item's order-by values and resource id: a
 * continuation resumes after them, ties on the value kept in resource-id order
 * (https://learn.microsoft.com/azure/cosmos-db/nosql/query/pagination#continuation-tokens). The
 * engine's tokens (`+RID:…#RT:…#TRC:…#RTD:…`) carry the same two, which is what the walk below reads.
 */

/** Whether one condition holds, decided by the engine's own `=`, comparison and `ARRAY_CONTAINS`. */
function holds(condition: Condition, document: StoredDocument): boolean {
  const value = valueAt(document, condition.path);
  switch (condition.kind) {
    case 'equal':
      return helpers.equal(value, condition.value) === true;
    case 'contains':
      return builtins.ARRAY_CONTAINS(value, condition.value) === true;
    case 'compare':
      return condition.valueFirst
        ? helpers.compare(condition.operator, condition.value, value) === true
        : helpers.compare(condition.operator, value, condition.value) === true;
    default: {
      const unhandled: never = condition;
      throw new Error(`unknown condition ${JSON.stringify(unhandled)}`);
    }
  }
}

/** The engine's `WHERE`: a conjunction is true only when every part is `true`. */
const matches = (conditions: readonly Condition[], document: StoredDocument): boolean =>
  conditions.every((condition) => holds(condition, document));

export interface IndexedContainer {
  readonly index: DocumentIndex;
  all(): Iterable<StoredDocument>;
}

const equalitiesOf = (conditions: readonly Condition[]): Equality[] =>
  conditions.flatMap((condition) =>
    condition.kind === 'equal' ? [{ path: condition.path, value: condition.value }] : [],
  );

/**
 * The fewest documents the index can name that include every match: the smallest
 * `ARRAY_CONTAINS` list or the equality column scan, whichever is smaller; with its size, so a
 * caller can choose between them and a walk in order. Undefined when no condition is indexed.
 */
function candidatesOf(
  container: IndexedContainer,
  conditions: readonly Condition[],
): { readonly size: number; list(): StoredDocument[] } | undefined {
  const { index } = container;
  const equalities = equalitiesOf(conditions);
  let best: { readonly size: number; list(): StoredDocument[] } | undefined;
  if (equalities.length > 0) {
    const size = Math.min(...equalities.map(({ path, value }) => index.equalCount(path, value)));
    best = { size, list: () => index.withAll(equalities) };
  }
  for (const condition of conditions) {
    if (condition.kind !== 'contains') continue;
    const rids = index.contains(condition.path, condition.value);
    if (best !== undefined && rids.size >= best.size) continue;
    best = {
      size: rids.size,
      list: () => [...rids].flatMap((rid) => index.document(rid) ?? []),
    };
  }
  return best;
}

const matching = (
  conditions: readonly Condition[],
  documents: Iterable<StoredDocument>,
): StoredDocument[] => {
  const found: StoredDocument[] = [];
  for (const document of documents) if (matches(conditions, document)) found.push(document);
  return found;
};

function count(container: IndexedContainer, conditions: readonly Condition[]): EngineResult {
  const equalities = equalitiesOf(conditions);
  const n =
    equalities.length > 0 && equalities.length === conditions.length
      ? container.index.withAll(equalities, true)
      : matching(conditions, candidatesOf(container, conditions)?.list() ?? container.all()).length;
  // What the engine answers for `SELECT VALUE COUNT(1)`: one number, never a continuation.
  return { result: [n], continuation: null };
}

type Token = NonNullable<ReturnType<typeof engineToken>>;

/** First position in `[lo, hi)` where `after` turns true (it is false, then true, along the range). */
function firstTrue(lo: number, hi: number, after: (i: number) => boolean): number {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (after(mid)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/**
 * The documents of an order index in the engine's `ORDER BY` order — by value (descending for
 * `DESC`), ties always by `_rid` ascending — from the first one the engine's paging would resume
 * at after `token` (`helpers.js` `paginate`), or from the start.
 */
function* ordered(
  order: OrderIndex,
  descending: boolean,
  token: Token | undefined,
): Generator<StoredDocument> {
  const entries = order.entries;
  const resumeValue = token?.RTD?.[0];
  const ridAtOrAfter = (i: number) => compareValues(entries[i]!.document._rid, token!.RID) >= 0;
  if (!descending) {
    const start =
      token === undefined
        ? 0
        : firstTrue(0, entries.length, (i) => {
            const r = compareValues(entries[i]!.value, resumeValue);
            return r !== 0 ? r > 0 : ridAtOrAfter(i);
          });
    for (let i = start; i < entries.length; i++) yield entries[i]!.document;
    return;
  }
  let end = entries.length;
  if (token !== undefined) {
    // The tie group of the resume value, then every group below it.
    const lo = firstTrue(0, entries.length, (i) => compareValues(entries[i]!.value, resumeValue) >= 0);
    const hi = firstTrue(lo, entries.length, (i) => compareValues(entries[i]!.value, resumeValue) > 0);
    for (let i = firstTrue(lo, hi, ridAtOrAfter); i < hi; i++) yield entries[i]!.document;
    end = lo;
  }
  while (end > 0) {
    let start = end - 1;
    while (start > 0 && compareValues(entries[start - 1]!.value, entries[end - 1]!.value) === 0) start--;
    for (let i = start; i < end; i++) yield entries[i]!.document;
    end = start;
  }
}

/** Below `smallCandidateSet` candidates, ordering them beats walking the order index (tests move it). */
export const indexTuning = { smallCandidateSet: 2048 };

function page(
  container: IndexedContainer,
  plan: QueryPlan & { readonly orderBy: NonNullable<QueryPlan['orderBy']> },
  query: CompiledQuery,
  options: EngineOptions,
): EngineResult | undefined {
  const candidates = candidatesOf(container, plan.conditions);
  const fromCandidates = () => query.exec(matching(plan.conditions, candidates!.list()), options);
  if (candidates !== undefined && candidates.size <= indexTuning.smallCandidateSet) return fromCandidates();

  const order = container.index.order(plan.orderBy.path);
  if (order.mixed > 0) return candidates === undefined ? undefined : fromCandidates();
  let token: Token | undefined;
  if (options.continuation !== null && options.continuation !== undefined) {
    token = engineToken(options.continuation);
    // Only tokens the engine itself would make for this query are walked; it judges the rest.
    const resume = token?.RTD?.[0];
    if (token === undefined || token.SRC !== 0 || token.RTD?.length !== 1) return undefined;
    if (resume !== null && typeof resume === 'object') return undefined;
  }
  const wanted =
    typeof options.maxItemCount === 'number' && options.maxItemCount > 0
      ? options.maxItemCount + 1
      : Number.POSITIVE_INFINITY;
  // A walk through sparse matches costs more than ordering the candidates; stop there.
  const budget = candidates === undefined ? Number.POSITIVE_INFINITY : 2 * candidates.size;
  const window: StoredDocument[] = [];
  let walked = 0;
  for (const document of ordered(order, plan.orderBy.descending, token)) {
    if (++walked > budget) return fromCandidates();
    if (!matches(plan.conditions, document)) continue;
    window.push(document);
    if (window.length >= wanted) break;
  }
  return query.exec(window, options);
}

export function runIndexed(
  container: IndexedContainer,
  plan: QueryPlan,
  query: CompiledQuery,
  options: EngineOptions,
): EngineResult | undefined {
  if (plan.shape === 'count') return count(container, plan.conditions);
  if (plan.shape === 'page' && plan.orderBy !== undefined)
    return page(container, { ...plan, orderBy: plan.orderBy }, query, options);
  const candidates = candidatesOf(container, plan.conditions);
  if (candidates === undefined) return undefined;
  // The engine applies the whole query to the candidates: its WHERE, TOP, projection and order.
  return query.exec(
    plan.shape === 'page' ? matching(plan.conditions, candidates.list()) : candidates.list(),
    options,
  );
}

import type { DocumentIndex } from './documentIndex';
import { valueAt, type OrderIndex, type StoredDocument } from './documentIndex';
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
  document(rid: string): StoredDocument | undefined;
  all(): Iterable<StoredDocument>;
  readonly size: number;
}

/** The posting lists of the equality and `ARRAY_CONTAINS` conditions, smallest first. */
function postingsOf(container: IndexedContainer, conditions: readonly Condition[]): ReadonlySet<string>[] {
  const sets: ReadonlySet<string>[] = [];
  for (const condition of conditions) {
    if (condition.kind === 'equal') sets.push(container.index.equal(condition.path, condition.value));
    else if (condition.kind === 'contains')
      sets.push(container.index.contains(condition.path, condition.value));
  }
  return sets.sort((a, b) => a.size - b.size);
}

function matching(
  container: IndexedContainer,
  conditions: readonly Condition[],
  smallest: ReadonlySet<string>,
): StoredDocument[] {
  const found: StoredDocument[] = [];
  for (const rid of smallest) {
    const document = container.document(rid);
    if (document !== undefined && matches(conditions, document)) found.push(document);
  }
  return found;
}

function count(container: IndexedContainer, conditions: readonly Condition[]): EngineResult {
  const sets = postingsOf(container, conditions);
  let n = 0;
  if (sets.length === conditions.length && sets.length > 0) {
    // Every condition is a posting list: the count is the size of their intersection.
    const [smallest, ...others] = sets;
    for (const rid of smallest!) if (others.every((set) => set.has(rid))) n++;
  } else if (sets.length > 0) {
    n = matching(container, conditions, sets[0]!).length;
  } else {
    for (const document of container.all()) if (matches(conditions, document)) n++;
  }
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
  const sets = postingsOf(container, plan.conditions);
  const fromPostings = () => query.exec(matching(container, plan.conditions, sets[0]!), options);
  if (sets.length > 0 && sets[0]!.size <= indexTuning.smallCandidateSet) return fromPostings();

  const order = container.index.order(plan.orderBy.path);
  if (order.mixed > 0) return sets.length > 0 ? fromPostings() : undefined;
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
  // A walk through sparse matches costs more than ordering the smallest posting list; stop there.
  const budget = sets.length > 0 ? 2 * sets[0]!.size : Number.POSITIVE_INFINITY;
  const window: StoredDocument[] = [];
  let walked = 0;
  for (const document of ordered(order, plan.orderBy.descending, token)) {
    if (++walked > budget) return fromPostings();
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
  if (plan.select === 'count') return count(container, plan.conditions);
  if (plan.orderBy !== undefined) return page(container, { ...plan, orderBy: plan.orderBy }, query, options);
  const sets = postingsOf(container, plan.conditions);
  return sets.length === 0 ? undefined : query.exec(matching(container, plan.conditions, sets[0]!), options);
}

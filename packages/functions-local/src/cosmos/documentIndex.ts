import { compareValues } from './queryEngine';

/** A stored document as the embedded server keeps it (its `_rid` is unique in the container). */
export type StoredDocument = { readonly _rid: string } & Readonly<Record<string, unknown>>;

/** A property path below the document, e.g. `['appointment', 'start']`. */
export type Path = readonly string[];

export const valueAt = (document: unknown, path: Path): unknown => {
  let value = document;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
};

export const isPrimitive = (value: unknown): value is string | number | boolean | null =>
  value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';

/** A key equal for two primitives exactly when the engine's `=` holds between them (same type, `===`). */
export const keyOf = (value: string | number | boolean | null): string =>
  value === null ? 'null' : `${typeof value}:${String(value)}`;

type Postings = Map<string, Set<string>>;

interface OrderEntry {
  readonly value: string | number | boolean | null;
  readonly document: StoredDocument;
}

/** The engine's order for `ORDER BY` on one path: by value, ties by `_rid` ascending (`helpers.js` `sort`). */
const compareEntries = (a: OrderEntry, b: OrderEntry): number =>
  compareValues(a.value, b.value) || compareValues(a.document._rid, b.document._rid);

/** Values at a path ordered as the engine orders them; only documents with a primitive value there. */
export interface OrderIndex {
  /** Documents whose value is an array or object: while there are any, the index is not used. */
  readonly mixed: number;
  readonly entries: readonly OrderEntry[];
}

class MutableOrderIndex implements OrderIndex {
  mixed = 0;
  readonly entries: OrderEntry[] = [];

  constructor(private readonly path: Path) {}

  /** First position whose entry is not before `entry`. */
  private lowerBound(entry: OrderEntry): number {
    let lo = 0;
    let hi = this.entries.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compareEntries(this.entries[mid]!, entry) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  add(document: StoredDocument): void {
    const value = valueAt(document, this.path);
    if (value === undefined) return;
    if (!isPrimitive(value)) {
      this.mixed++;
      return;
    }
    const entry = { value, document };
    this.entries.splice(this.lowerBound(entry), 0, entry);
  }

  remove(document: StoredDocument): void {
    const value = valueAt(document, this.path);
    if (value === undefined) return;
    if (!isPrimitive(value)) {
      this.mixed--;
      return;
    }
    const at = this.lowerBound({ value, document });
    if (this.entries[at]?.document._rid === document._rid) this.entries.splice(at, 1);
  }
}

/**
 * What Cosmos DB's index keeps for a container, for the paths queries have used so far: the
 * documents holding each primitive value at a path (for `=`), or among the items of an array at a
 * path (for `ARRAY_CONTAINS`), and the documents in `ORDER BY` order of a path. Built on first use,
 * then kept up to date by every write (see `indexedDocuments.ts`).
 */
export class DocumentIndex {
  readonly #documents: () => Iterable<StoredDocument>;
  readonly #equal = new Map<string, Postings>();
  readonly #contains = new Map<string, Postings>();
  readonly #order = new Map<string, MutableOrderIndex>();

  constructor(documents: () => Iterable<StoredDocument>) {
    this.#documents = documents;
  }

  /** Documents whose value at `path` is `value` (by the engine's `=`). */
  equal(path: Path, value: string | number | boolean | null): ReadonlySet<string> {
    return this.#postings(this.#equal, path, equalKeys).get(keyOf(value)) ?? empty;
  }

  /** Documents whose array at `path` holds `value` (by the engine's `ARRAY_CONTAINS`). */
  contains(path: Path, value: string | number | boolean | null): ReadonlySet<string> {
    return this.#postings(this.#contains, path, itemKeys).get(keyOf(value)) ?? empty;
  }

  order(path: Path): OrderIndex {
    const name = nameOf(path);
    let index = this.#order.get(name);
    if (index === undefined) {
      index = new MutableOrderIndex(path);
      const documents = [...this.#documents()];
      for (const document of documents) {
        const value = valueAt(document, path);
        if (value === undefined) continue;
        if (isPrimitive(value)) index.entries.push({ value, document });
        else index.mixed++;
      }
      index.entries.sort(compareEntries);
      this.#order.set(name, index);
    }
    return index;
  }

  added(document: StoredDocument): void {
    for (const [name, postings] of this.#equal) addPostings(postings, document, name, equalKeys);
    for (const [name, postings] of this.#contains) addPostings(postings, document, name, itemKeys);
    for (const index of this.#order.values()) index.add(document);
  }

  removed(document: StoredDocument): void {
    for (const [name, postings] of this.#equal) removePostings(postings, document, name, equalKeys);
    for (const [name, postings] of this.#contains) removePostings(postings, document, name, itemKeys);
    for (const index of this.#order.values()) index.remove(document);
  }

  #postings(
    kind: Map<string, Postings>,
    path: Path,
    keys: (document: StoredDocument, path: Path) => readonly string[],
  ): Postings {
    const name = nameOf(path);
    let postings = kind.get(name);
    if (postings === undefined) {
      postings = new Map();
      for (const document of this.#documents()) addPostings(postings, document, name, keys);
      kind.set(name, postings);
    }
    return postings;
  }
}

const empty: ReadonlySet<string> = new Set();

const nameOf = (path: Path): string => JSON.stringify(path);
const pathOf = (name: string): Path => JSON.parse(name) as string[];

const equalKeys = (document: StoredDocument, path: Path): readonly string[] => {
  const value = valueAt(document, path);
  return isPrimitive(value) ? [keyOf(value)] : [];
};

const itemKeys = (document: StoredDocument, path: Path): readonly string[] => {
  const value = valueAt(document, path);
  return Array.isArray(value) ? [...new Set(value.filter(isPrimitive).map(keyOf))] : [];
};

function addPostings(
  postings: Postings,
  document: StoredDocument,
  name: string,
  keys: (document: StoredDocument, path: Path) => readonly string[],
): void {
  for (const key of keys(document, pathOf(name))) {
    let rids = postings.get(key);
    if (rids === undefined) postings.set(key, (rids = new Set()));
    rids.add(document._rid);
  }
}

function removePostings(
  postings: Postings,
  document: StoredDocument,
  name: string,
  keys: (document: StoredDocument, path: Path) => readonly string[],
): void {
  for (const key of keys(document, pathOf(name))) {
    const rids = postings.get(key);
    rids?.delete(document._rid);
    if (rids?.size === 0) postings.delete(key);
  }
}

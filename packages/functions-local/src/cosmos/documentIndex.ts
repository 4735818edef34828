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
 * One path's values as a column over the document slots: the key of the primitive at the path in
 * each slot (-1 for none), and the slots holding each key, so an equality filter visits only the
 * slots of its rarest value and checks the others as integers.
 */
class EqualityColumn {
  readonly #keys = new Map<string, number>();
  /** The slots holding each key. */
  readonly slots: Set<number>[] = [];
  values: Int32Array;

  constructor(
    private readonly path: Path,
    capacity: number,
  ) {
    this.values = new Int32Array(Math.max(capacity, 16)).fill(-1);
  }

  keyId(value: string | number | boolean | null): number | undefined {
    return this.#keys.get(keyOf(value));
  }

  set(slot: number, document: StoredDocument | undefined): void {
    if (slot >= this.values.length) {
      const grown = new Int32Array(Math.max(slot + 1, this.values.length * 2)).fill(-1);
      grown.set(this.values);
      this.values = grown;
    }
    const previous = this.values[slot]!;
    if (previous >= 0) this.slots[previous]!.delete(slot);
    const value = document === undefined ? undefined : valueAt(document, this.path);
    if (!isPrimitive(value)) {
      this.values[slot] = -1;
      return;
    }
    const key = keyOf(value);
    let id = this.#keys.get(key);
    if (id === undefined) {
      id = this.slots.length;
      this.#keys.set(key, id);
      this.slots.push(new Set());
    }
    this.values[slot] = id;
    this.slots[id]!.add(slot);
  }
}

export interface Equality {
  readonly path: Path;
  readonly value: string | number | boolean | null;
}

/**
 * What Cosmos DB's index keeps for a container, for the paths queries have used so far: a column
 * of each path's primitive values (for `=`), the documents holding each item of an array at a path
 * (for `ARRAY_CONTAINS`), and the documents in `ORDER BY` order of a path. Built on first use, then
 * kept up to date by every write (see `indexedDocuments.ts`).
 */
export class DocumentIndex {
  readonly #slots = new Map<string, number>();
  readonly #documents: (StoredDocument | undefined)[] = [];
  readonly #free: number[] = [];
  readonly #equal = new Map<string, EqualityColumn>();
  readonly #contains = new Map<string, Postings>();
  readonly #order = new Map<string, MutableOrderIndex>();

  constructor(documents: Iterable<StoredDocument>) {
    for (const document of documents) this.#place(document);
  }

  get size(): number {
    return this.#slots.size;
  }

  document(rid: string): StoredDocument | undefined {
    const slot = this.#slots.get(rid);
    return slot === undefined ? undefined : this.#documents[slot];
  }

  /** How many documents hold `value` at `path` (by the engine's `=`). */
  equalCount(path: Path, value: string | number | boolean | null): number {
    const column = this.#column(path);
    const id = column.keyId(value);
    return id === undefined ? 0 : (column.slots[id]?.size ?? 0);
  }

  /** The documents meeting every equality, or how many there are. */
  withAll(equalities: readonly Equality[]): StoredDocument[];
  withAll(equalities: readonly Equality[], countOnly: true): number;
  withAll(equalities: readonly Equality[], countOnly = false): StoredDocument[] | number {
    const columns: Int32Array[] = [];
    const ids: number[] = [];
    let rarest: ReadonlySet<number> | undefined;
    for (const { path, value } of equalities) {
      const column = this.#column(path);
      const id = column.keyId(value);
      const slots = id === undefined ? undefined : column.slots[id];
      if (id === undefined || slots === undefined) return countOnly ? 0 : [];
      columns.push(column.values);
      ids.push(id);
      if (rarest === undefined || slots.size < rarest.size) rarest = slots;
    }
    const found: StoredDocument[] = [];
    let n = 0;
    outer: for (const slot of rarest ?? []) {
      for (let c = 0; c < columns.length; c++) if (columns[c]![slot] !== ids[c]) continue outer;
      n++;
      if (!countOnly) found.push(this.#documents[slot]!);
    }
    return countOnly ? n : found;
  }

  /** Documents whose array at `path` holds `value` (by the engine's `ARRAY_CONTAINS`). */
  contains(path: Path, value: string | number | boolean | null): ReadonlySet<string> {
    const name = nameOf(path);
    let postings = this.#contains.get(name);
    if (postings === undefined) {
      postings = new Map();
      for (const document of this.#all()) addPostings(postings, document, name);
      this.#contains.set(name, postings);
    }
    return postings.get(keyOf(value)) ?? empty;
  }

  order(path: Path): OrderIndex {
    const name = nameOf(path);
    let index = this.#order.get(name);
    if (index === undefined) {
      index = new MutableOrderIndex(path);
      for (const document of this.#all()) {
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
    const existing = this.document(document._rid);
    if (existing !== undefined) this.removed(existing);
    const slot = this.#place(document);
    for (const column of this.#equal.values()) column.set(slot, document);
    for (const [name, postings] of this.#contains) addPostings(postings, document, name);
    for (const index of this.#order.values()) index.add(document);
  }

  removed(document: StoredDocument): void {
    const slot = this.#slots.get(document._rid);
    if (slot === undefined) return;
    this.#slots.delete(document._rid);
    this.#documents[slot] = undefined;
    this.#free.push(slot);
    for (const column of this.#equal.values()) column.set(slot, undefined);
    for (const [name, postings] of this.#contains) removePostings(postings, document, name);
    for (const index of this.#order.values()) index.remove(document);
  }

  *#all(): Generator<StoredDocument> {
    for (const document of this.#documents) if (document !== undefined) yield document;
  }

  #place(document: StoredDocument): number {
    const slot = this.#free.pop() ?? this.#documents.length;
    this.#documents[slot] = document;
    this.#slots.set(document._rid, slot);
    return slot;
  }

  #column(path: Path): EqualityColumn {
    const name = nameOf(path);
    let column = this.#equal.get(name);
    if (column === undefined) {
      column = new EqualityColumn(path, this.#documents.length);
      this.#documents.forEach((document, slot) => column!.set(slot, document));
      this.#equal.set(name, column);
    }
    return column;
  }
}

const empty: ReadonlySet<string> = new Set();

const nameOf = (path: Path): string => JSON.stringify(path);
const pathOf = (name: string): Path => JSON.parse(name) as string[];

/** The distinct primitive items of the array at the path (what `ARRAY_CONTAINS` can find). */
const itemKeys = (document: StoredDocument, path: Path): readonly string[] => {
  const value = valueAt(document, path);
  return Array.isArray(value) ? [...new Set(value.filter(isPrimitive).map(keyOf))] : [];
};

function addPostings(postings: Postings, document: StoredDocument, name: string): void {
  for (const key of itemKeys(document, pathOf(name))) {
    let rids = postings.get(key);
    if (rids === undefined) postings.set(key, (rids = new Set()));
    rids.add(document._rid);
  }
}

function removePostings(postings: Postings, document: StoredDocument, name: string): void {
  for (const key of itemKeys(document, pathOf(name))) {
    const rids = postings.get(key);
    rids?.delete(document._rid);
    if (rids?.size === 0) postings.delete(key);
  }
}

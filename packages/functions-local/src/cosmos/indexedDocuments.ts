import { createRequire } from 'node:module';
import { DocumentIndex, type StoredDocument } from './documentIndex';
import { runIndexed, type IndexedContainer } from './indexedQuery';
import { CompiledQuery, type EngineContinuation, type EngineResult } from './queryEngine';
import { planOf } from './queryPlan';

/**
 * The embedded server's document store (`@vercel/cosmosdb-server`, `account/documents.js` on
 * `account/items.js`), answering queries from an index. Its own `query()` copies every document
 * and runs the engine over all of them for each request (and the SDK sends each query twice: once
 * for the query plan, once to run it), so one filtered page over 100,000 documents took minutes.
 *
 * Installed once per process on the store's class, from here rather than by editing the package:
 * - `query()` plans the query (`queryPlan.ts`) and runs what the index serves (`indexedQuery.ts`);
 *   everything else runs on the same engine compiled to linear time (`queryEngine.ts`);
 * - `read()` (the read feed) runs on the linear engine too;
 * - `_set()` and `delete()`, through which every create, replace, upsert, patch, batch and delete
 *   passes, keep the index up to date, so a query sees every write answered before it.
 * Request charges are left as the server states them (a flat 1 RU); the index makes no query look
 * cheaper or dearer than before.
 */

interface ItemHolder {
  read(): StoredDocument | undefined;
}

interface DocumentsStore {
  _parent: { read(): { indexingPolicy?: { compositeIndexes?: unknown } } | undefined };
  _data: Map<string, ItemHolder>;
  _item(keyPath: string, value: unknown, partition: unknown): ItemHolder;
  _userDefinedFunctions(): unknown;
  _set(data: StoredDocument): StoredDocument;
  delete(idOrRid: string, partition: unknown): void;
  query(
    params: { query: string; parameters?: { name: string; value: unknown }[] },
    options: { maxItemCount?: number | null; continuation?: EngineContinuation | null },
  ): EngineResult | null;
  read(options?: {
    maxItemCount?: number | null;
    continuation?: EngineContinuation | null;
  }): EngineResult | null;
}

const serverRequire = createRequire(require.resolve('@vercel/cosmosdb-server'));
const Documents = (serverRequire('./account/documents') as { default: { prototype: DocumentsStore } })
  .default;

const installed = Symbol.for('functions-local.cosmos.indexedDocuments');

/** As the server keeps parsed queries: the most recent hundred texts. */
const compiledQueries = new Map<string, CompiledQuery>();
function compiled(sql: string): CompiledQuery {
  let query = compiledQueries.get(sql);
  if (query === undefined) {
    query = new CompiledQuery(sql);
    if (compiledQueries.size >= 100) compiledQueries.delete(compiledQueries.keys().next().value!);
  } else compiledQueries.delete(sql);
  compiledQueries.set(sql, query);
  return query;
}

const indexes = new WeakMap<DocumentsStore, DocumentIndex>();

const documentsOf = (store: DocumentsStore): Iterable<StoredDocument> => ({
  *[Symbol.iterator]() {
    for (const item of store._data.values()) {
      const document = item.read();
      if (document !== undefined) yield document;
    }
  },
});

function containerOf(store: DocumentsStore): IndexedContainer {
  let index = indexes.get(store);
  if (index === undefined) {
    index = new DocumentIndex(documentsOf(store));
    indexes.set(store, index);
  }
  return { index, all: () => documentsOf(store) };
}

/** Makes every embedded Cosmos DB in this process answer queries from an index; idempotent. */
export function installIndexedDocuments(): void {
  const prototype = Documents.prototype as DocumentsStore & { [installed]?: true };
  if (prototype[installed]) return;
  prototype[installed] = true;
  const set = prototype._set;
  const remove = prototype.delete;

  prototype._set = function (this: DocumentsStore, data) {
    const stored = set.call(this, data);
    indexes.get(this)?.added(stored);
    return stored;
  };

  prototype.delete = function (this: DocumentsStore, idOrRid, partition) {
    const stored = this._item('/id', idOrRid, partition).read();
    remove.call(this, idOrRid, partition);
    if (stored !== undefined) indexes.get(this)?.removed(stored);
  };

  prototype.query = function (this: DocumentsStore, params, { maxItemCount, continuation }) {
    const parent = this._parent.read();
    if (!parent) return null;
    // Parsed outside the `try`, as the server does: a syntax error is the engine's, answered 400.
    const query = compiled(params.query);
    const options = {
      parameters: params.parameters,
      udf: this._userDefinedFunctions(),
      maxItemCount,
      continuation,
      compositeIndexes: parent.indexingPolicy?.compositeIndexes ?? [],
    };
    try {
      const plan = planOf(query.ast, params.parameters);
      const answer = plan === undefined ? undefined : runIndexed(containerOf(this), plan, query, options);
      return answer ?? query.exec([...documentsOf(this)], options);
    } catch (error) {
      (error as { badRequest?: boolean }).badRequest = true;
      throw error;
    }
  };

  prototype.read = function (this: DocumentsStore, { maxItemCount, continuation } = {}) {
    if (!this._parent.read()) return null;
    return compiled('SELECT * FROM c').exec([...documentsOf(this)], { maxItemCount, continuation });
  };
}

import fc from 'fast-check';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { installIndexedDocuments } from '../../src/cosmos/indexedDocuments';
import { indexTuning } from '../../src/cosmos/indexedQuery';

/**
 * The index may change how fast the embedded Cosmos DB answers, never what it answers: on random
 * documents and queries (filters, counts, ORDER BY with ties, mixed types, missing fields) every
 * page and continuation token equals what the server's own engine, unchanged, answers over the
 * same documents — also when documents are written between one page and the next.
 */

const serverRequire = createRequire(require.resolve('@vercel/cosmosdb-server'));
const engineRequire = createRequire(serverRequire.resolve('@zeit/cosmosdb-query'));
type EngineQuery = {
  exec(documents: unknown[], options: object): { result: unknown; continuation: unknown };
};
const originalEngine = (engineRequire('@zeit/cosmosdb-query') as { default: (sql: string) => EngineQuery })
  .default;
const Account = (
  serverRequire('./account') as {
    default: new (
      host: string,
      port: number,
    ) => {
      databases: { create(data: object): unknown };
      database(id: string): {
        collections: { create(data: object): unknown };
        collection(id: string): Collection;
      };
    };
  }
).default;

interface Documents {
  _data: Map<string, { read(): Record<string, unknown> }>;
  create(data: object): Record<string, unknown>;
  upsert(data: object): Record<string, unknown>;
  delete(id: string, partition: string): void;
  query(
    params: { query: string; parameters: { name: string; value: unknown }[] },
    options: { maxItemCount: number | null; continuation: { token: string } | null },
  ): { result: unknown; continuation: { token: string } | null } | null;
}
interface Collection {
  documents: Documents;
}

installIndexedDocuments();

function newContainer(): Documents {
  const account = new Account('127.0.0.1', 8081);
  account.databases.create({ id: 'db' });
  const database = account.database('db');
  database.collections.create({ id: 'c', partitionKey: { paths: ['/id'], kind: 'Hash' } });
  return database.collection('c').documents;
}

const primitive = fc.oneof(
  fc.constantFrom('a', 'b', 'c'),
  fc.integer({ min: 0, max: 3 }),
  fc.boolean(),
  fc.constant(null),
);
/** Few distinct instants, so ORDER BY meets many ties. */
const instant = fc.constantFrom('2026-01-01T00:00:00Z', '2026-01-02T00:00:00Z', '2026-01-03T00:00:00Z');
const optional = <T>(value: fc.Arbitrary<T>, rare?: fc.Arbitrary<unknown>) =>
  fc.oneof(
    { weight: 6, arbitrary: value },
    { weight: 1, arbitrary: fc.constant(undefined) },
    ...(rare === undefined ? [] : [{ weight: 1, arbitrary: rare }]),
  );

const document = fc.record({
  kind: optional(fc.constantFrom('journey', 'other')),
  stage: optional(fc.constantFrom('booked', 'contacting', 'completed'), primitive),
  region: optional(fc.constantFrom('BE-BRU', 'BE-ANT')),
  n: optional(fc.integer({ min: 0, max: 4 }), primitive),
  at: optional(instant, fc.oneof(primitive, fc.constant({ nested: 1 }))),
  tags: optional(fc.array(fc.constantFrom('x', 'y', 'z', 1), { maxLength: 3 }), primitive),
  nested: optional(fc.record({ v: optional(primitive) })),
});

type ValueOf<A> = A extends fc.Arbitrary<infer T> ? T : never;
type Doc = ValueOf<typeof document>;

const condition = fc.oneof(
  fc.constantFrom("c.kind = 'journey'", 'c.kind = @kind', 'c.stage = @stage', 'c.region = @region'),
  fc.constantFrom('c.n = @n', 'c.n = 2', 'c.nested.v = @n', 'c["region"] = @region', 'c.stage = @missing'),
  fc.constantFrom('c.at >= @from', 'c.at < @to', '@from <= c.at', 'c.n > 1', 'c.n <= @n'),
  fc.constantFrom('ARRAY_CONTAINS(c.tags, @tag)', "ARRAY_CONTAINS(c.tags, 'x')", 'ARRAY_CONTAINS(c.tags, 1)'),
  // Shapes the index does not serve: the full engine answers them.
  fc.constantFrom('c.n != 1', "(c.stage = 'booked' OR c.n = 1)", 'IS_DEFINED(c.at)', 'c.tags = @tags'),
);

const query = fc.record({
  select: fc.constantFrom(
    'SELECT * FROM c',
    'SELECT VALUE COUNT(1) FROM c',
    'SELECT TOP 3 * FROM c',
    'SELECT TOP @n c.id, c.at FROM c',
    'SELECT VALUE c.stage FROM c',
    'SELECT VALUE MAX(c.n) FROM c',
  ),
  where: fc.array(condition, { maxLength: 3 }),
  orderBy: fc.constantFrom(
    '',
    ' ORDER BY c.at DESC',
    ' ORDER BY c.at ASC',
    ' ORDER BY c.at',
    ' ORDER BY c.n DESC',
  ),
  maxItemCount: fc.constantFrom(null, 1, 2, 3, 7),
  parameters: fc.record({
    kind: fc.constantFrom('journey', 'other'),
    stage: fc.constantFrom('booked', 'completed', 1),
    region: fc.constantFrom('BE-BRU', 'BE-ANT'),
    n: fc.integer({ min: 0, max: 4 }),
    from: instant,
    to: instant,
    tag: fc.constantFrom('x', 'z', 1),
  }),
});

const write = fc.oneof(
  fc.record({ op: fc.constant('upsert' as const), at: fc.nat(), doc: document }),
  fc.record({ op: fc.constant('delete' as const), at: fc.nat() }),
);

const sqlOf = (q: ValueOf<typeof query>): string =>
  `${q.select}${q.where.length === 0 ? '' : ` WHERE ${q.where.join(' AND ')}`}${/COUNT|MAX/.test(q.select) ? '' : q.orderBy}`;

/** What the server's engine, as shipped, answers over every document of the container. */
function unindexed(container: Documents, sql: string, options: object) {
  const documents = [...container._data.values()].map((item) => item.read());
  return originalEngine(sql).exec(documents, options);
}

const outcome = (run: () => unknown) => {
  try {
    return { answer: JSON.parse(JSON.stringify(run())) as unknown };
  } catch (error) {
    return { error: (error as Error).message };
  }
};

describe('the embedded Cosmos DB index', () => {
  it.each([
    ['ordering the candidates of the smallest posting list', 1_000_000],
    ['walking the order index', 0],
  ])('answers every page as the unindexed engine does, across writes between pages (%s)', (_, small) => {
    indexTuning.smallCandidateSet = small;
    fc.assert(
      fc.property(
        fc.array(document, { minLength: 0, maxLength: 40 }),
        query,
        fc.array(write, { maxLength: 4 }),
        (documents: Doc[], q, writes) => {
          const container = newContainer();
          documents.forEach((doc, i) => container.create({ id: `d${i}`, ...doc }));
          const sql = sqlOf(q);
          const parameters = [
            ...Object.entries(q.parameters).map(([name, value]) => ({ name: `@${name}`, value })),
            { name: '@tags', value: ['x'] },
          ];
          let continuation: { token: string } | null = null;
          for (let pageNo = 0; pageNo < 60; pageNo++) {
            const options = { parameters, maxItemCount: q.maxItemCount, continuation };
            const expected = outcome(() => unindexed(container, sql, options));
            const actual = outcome(() => container.query({ query: sql, parameters }, options));
            expect(actual, `${sql} page ${pageNo}`).toEqual(expected);
            const next = (actual as { answer?: { continuation?: { token: string } | null } }).answer
              ?.continuation;
            if (!next) break;
            continuation = next;
            const change = writes[pageNo];
            if (change === undefined) continue;
            const ids = [...container._data.values()].map((item) => String(item.read().id));
            if (change.op === 'upsert')
              container.upsert({
                id: ids.length === 0 || change.at % 3 === 0 ? `w${change.at}` : ids[change.at % ids.length],
                ...change.doc,
              });
            else if (ids.length > 0)
              container.delete(ids[change.at % ids.length]!, ids[change.at % ids.length]!);
          }
        },
      ),
      { numRuns: 300 },
    );
    indexTuning.smallCandidateSet = 2048;
  });

  it('pages through a long run of ties on the order value one document at a time, each once', () => {
    indexTuning.smallCandidateSet = 0;
    const container = newContainer();
    for (let i = 0; i < 50; i++)
      container.create({
        id: `t${i}`,
        kind: 'journey',
        at: i < 45 ? '2026-01-01T00:00:00Z' : `2026-01-0${1 + (i % 3)}T00:00:00Z`,
      });
    const sql = "SELECT * FROM c WHERE c.kind = 'journey' ORDER BY c.at DESC";
    const seen: string[] = [];
    let continuation: { token: string } | null = null;
    do {
      const options = { parameters: [], maxItemCount: 1, continuation };
      const page: { result: unknown; continuation: { token: string } | null } = container.query(
        { query: sql, parameters: [] },
        options,
      )!;
      expect(page).toEqual(JSON.parse(JSON.stringify(unindexed(container, sql, options))));
      seen.push(...(page.result as { id: string }[]).map((d) => d.id));
      continuation = page.continuation;
    } while (continuation !== null);
    expect(new Set(seen).size).toBe(50);
    expect(seen).toHaveLength(50);
    indexTuning.smallCandidateSet = 2048;
  });

  it('gives the engine’s own errors: a syntax error, a token it cannot read', () => {
    const container = newContainer();
    container.create({ id: 'a', at: '2026-01-01T00:00:00Z' });
    expect(() =>
      container.query(
        { query: 'SELECT * FROM c WHERE', parameters: [] },
        { maxItemCount: null, continuation: null },
      ),
    ).toThrow(engineRequire('@zeit/cosmosdb-query').SyntaxError as ErrorConstructor);
    const broken = { maxItemCount: 1, continuation: { token: 'garbage' } };
    const sql = 'SELECT * FROM c ORDER BY c.at DESC';
    expect(outcome(() => container.query({ query: sql, parameters: [] }, broken))).toEqual(
      outcome(() => unindexed(container, sql, broken)),
    );
  });
});

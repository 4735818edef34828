import { createRequire } from 'node:module';

/**
 * The embedded server's own SQL engine (`@zeit/cosmosdb-query`, a dependency of
 * `@vercel/cosmosdb-server`), loaded from where the server finds it, compiled so that it runs in
 * time linear in the container rather than quadratic.
 *
 * The engine turns `FROM c` into `collection.reduce(($, c) => [...$, { c }], [])`: each document
 * copies every row gathered so far, so 100,000 documents make 5·10⁹ copies (a filter took 265 s).
 * The same code with the accumulator appended to (`$.push`) gives the same rows in the same order;
 * nothing else in the generated code is changed, so results, continuation tokens and errors stay
 * the engine's own. Its `stripUndefined` (applied to every result) has the same habit and is
 * replaced by a linear one with the same output.
 */

const serverRequire = createRequire(require.resolve('@vercel/cosmosdb-server'));
const engineRequire = createRequire(serverRequire.resolve('@zeit/cosmosdb-query'));

type JsNode = { type: string; [key: string]: unknown };
type Parameters = readonly { readonly name: string; readonly value: unknown }[];

/** `{ token, range }`, the server's parsed `x-ms-continuation` header. */
export interface EngineContinuation {
  readonly token: string;
}

export interface EngineOptions {
  readonly parameters?: Parameters | undefined;
  readonly udf?: unknown;
  readonly maxItemCount?: number | null | undefined;
  readonly continuation?: EngineContinuation | null | undefined;
  readonly compositeIndexes?: unknown;
}

export interface EngineResult {
  readonly result: unknown[];
  readonly continuation: unknown;
}

interface EngineQuery {
  readonly ast: { readonly [key: string]: unknown };
}

const createQuery = (engineRequire('@zeit/cosmosdb-query') as { default: (sql: string) => EngineQuery })
  .default;
const transform = (
  engineRequire('@zeit/cosmosdb-query/lib/transformer') as { default: (ast: unknown) => JsNode }
).default;
const generate = (
  createRequire(engineRequire.resolve('@zeit/cosmosdb-query/lib/transformer'))('@babel/generator') as {
    default: (ast: JsNode) => { code: string };
  }
).default;
const engineHelpers = engineRequire('@zeit/cosmosdb-query/lib/helpers') as Record<string, unknown>;
const aggregateFunctions = engineRequire('@zeit/cosmosdb-query/lib/aggregate-functions') as unknown;
const builtinFunctions = engineRequire('@zeit/cosmosdb-query/lib/builtin-functions') as unknown;

/** The engine's `SyntaxError`, which the server answers with 400. */
export const EngineSyntaxError = (engineRequire('@zeit/cosmosdb-query') as { SyntaxError: unknown })
  .SyntaxError as new (...args: never[]) => Error;

/** The engine's comparison and equality helpers, so an index decides a match as the engine would. */
export const helpers = engineHelpers as {
  readonly equal: (a: unknown, b: unknown) => boolean | undefined;
  readonly compare: (operator: string, a: unknown, b: unknown) => boolean | undefined;
};
export const builtins = builtinFunctions as {
  readonly ARRAY_CONTAINS: (array: unknown, value: unknown) => boolean | undefined;
};

/** The engine's `stripUndefined`, linear: arrays drop `undefined` items, objects `undefined` fields. */
function stripUndefined(value: unknown): unknown {
  if (Array.isArray(value)) {
    const out: unknown[] = [];
    for (const item of value) if (item !== undefined) out.push(stripUndefined(item));
    return out;
  }
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, field] of Object.entries(value))
      if (field !== undefined) out[key] = stripUndefined(field);
    return out;
  }
  return value;
}

/** Appends `items` to the accumulator in place and returns it (what `[...$, ...items]` built anew). */
function appendTo(accumulator: unknown[], items: readonly unknown[]): unknown[] {
  for (const item of items) accumulator.push(item);
  return accumulator;
}

const linearHelpers = { ...engineHelpers, stripUndefined, $appendTo: appendTo };

const isAccumulator = (node: unknown): boolean =>
  (node as JsNode | undefined)?.type === 'Identifier' && (node as { name?: unknown }).name === '$';

/**
 * `[...$, a, ...b]` inside a reducer `($, …) => …` becomes `$h.$appendTo($, [a, ...b])`. The
 * accumulator is always the reducer's own fresh `[]`, so appending in place is not observable.
 */
function rewriteAccumulations(node: unknown, inReducer: boolean): unknown {
  if (Array.isArray(node)) return node.map((child) => rewriteAccumulations(child, inReducer));
  if (node === null || typeof node !== 'object') return node;
  const js = node as JsNode;
  const params = js.type === 'ArrowFunctionExpression' ? (js.params as unknown[]) : undefined;
  const reducer = params === undefined ? inReducer : isAccumulator(params[0]);
  const out: JsNode = { ...js };
  for (const [key, value] of Object.entries(js)) out[key] = rewriteAccumulations(value, reducer);
  const elements = out.elements as JsNode[] | undefined;
  const first = elements?.[0];
  if (
    reducer &&
    out.type === 'ArrayExpression' &&
    first?.type === 'SpreadElement' &&
    isAccumulator(first.argument)
  ) {
    return {
      type: 'CallExpression',
      callee: {
        type: 'MemberExpression',
        object: { type: 'Identifier', name: '$h' },
        property: { type: 'Identifier', name: '$appendTo' },
        computed: false,
      },
      arguments: [first.argument, { type: 'ArrayExpression', elements: elements!.slice(1) }],
    };
  }
  return out;
}

type Compiled = (...args: unknown[]) => EngineResult;

/**
 * A parsed query; `exec` is the engine's `Query.exec` on the linear code. Parsing throws the
 * engine's `SyntaxError` (the server answers 400 BadRequest); code is generated at the first `exec`,
 * where the server's own query path would generate it, so its errors surface where they did.
 */
export class CompiledQuery {
  readonly ast: { readonly [key: string]: unknown };
  #run: Compiled | undefined;

  constructor(sql: string) {
    this.ast = createQuery(sql).ast;
  }

  exec(collection: readonly unknown[], options: EngineOptions = {}): EngineResult {
    if (this.#run === undefined) {
      const { code } = generate(rewriteAccumulations(transform(this.ast), false) as JsNode);
      // The engine runs its generated code the same way (`executor.js`).
      this.#run = new Function(`"use strict";return (${code})`)() as Compiled;
    }
    const params: Record<string, unknown> = {};
    for (const { name, value } of options.parameters ?? []) params[name.slice(1)] = value;
    return this.#run(
      aggregateFunctions,
      builtinFunctions,
      collection,
      linearHelpers,
      options.udf === undefined ? {} : options.udf,
      params,
      options.maxItemCount,
      options.continuation,
      options.compositeIndexes,
    );
  }
}

const decodeToken = (
  engineRequire('@zeit/cosmosdb-query/lib/continuation-token') as {
    decode: (token: string) => { RID?: unknown; RT?: unknown; TRC?: unknown; SRC?: unknown; RTD?: unknown };
  }
).decode;

/** The engine's reading of a continuation token, or undefined where it would not read one cleanly. */
export function engineToken(
  continuation: EngineContinuation | null | undefined,
): { readonly RID: string; readonly RTD: readonly unknown[] | undefined; readonly SRC: number } | undefined {
  if (typeof continuation?.token !== 'string') return undefined;
  try {
    const token = decodeToken(continuation.token);
    if (typeof token.RID !== 'string' || token.RID === '') return undefined;
    if (token.RTD !== undefined && !Array.isArray(token.RTD)) return undefined;
    return {
      RID: token.RID,
      RTD: token.RTD as readonly unknown[] | undefined,
      SRC: typeof token.SRC === 'number' ? token.SRC : 0,
    };
  } catch {
    return undefined;
  }
}

/**
 * The engine's total order on values (`helpers.js` `comparator`): equal values 0; the same type by
 * `<`; otherwise undefined < null < boolean < number < string < array < object. Used only on
 * primitives here, where it is a total order.
 */
const typeRank = (value: unknown): number => {
  if (value === undefined) return 0;
  if (value === null) return 1;
  switch (typeof value) {
    case 'boolean':
      return 2;
    case 'number':
      return 3;
    case 'string':
      return 4;
    default:
      return Array.isArray(value) ? 5 : 6;
  }
};

export function compareValues(a: unknown, b: unknown): number {
  if (a === b) return 0;
  const ra = typeRank(a);
  const rb = typeRank(b);
  if (ra !== rb) return ra < rb ? -1 : 1;
  return (a as string) < (b as string) ? -1 : 1;
}

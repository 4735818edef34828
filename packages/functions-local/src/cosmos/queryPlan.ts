import { isPrimitive, type Path } from './documentIndex';

/**
 * What an index can do for a query, read from the engine's syntax tree. Every top-level `AND` part
 * of the `WHERE` that is `path = value`, `path < value` (and `<=`, `>`, `>=`, either way round) or
 * `ARRAY_CONTAINS(path, value)`, with a constant or parameter value, is a condition the index
 * understands; any document that matches the query meets each of them, so the documents the index
 * names for them include every match, and the engine run over just those gives the same answer.
 *
 * Where the query is wholly understood — `SELECT *` or `SELECT VALUE COUNT(1)` from the container,
 * every `WHERE` part a condition, at most one `ORDER BY path` — the index also decides matches
 * itself: it counts, and walks an `ORDER BY` in order. Joins and other `FROM` forms get no plan.
 *
 * These are the filters Cosmos DB serves from its range indexes, and the `ORDER BY` it serves from
 * a range or composite index (https://learn.microsoft.com/azure/cosmos-db/index-policy); serving
 * them from an index here changes how fast an answer comes, never which answer.
 */

export type Primitive = string | number | boolean | null;

export type Condition =
  | { readonly kind: 'equal'; readonly path: Path; readonly value: Primitive }
  | { readonly kind: 'contains'; readonly path: Path; readonly value: Primitive }
  | {
      readonly kind: 'compare';
      readonly path: Path;
      readonly operator: '<' | '<=' | '>' | '>=';
      readonly value: unknown;
      /** `value < c.path` keeps its sides: the engine compares (value, document value). */
      readonly valueFirst: boolean;
    };

export interface QueryPlan {
  /** `page` and `count` are wholly understood; `engine` queries only take the index's candidates. */
  readonly shape: 'page' | 'count' | 'engine';
  readonly conditions: readonly Condition[];
  readonly orderBy?: { readonly path: Path; readonly descending: boolean };
}

type Node = { readonly type?: unknown; readonly [key: string]: unknown };
type Parameters = readonly { readonly name: string; readonly value: unknown }[] | undefined;

const queryKeys = new Set(['type', 'top', 'select', 'from', 'where', 'orderBy']);
const comparisons = new Set(['<', '<=', '>', '>=']);

const hasOnly = (node: Node, keys: readonly string[]): boolean =>
  Object.keys(node).every((key) => keys.includes(key));

/** `c.a.b` or `c["a"]` below the collection's alias, as a path; undefined for anything else. */
function pathOf(node: Node, alias: string): Path | undefined {
  if (node.type !== 'scalar_member_expression') return undefined;
  const object = node.object as Node;
  const property = node.property as Node;
  let key: unknown;
  if (node.computed === false && property.type === 'identifier') key = property.name;
  else if (node.computed === true && property.type === 'string_constant') key = property.value;
  if (typeof key !== 'string') return undefined;
  if (object.type === 'identifier') return object.name === alias ? [key] : undefined;
  const parent = pathOf(object, alias);
  return parent === undefined ? undefined : [...parent, key];
}

const absent = Symbol('absent');

/** A constant or a parameter's value (the last of that name, as the engine takes it). */
function valueOf(node: Node, parameters: Parameters): unknown {
  switch (node.type) {
    case 'string_constant':
    case 'number_constant':
    case 'boolean_constant':
      return node.value;
    case 'null_constant':
      return null;
    case 'parameter_name': {
      const named = (parameters ?? []).filter((p) => p.name === node.name);
      return named.length === 0 ? absent : named[named.length - 1]!.value;
    }
    default:
      return absent;
  }
}

function conditionOf(node: Node, alias: string, parameters: Parameters): Condition | undefined {
  if (node.type === 'scalar_function_expression') {
    const name = node.name as Node;
    const args = node.arguments as Node[];
    if (node.udf || String(name.name).toUpperCase() !== 'ARRAY_CONTAINS' || args.length !== 2)
      return undefined;
    const path = pathOf(args[0]!, alias);
    const value = valueOf(args[1]!, parameters);
    return path !== undefined && isPrimitive(value) ? { kind: 'contains', path, value } : undefined;
  }
  if (node.type !== 'scalar_binary_expression') return undefined;
  const operator = String(node.operator);
  const left = node.left as Node;
  const right = node.right as Node;
  const leftPath = pathOf(left, alias);
  const rightPath = pathOf(right, alias);
  if ((leftPath === undefined) === (rightPath === undefined)) return undefined;
  const path = (leftPath ?? rightPath)!;
  const value = valueOf(leftPath === undefined ? left : right, parameters);
  if (value === absent || value === undefined) return undefined;
  if (operator === '=') return isPrimitive(value) ? { kind: 'equal', path, value } : undefined;
  if (!comparisons.has(operator)) return undefined;
  return {
    kind: 'compare',
    path,
    operator: operator as '<' | '<=' | '>' | '>=',
    value,
    valueFirst: leftPath === undefined,
  };
}

/** The conditions among the top-level `AND` parts, and whether every part was one. */
function conditionsOf(
  node: Node,
  alias: string,
  parameters: Parameters,
): { readonly conditions: Condition[]; readonly all: boolean } {
  if (node.type === 'scalar_binary_expression' && node.operator === 'AND') {
    const left = conditionsOf(node.left as Node, alias, parameters);
    const right = conditionsOf(node.right as Node, alias, parameters);
    return { conditions: [...left.conditions, ...right.conditions], all: left.all && right.all };
  }
  const condition = conditionOf(node, alias, parameters);
  return condition === undefined ? { conditions: [], all: false } : { conditions: [condition], all: true };
}

function selectOf(select: Node): 'documents' | 'count' | undefined {
  if (select.type !== 'select_specification') return undefined;
  if (select['*'] === true && hasOnly(select, ['type', '*'])) return 'documents';
  const value = select.value as Node | undefined;
  if (value === undefined || !hasOnly(select, ['type', 'value'])) return undefined;
  const args = value.arguments as Node[] | undefined;
  return value.type === 'scalar_function_expression' &&
    !value.udf &&
    String((value.name as Node).name).toUpperCase() === 'COUNT' &&
    args?.length === 1 &&
    args[0]!.type === 'number_constant'
    ? 'count'
    : undefined;
}

/** The plan of a parsed query, or undefined when the index has nothing to offer it. */
export function planOf(
  ast: Readonly<Record<string, unknown>>,
  parameters: Parameters,
): QueryPlan | undefined {
  const body = ast.body as Node | undefined;
  if (ast.type !== 'sql' || body?.type !== 'select_query') return undefined;
  if (!Object.keys(body).every((key) => queryKeys.has(key))) return undefined;
  const from = body.from as Node;
  const source = from.source as Node;
  const collection = source.expression as Node;
  const name = collection.expression as Node | undefined;
  if (
    (from.joins as unknown[]).length !== 0 ||
    source.alias !== null ||
    collection.type !== 'collection_expression' ||
    name?.type !== 'identifier'
  )
    return undefined;
  const alias = String(name.name);
  const where = body.where as Node | null;
  const { conditions, all } =
    where === null ? { conditions: [], all: true } : conditionsOf(where.condition as Node, alias, parameters);
  const select = body.top === null && all ? selectOf(body.select as Node) : undefined;
  const orderBy = body.orderBy as Node | null;
  const sorts = (orderBy?.expressions ?? []) as Node[];
  const path = sorts.length === 1 ? pathOf(sorts[0]!.expression as Node, alias) : undefined;
  if (select === 'count' && orderBy === null) return { shape: 'count', conditions };
  if (select === 'documents' && orderBy === null) return { shape: 'page', conditions };
  if (select === 'documents' && path !== undefined)
    return { shape: 'page', conditions, orderBy: { path, descending: sorts[0]!.order === 'DESC' } };
  return conditions.length === 0 ? undefined : { shape: 'engine', conditions };
}

import { err, ok, type Result } from '../result';

/**
 * Function routes use ASP.NET route templates, e.g. `orders/{id:int}/items/{item?}` or `files/{*path}`.
 * Only what Functions apps write is supported: literal segments, `{name}`, optional `{name?}`,
 * defaults `{name=value}`, catch-all `{*name}` and the inline constraints below.
 */
export type RouteSegment =
  | { readonly kind: 'literal'; readonly text: string }
  | {
      readonly kind: 'parameter';
      readonly name: string;
      readonly optional: boolean;
      readonly catchAll: boolean;
      readonly defaultValue: string | undefined;
      readonly constraints: readonly Constraint[];
    };

export interface RouteTemplate {
  readonly template: string;
  readonly segments: readonly RouteSegment[];
}

type Constraint = (value: string) => boolean;

const number = (text: string): number => Number(text.trim());

const constraintFactories: Readonly<Record<string, (args: readonly string[]) => Constraint | undefined>> = {
  int: () => (v) => /^-?\d+$/.test(v) && Math.abs(Number(v)) <= 2_147_483_648,
  long: () => (v) => /^-?\d+$/.test(v),
  bool: () => (v) => /^(true|false)$/i.test(v),
  guid: () => (v) => /^\{?[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}\}?$/i.test(v),
  alpha: () => (v) => /^[a-z]+$/i.test(v),
  double: () => (v) => v.trim() !== '' && Number.isFinite(Number(v)),
  float: () => (v) => v.trim() !== '' && Number.isFinite(Number(v)),
  decimal: () => (v) => /^-?\d+(\.\d+)?$/.test(v),
  datetime: () => (v) => !Number.isNaN(Date.parse(v)),
  minlength: ([n]) => (n === undefined ? undefined : (v) => v.length >= number(n)),
  maxlength: ([n]) => (n === undefined ? undefined : (v) => v.length <= number(n)),
  length: ([a, b]) => {
    if (a === undefined) return undefined;
    return b === undefined
      ? (v) => v.length === number(a)
      : (v) => v.length >= number(a) && v.length <= number(b);
  },
  min: ([n]) => (n === undefined ? undefined : (v) => /^-?\d+$/.test(v) && Number(v) >= number(n)),
  max: ([n]) => (n === undefined ? undefined : (v) => /^-?\d+$/.test(v) && Number(v) <= number(n)),
  range: ([a, b]) =>
    a === undefined || b === undefined
      ? undefined
      : (v) => /^-?\d+$/.test(v) && Number(v) >= number(a) && Number(v) <= number(b),
};

/** Splits `int:min(1):regex(^a:b$)` at the colons that are not inside a constraint's parentheses. */
function splitConstraints(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const char of text) {
    if (char === '(') depth++;
    if (char === ')') depth--;
    if (char === ':' && depth === 0) {
      parts.push(current);
      current = '';
    } else {
      current += char;
    }
  }
  parts.push(current);
  return parts;
}

function parseConstraint(text: string): Result<Constraint, string> {
  const match = /^([a-z]+)(?:\((.*)\))?$/i.exec(text);
  const name = match?.[1]?.toLowerCase();
  if (!match || !name) return err(`unreadable constraint "${text}"`);
  if (name === 'regex') {
    try {
      // Route templates escape braces inside a regex by doubling them: `\d{{4}}`.
      const source = (match[2] ?? '').replace(/\{\{/g, '{').replace(/\}\}/g, '}');
      const pattern = new RegExp(source, 'i');
      return ok((v) => pattern.test(v));
    } catch {
      return err(`invalid regex constraint "${text}"`);
    }
  }
  const factory = constraintFactories[name];
  const args = match[2] === undefined ? [] : match[2].split(',');
  const constraint = factory?.(args);
  return constraint ? ok(constraint) : err(`unsupported constraint "${text}"`);
}

function parseParameter(body: string): Result<RouteSegment, string> {
  const [head = '', ...constraintTexts] = splitConstraints(body);
  const catchAll = head.startsWith('*');
  let name = catchAll ? head.slice(1) : head;
  const optional = name.endsWith('?');
  if (optional) name = name.slice(0, -1);
  const equals = name.indexOf('=');
  const defaultValue = equals >= 0 ? name.slice(equals + 1) : undefined;
  if (equals >= 0) name = name.slice(0, equals);
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) return err(`invalid parameter name "${head}"`);
  const constraints: Constraint[] = [];
  for (const text of constraintTexts) {
    const constraint = parseConstraint(text);
    if (!constraint.ok) return constraint;
    constraints.push(constraint.value);
  }
  return ok({ kind: 'parameter', name, optional, catchAll, defaultValue, constraints });
}

export function parseRouteTemplate(template: string): Result<RouteTemplate, string> {
  const trimmed = template.replace(/^\/+|\/+$/g, '');
  const segments: RouteSegment[] = [];
  for (const part of trimmed === '' ? [] : trimmed.split('/')) {
    const parameter = /^\{(.+)\}$/.exec(part);
    if (!parameter?.[1]) {
      if (/[{}]/.test(part)) return err(`route "${template}": complex segment "${part}" is not supported`);
      segments.push({ kind: 'literal', text: part });
      continue;
    }
    const parsed = parseParameter(parameter[1]);
    if (!parsed.ok) return err(`route "${template}": ${parsed.error}`);
    segments.push(parsed.value);
  }
  const catchAllAt = segments.findIndex((s) => s.kind === 'parameter' && s.catchAll);
  if (catchAllAt >= 0 && catchAllAt !== segments.length - 1) {
    return err(`route "${template}": a catch-all parameter must be the last segment`);
  }
  return ok({ template, segments });
}

/** Route values by parameter name, or undefined when the path does not fit the template. */
export function matchRoute(
  route: RouteTemplate,
  pathSegments: readonly string[],
): Record<string, string> | undefined {
  const values: Record<string, string> = {};
  for (const [index, segment] of route.segments.entries()) {
    const part = pathSegments[index];
    if (segment.kind === 'literal') {
      if (part === undefined || part.toLowerCase() !== segment.text.toLowerCase()) return undefined;
      continue;
    }
    const value = segment.catchAll ? pathSegments.slice(index).join('/') : part;
    if (value === undefined || value === '') {
      if (segment.optional || segment.catchAll) continue;
      if (segment.defaultValue === undefined) return undefined;
      values[segment.name] = segment.defaultValue;
      continue;
    }
    if (!segment.constraints.every((accepts) => accepts(value))) return undefined;
    values[segment.name] = value;
    if (segment.catchAll) return values;
  }
  return pathSegments.length <= route.segments.length ? values : undefined;
}

/**
 * Orders routes as ASP.NET does when several fit: per segment, literals before constrained
 * parameters before plain ones before catch-alls. Lower sorts first.
 */
export function routePrecedence(route: RouteTemplate): string {
  return route.segments
    .map((segment) => {
      if (segment.kind === 'literal') return '1';
      if (segment.catchAll) return '5';
      if (segment.optional || segment.defaultValue !== undefined) return '4';
      return segment.constraints.length > 0 ? '2' : '3';
    })
    .join('')
    .padEnd(32, '6');
}

import type { FunctionDescriptor } from '../host';
import { err, ok, type Result } from '../result';
import { matchRoute, parseRouteTemplate, routePrecedence, type RouteTemplate } from './routeTemplate';

export type AuthLevel = 'anonymous' | 'function' | 'admin';

export interface HttpRoute {
  readonly fn: FunctionDescriptor;
  readonly template: RouteTemplate;
  /** Upper-case methods; empty means every method, as in the host. */
  readonly methods: readonly string[];
  readonly authLevel: AuthLevel;
}

export type RouteLookup =
  | { readonly kind: 'match'; readonly route: HttpRoute; readonly params: Readonly<Record<string, string>> }
  | { readonly kind: 'methodNotAllowed'; readonly allowed: readonly string[] }
  | { readonly kind: 'notFound' };

const authLevels: readonly AuthLevel[] = ['anonymous', 'function', 'admin'];

function routeOf(fn: FunctionDescriptor): Result<HttpRoute, string> {
  const trigger = fn.trigger;
  // The host routes a function without `route` at its own name.
  const template = parseRouteTemplate(typeof trigger['route'] === 'string' ? trigger['route'] : fn.name);
  if (!template.ok) return err(`Function "${fn.name}": ${template.error}`);
  const rawLevel = String(trigger['authLevel'] ?? 'anonymous').toLowerCase();
  const authLevel = authLevels.find((level) => level === rawLevel);
  if (!authLevel) return err(`Function "${fn.name}": unknown authLevel "${rawLevel}"`);
  const methods = Array.isArray(trigger['methods'])
    ? trigger['methods'].map((method) => String(method).toUpperCase())
    : [];
  return ok({ fn, template: template.value, methods, authLevel });
}

export interface RouteTable {
  readonly routes: readonly HttpRoute[];
  lookup(method: string, pathSegments: readonly string[]): RouteLookup;
}

export function buildRouteTable(functions: readonly FunctionDescriptor[]): Result<RouteTable, string[]> {
  const routes: HttpRoute[] = [];
  const problems: string[] = [];
  for (const fn of functions) {
    if (fn.trigger.type !== 'httpTrigger') continue;
    const route = routeOf(fn);
    if (route.ok) routes.push(route.value);
    else problems.push(route.error);
  }
  if (problems.length > 0) return err(problems);
  routes.sort((a, b) => routePrecedence(a.template).localeCompare(routePrecedence(b.template)));

  const lookup = (method: string, pathSegments: readonly string[]): RouteLookup => {
    const allowed = new Set<string>();
    for (const route of routes) {
      const params = matchRoute(route.template, pathSegments);
      if (!params) continue;
      if (route.methods.length === 0 || route.methods.includes(method.toUpperCase())) {
        return { kind: 'match', route, params };
      }
      route.methods.forEach((m) => allowed.add(m));
    }
    return allowed.size > 0 ? { kind: 'methodNotAllowed', allowed: [...allowed] } : { kind: 'notFound' };
  };
  return ok({ routes, lookup });
}

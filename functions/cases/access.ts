import type { HttpRequest, HttpResponseInit } from '@azure/functions';
import { requireRole } from '../../shared/identity/access';
import {
  parsePrincipalHeader,
  platformAuthenticationOn,
  principalHeader,
  type Identity,
  type Role,
} from '../../shared/identity/principal';
import { err, ok, type Result } from '../../shared/result';
import { errorResponse } from '../http';
import { csrfHeaderName, originRefusal, tokenRefusal } from '../staff/csrf';

/** RFC 9110 §9.2.1: the methods that change nothing, so a forged one can do no harm. */
const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The caller, from App Service Authentication's `x-ms-client-principal` header: 503 while the
 * platform's authentication is off (the header would then be the client's own), 401 without a
 * valid principal, 403 without one of `roles`. Locally, tests and tools send a header of the same
 * documented format (see `encodePrincipal`), so no development bypass exists to leave switched on.
 * A state-changing request made with a browser's sign-in cookie must also carry the page's CSRF
 * token (functions/staff/csrf.ts); one made with a token header cannot be forged cross-site.
 */
export function authenticate(
  request: HttpRequest,
  roles: readonly Role[],
  settings: Readonly<Record<string, string | undefined>> = process.env,
): Result<Identity, HttpResponseInit> {
  if (!platformAuthenticationOn(settings)) return err(errorResponse(503, 'staff sign-in is not configured'));
  const identity = parsePrincipalHeader(request.headers.get(principalHeader));
  if (!identity.ok) return err(errorResponse(401, 'authentication required'));
  const allowed = requireRole(identity.value, roles);
  if (!allowed.ok) return err(errorResponse(403, allowed.error.message));
  if (!safeMethods.has(request.method.toUpperCase())) {
    const refusal =
      originRefusal(request) ?? tokenRefusal(request, request.headers.get(csrfHeaderName) ?? undefined);
    if (refusal !== undefined) return err(errorResponse(403, refusal));
  }
  return ok(identity.value);
}

export const actorOf = (identity: Identity) => {
  const kind = identity.roles.includes('agent')
    ? 'agent'
    : identity.roles.includes('ops') ||
        identity.roles.includes('dispatcher') ||
        identity.roles.includes('admin')
      ? 'ops'
      : 'technician';
  return { kind, id: identity.userId } as const;
};

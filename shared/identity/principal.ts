import { z } from 'zod';
import { err, ok, type Result } from '../result';

/**
 * The `x-ms-client-principal` header App Service Authentication adds to every authenticated
 * request: base64 of `{ auth_typ, name_typ, role_typ, claims: [{ typ, val }] }`. The platform strips
 * any client-sent copy of the header, so when authentication is on, its content is trustworthy.
 */
export const principalHeader = 'x-ms-client-principal';

export const ClientPrincipal = z.object({
  auth_typ: z.string().min(1),
  name_typ: z.string().optional(),
  role_typ: z.string().optional(),
  claims: z.array(z.object({ typ: z.string(), val: z.string() })),
});
export type ClientPrincipal = z.infer<typeof ClientPrincipal>;

/**
 * Entra app roles. `admin` runs the service itself (staff screens, personal-data requests): it
 * may do what any staff role may, but never acts as a technician in the field.
 */
export const Role = z.enum(['technician', 'agent', 'dispatcher', 'ops', 'admin']);
export type Role = z.infer<typeof Role>;

/** Who is calling: a stable user id (Entra object id) and the Fieldline roles they hold. */
export interface Identity {
  readonly userId: string;
  readonly roles: readonly Role[];
}

/** The system identity under which policies (close-out, SLA sweep) act, so their changes are attributable. */
export const systemIdentity: Identity = { userId: 'system', roles: ['ops'] };

const objectIdClaims = [
  'http://schemas.microsoft.com/identity/claims/objectidentifier',
  'oid',
  'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/nameidentifier',
  'sub',
];
const defaultRoleClaim = 'http://schemas.microsoft.com/ws/2008/06/identity/claims/role';

/**
 * Entra app roles arrive as `roles` claims, and only those count: the principal's own `role_typ`
 * (or a `groups` claim) is not a way to name a different claim as the roles, so a principal
 * declaring `role_typ: groups` with a group called "ops" holds no role. Unknown roles are ignored.
 * https://learn.microsoft.com/entra/identity-platform/howto-add-app-roles-in-apps#usage-scenario-of-app-roles
 */
export const roleClaimType = 'roles';

export function identityOf(principal: ClientPrincipal): Result<Identity, string> {
  const userId = objectIdClaims
    .map((type) => principal.claims.find((claim) => claim.typ === type)?.val)
    .find((value) => value !== undefined && value !== '');
  if (userId === undefined) return err('the principal has no object id claim');
  const roles = new Set<Role>();
  for (const claim of principal.claims) {
    if (claim.typ !== roleClaimType) continue;
    const role = Role.safeParse(claim.val);
    if (role.success) roles.add(role.data);
  }
  return ok({ userId, roles: [...roles] });
}

/**
 * Whether App Service Authentication is on for this app: the platform sets `WEBSITE_AUTH_ENABLED`
 * to `True` then (https://learn.microsoft.com/azure/app-service/reference-app-settings#authentication--authorization).
 * Only then does the platform strip a client's own `x-ms-client-principal`, so only then is the
 * header evidence of a sign-in; with authentication off anyone could send it.
 */
export const platformAuthenticationOn = (settings: Readonly<Record<string, string | undefined>>): boolean =>
  (settings['WEBSITE_AUTH_ENABLED'] ?? '').toLowerCase() === 'true';

/** Decodes the header value; any malformation is an unauthenticated request, not a server error. */
export function parsePrincipalHeader(value: string | null | undefined): Result<Identity, string> {
  if (value === null || value === undefined || value === '') return err('no client principal');
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(value, 'base64').toString('utf8'));
  } catch {
    return err('the client principal is not base64 JSON');
  }
  const principal = ClientPrincipal.safeParse(decoded);
  if (!principal.success) return err('the client principal does not have the documented shape');
  return identityOf(principal.data);
}

/** The header value for an identity, as App Service would send it (used by the local runtime's tests and tools). */
export function encodePrincipal(identity: Identity): string {
  const principal: ClientPrincipal = {
    auth_typ: 'aad',
    name_typ: 'http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name',
    role_typ: defaultRoleClaim,
    claims: [
      { typ: objectIdClaims[0] ?? 'oid', val: identity.userId },
      ...identity.roles.map((role) => ({ typ: 'roles', val: role })),
    ],
  };
  return Buffer.from(JSON.stringify(principal), 'utf8').toString('base64');
}

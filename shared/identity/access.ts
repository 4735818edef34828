import { err, ok, type Result } from '../result';
import type { Identity, Role } from './principal';

export type AccessRefusal =
  | { readonly kind: 'unauthenticated'; readonly message: string }
  | { readonly kind: 'forbidden'; readonly message: string };

export const hasAnyRole = (identity: Identity, roles: readonly Role[]): boolean =>
  identity.roles.some((role) => roles.includes(role));

export function requireRole(identity: Identity, roles: readonly Role[]): Result<Identity, AccessRefusal> {
  return hasAnyRole(identity, roles)
    ? ok(identity)
    : err({ kind: 'forbidden', message: `requires one of the roles ${roles.join(', ')}` });
}

/**
 * Who may call an operation: a role, anywhere (`any`) or only on their own work (`own`: a
 * technician on the work orders assigned to them). The functions enforce these very grants and
 * the OpenAPI document lists them per operation (`x-roles`).
 */
export interface RoleGrant {
  readonly role: Role;
  readonly scope: 'any' | 'own';
}

const anywhere = (...roles: Role[]): RoleGrant[] => roles.map((role) => ({ role, scope: 'any' }));
const ownTechnician: RoleGrant = { role: 'technician', scope: 'own' };

/** The roles a grant list lets past authentication (ownership is checked after the read). */
export const rolesOf = (grants: readonly RoleGrant[]): Role[] => [...new Set(grants.map((g) => g.role))];

/** Dispatchers, ops and admins see every technician's day; a technician only their own. */
export const technicianViewRoles: readonly Role[] = ['dispatcher', 'ops', 'admin'];

/**
 * A technician's user id is their technician id: Entra object ids are what the technicians
 * container is keyed by, so "own assignment" is a plain comparison with no lookup.
 */
export function canActAsTechnician(identity: Identity, technicianId: string): boolean {
  return identity.roles.includes('technician') && identity.userId === technicianId;
}

export function canViewTechnician(identity: Identity, technicianId: string): boolean {
  return canActAsTechnician(identity, technicianId) || hasAnyRole(identity, technicianViewRoles);
}

/** People who work cases: agents take calls, dispatchers send work, ops oversee, admins run it all. */
export const caseWorkerRoles: readonly Role[] = ['agent', 'dispatcher', 'ops', 'admin'];

export const grants = {
  /** Open, read, change and list cases; their timelines; the KPIs; the customer 360. */
  caseWork: anywhere(...caseWorkerRoles),
  /** Send field service for a case: creates a work order, so not for ops' read-mostly oversight. */
  sendFieldService: anywhere('agent', 'dispatcher', 'admin'),
  /** A technician's day and work orders: their own, or anyone's for dispatch, ops and admins. */
  technicianView: [ownTechnician, ...anywhere(...technicianViewRoles)],
  /** What only the technician on the job does: status, photos, raising a case from site. */
  technicianWork: [ownTechnician],
  /** A person's data leaves the system only on an agent's or an administrator's request. */
  personalDataExport: anywhere('admin', 'agent'),
  /** Erasure cannot be undone: administrators only. */
  personalDataErasure: anywhere('admin'),
  /** The console's journeys: ops watch them, dispatchers follow the ones they plan, admins run it all. */
  journeyView: anywhere('ops', 'dispatcher', 'admin'),
  /** Resume, resend, reassign or cancel a journey: ops' decisions, not a dispatcher's. */
  journeyActions: anywhere('ops', 'admin'),
  /** The KPIs dashboard: the people who answer for the numbers (see web/staff/navigation.ts). */
  kpiDashboard: anywhere('ops', 'agent', 'admin'),
} as const satisfies Record<string, readonly RoleGrant[]>;

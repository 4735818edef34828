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

/** Dispatchers and ops see every technician's day; a technician only their own. */
export const technicianViewRoles: readonly Role[] = ['dispatcher', 'ops'];

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

/** People who work cases: agents take calls, dispatchers send work, ops oversee. */
export const caseWorkerRoles: readonly Role[] = ['agent', 'dispatcher', 'ops'];
export const reportingRoles: readonly Role[] = ['dispatcher', 'ops'];

/** A person's data leaves the system only on an agent's or an administrator's request. */
export const personalDataExportRoles: readonly Role[] = ['admin', 'agent'];
/** Erasure cannot be undone: administrators only. */
export const personalDataErasureRoles: readonly Role[] = ['admin'];

import { z } from 'zod';
import type { WorkOrder } from '../workorders/workOrder';
import type { LinkClaims } from './linkToken';

/**
 * A work order's link generation: every link issued before `revokedBefore` is refused. Written
 * when the customer declines the work and when an amend takes a contact point away (a link sent
 * to the old phone or address must stop working), next to the work order in its container.
 */
export const LinkRevocation = z.object({
  id: z.string().min(1),
  docType: z.literal('linkRevocation'),
  workOrderId: z.string().min(1),
  /** Milliseconds since the epoch. */
  revokedBefore: z.int().nonnegative(),
});
export type LinkRevocation = z.infer<typeof LinkRevocation>;

export const linkRevocationIdFor = (workOrderId: string): string => `LR-${workOrderId}`;

/** The revocation that follows another: never earlier, so a late or repeated write cannot revive links. */
export const laterRevocation = (
  current: LinkRevocation | undefined,
  workOrderId: string,
  at: number,
): LinkRevocation => ({
  id: linkRevocationIdFor(workOrderId),
  docType: 'linkRevocation',
  workOrderId,
  revokedBefore: Math.max(current?.revokedBefore ?? 0, at),
});

/**
 * Whether a verified link still counts. Besides an explicit revocation, a cancelled work order
 * refuses every link issued before it was cancelled (its last change), whoever cancelled it.
 */
export function isRevoked(
  claims: Pick<LinkClaims, 'issuedAt'>,
  revocation: LinkRevocation | undefined,
  workOrder: Pick<WorkOrder, 'state' | 'updatedAt'>,
): boolean {
  if (revocation !== undefined && claims.issuedAt < revocation.revokedBefore) return true;
  return workOrder.state.status === 'Cancelled' && claims.issuedAt < Date.parse(workOrder.updatedAt);
}

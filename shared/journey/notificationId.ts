import { createHash } from 'node:crypto';
import type { Channel } from '../common/contact';
import type { JourneyPurpose } from './purposes';

/**
 * The id of one message: the same (work order, purpose, occurrence, channel) always gives the same
 * id, so it doubles as the idempotency key that keeps a retried send from messaging twice.
 */
export function notificationIdFor(
  workOrderId: string,
  purpose: JourneyPurpose,
  occurrence: string,
  channel: Channel,
): string {
  const digest = createHash('sha256')
    .update(JSON.stringify([workOrderId, purpose, occurrence, channel]))
    .digest('hex');
  return `NT-${digest.slice(0, 40)}`;
}

/** A UUID derived from the notification id: ACS email takes it as the operation id and drops a repeat. */
export function operationIdFor(notificationId: string): string {
  const hex = createHash('sha256').update(notificationId).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${((parseInt(hex[16] ?? '0', 16) & 0x3) | 0x8).toString(16)}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

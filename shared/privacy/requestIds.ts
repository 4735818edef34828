import { createHash } from 'node:crypto';

const digest = (parts: readonly string[]): string =>
  createHash('sha256')
    .update([...parts].sort().join('\n'))
    .digest('hex')
    .slice(0, 24);

/**
 * One erasure per person: asking twice for the same customer records names the same Durable
 * instance, so a double click or a retried request cannot run two erasures side by side.
 */
export const erasureIdFor = (customerIds: readonly string[]): string => `ER-${digest(customerIds)}`;

/** Every export is its own record: the same person may ask again next month. */
export const exportIdFor = (customerIds: readonly string[], at: string): string =>
  `EX-${digest([...customerIds, at])}`;

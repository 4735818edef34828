import { z } from 'zod';
import { EntityId } from '../common/identifiers';
import { IsoDate, IsoInstant } from '../common/time';

/**
 * A record that someone opened a person's data: who, when, what kind of view and whose ids. It
 * never holds the data itself, so it can be kept (two years) after the person is erased, as the
 * proof that access was logged.
 */
/** `customerSearch` names the customers a search showed (names, and which is whose), not what was typed. */
export const AccessAction = z.enum(['customer360', 'customerSearch', 'caseRead', 'export', 'erasure']);
export type AccessAction = z.infer<typeof AccessAction>;

export const AccessLogEntry = z.object({
  id: EntityId,
  docType: z.literal('access'),
  /** Partition key: one day's accesses read together in an audit. */
  day: IsoDate,
  at: IsoInstant,
  userId: z.string().min(1).max(200),
  roles: z.array(z.string()).max(20),
  action: AccessAction,
  subjectIds: z.array(EntityId).max(200),
});
export type AccessLogEntry = z.infer<typeof AccessLogEntry>;

export function accessLogEntry(
  entry: Omit<AccessLogEntry, 'id' | 'docType' | 'day'>,
  uniqueSuffix: string,
): AccessLogEntry {
  return {
    ...entry,
    id: `AL-${entry.at.replace(/[^0-9]/g, '').slice(0, 17)}-${uniqueSuffix}`,
    docType: 'access',
    day: entry.at.slice(0, 10),
  };
}

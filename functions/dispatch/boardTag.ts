import { createHash } from 'node:crypto';
import type { BoardRun } from '../../web/console/dispatch/boardData';

/**
 * The version of what the board's live panels show: the stored plan's ETag (every booking, move,
 * pin, re-plan and technician's progress on the day is a write to that one document) and the
 * planning run's status when the board follows one. A strong validator, quoted as RFC 9110 §8.8.3
 * wants; the same answer for the same versions, so a poll that finds them unchanged is a 304.
 */
export function boardTag(
  region: string,
  day: string,
  planEtag: string | undefined,
  run: BoardRun | undefined,
): string {
  const digest = createHash('sha256')
    .update(JSON.stringify([region, day, planEtag ?? null, run?.instanceId ?? null, run?.status ?? null]))
    .digest('base64url')
    .slice(0, 27);
  return `"${digest}"`;
}

/**
 * Whether If-None-Match names `tag`: a list of entity tags or `*`, compared weakly (a `W/` prefix
 * ignored), as RFC 9110 §13.1.2 has it for this header.
 */
export function noneMatch(header: string | null, tag: string): boolean {
  if (header === null) return false;
  if (header.trim() === '*') return true;
  return header
    .split(',')
    .map((part) => part.trim().replace(/^W\//, ''))
    .includes(tag);
}

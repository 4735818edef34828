import { slaAt, type SlaView } from '../sla/slaClock';
import type { SlaLogEntry } from '../sla/slaLog';
import type { SlaPolicies } from '../sla/slaPolicy';
import type { CaseState } from './caseState';
import type { CaseRecord } from './caseRecord';

const pausedReasons = new Set(['WaitingForCustomer', 'OnHold']);
const isPaused = (state: CaseState): boolean => state.status === 'Active' && pausedReasons.has(state.reason);

/**
 * The log of one case clock, from the case's history: waiting for the customer or on hold pauses
 * it, resolving stops it, reactivating a resolved case reopens it, cancelling the case cancels it.
 */
function caseLog(record: CaseRecord, metric: 'firstResponse' | 'resolution'): SlaLogEntry[] {
  const log: SlaLogEntry[] = [];
  let status: CaseState['status'] = 'Active';
  for (const entry of record.history) {
    switch (entry.kind) {
      case 'opened':
        log.push({ kind: 'start', at: entry.at, priority: entry.priority });
        break;
      case 'priority':
        log.push({ kind: 'priority', at: entry.at, priority: entry.priority });
        break;
      case 'firstResponse':
        if (metric === 'firstResponse') log.push({ kind: 'stop', at: entry.at });
        break;
      case 'status':
        if (entry.state.status === 'Resolved') log.push({ kind: 'stop', at: entry.at });
        else if (entry.state.status === 'Cancelled') log.push({ kind: 'cancel', at: entry.at });
        else {
          if (status !== 'Active') log.push({ kind: 'reopen', at: entry.at });
          log.push({ kind: isPaused(entry.state) ? 'pause' : 'resume', at: entry.at });
        }
        status = entry.state.status;
        break;
      default: {
        const unhandled: never = entry;
        throw new Error(`unknown case history entry ${JSON.stringify(unhandled)}`);
      }
    }
  }
  if (metric === 'resolution') return log;
  // A first response happens once: the clock ends at its first end (the response, or the case
  // resolved or cancelled unanswered) and a later reactivation does not restart it.
  const firstEnd = log.findIndex((entry) => entry.kind === 'stop' || entry.kind === 'cancel');
  return firstEnd === -1 ? log : log.slice(0, firstEnd + 1);
}

export interface CaseSlas {
  readonly firstResponse: SlaView;
  readonly resolution: SlaView;
}

export function caseSlas(record: CaseRecord, policies: SlaPolicies, now: Date): CaseSlas {
  return {
    firstResponse: slaAt(caseLog(record, 'firstResponse'), policies.firstResponse, now),
    resolution: slaAt(caseLog(record, 'resolution'), policies.resolution, now),
  };
}

/**
 * When the case should be resolved, for the agent queue's order: the resolution deadline while
 * the clock runs (or when it was missed). A paused clock has no deadline, so its case sorts by
 * the one it would have if work resumed at `at`; a resolved or cancelled case keeps the last.
 */
export function resolveByOf(record: CaseRecord, policies: SlaPolicies, at: Date): string | undefined {
  const resolution = caseSlas(record, policies, at).resolution;
  switch (resolution.state) {
    case 'running':
    case 'warning':
    case 'failed':
      return resolution.failedAt ?? record.resolveBy;
    case 'paused':
      return caseSlas(
        {
          ...record,
          history: [
            ...record.history,
            { kind: 'status', at: at.toISOString(), state: { status: 'Active', reason: 'InProgress' } },
          ],
        },
        policies,
        at,
      ).resolution.failedAt;
    case 'met':
    case 'cancelled':
    case 'notStarted':
      return record.resolveBy;
    default: {
      const unhandled: never = resolution.state;
      throw new Error(`unknown SLA state ${String(unhandled)}`);
    }
  }
}

import type { BusinessCalendar } from '../sla/businessCalendar';
import { slaAt, type SlaView } from '../sla/slaClock';
import type { SlaLogEntry } from '../sla/slaLog';
import { slaTerms } from '../sla/slaPolicy';
import type { CaseState } from './caseState';
import type { CaseRecord } from './caseRecord';

const pausedReasons = new Set(['WaitingForCustomer', 'OnHold']);
const isPaused = (state: CaseState): boolean => state.status === 'Active' && pausedReasons.has(state.reason);

/** The log of one case clock, from the case's history: waiting for the customer or on hold pauses it. */
function caseLog(record: CaseRecord, metric: 'firstResponse' | 'resolution'): SlaLogEntry[] {
  const log: SlaLogEntry[] = [];
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
        if (entry.state.status !== 'Active') log.push({ kind: 'stop', at: entry.at });
        else log.push({ kind: isPaused(entry.state) ? 'pause' : 'resume', at: entry.at });
        break;
      default: {
        const unhandled: never = entry;
        throw new Error(`unknown case history entry ${JSON.stringify(unhandled)}`);
      }
    }
  }
  if (metric === 'resolution') return log;
  // A first response happens once: the clock ends at the first stop (the response, or the case
  // ending unanswered) and a later reactivation does not restart it.
  const firstStop = log.findIndex((entry) => entry.kind === 'stop');
  return firstStop === -1 ? log : log.slice(0, firstStop + 1);
}

export interface CaseSlas {
  readonly firstResponse: SlaView;
  readonly resolution: SlaView;
}

export function caseSlas(record: CaseRecord, calendar: BusinessCalendar | undefined, now: Date): CaseSlas {
  return {
    firstResponse: slaAt(caseLog(record, 'firstResponse'), slaTerms('firstResponse', calendar), now),
    resolution: slaAt(caseLog(record, 'resolution'), slaTerms('resolution', calendar), now),
  };
}

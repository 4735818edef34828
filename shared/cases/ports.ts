import type { Versioned } from '../common/versioned';
import type { CaseRecord } from './caseRecord';

export interface CaseListFilter {
  readonly status?: 'Active' | 'Resolved' | 'Cancelled';
  readonly priority?: string;
  readonly ownerId?: string;
  readonly customerId?: string;
  readonly workOrderId?: string;
  readonly limit: number;
}

/** Where cases live; writes are ETag-guarded so two agents never overwrite each other. */
export interface CaseRepository {
  get(caseId: string): Promise<Versioned<CaseRecord> | undefined>;
  create(record: CaseRecord): Promise<'created' | 'exists'>;
  replace(record: CaseRecord, etag: string): Promise<'replaced' | 'conflict'>;
  list(filter: CaseListFilter): Promise<CaseRecord[]>;
}

/** Hands out case sequence numbers; unique under concurrency, never reused. */
export interface CaseSequence {
  next(): Promise<number>;
}

/**
 * Remembers which case a client's request opened, so a request sent again (a phone replaying its
 * offline queue after the answer was lost) finds its case instead of opening a second one.
 */
export interface CaseRequests {
  /** The case reserved for the request, if any. */
  find(requestKey: string): Promise<string | undefined>;
  /** Reserves `caseId` for the request unless one is already reserved; answers the one that holds. */
  reserve(requestKey: string, caseId: string): Promise<string>;
}

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

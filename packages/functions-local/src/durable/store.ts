import type { InstanceRecord, RuntimeStatus } from './instance';

export interface InstanceQuery {
  readonly runtimeStatus?: readonly RuntimeStatus[];
  readonly createdFrom?: number;
  readonly createdTo?: number;
  readonly instanceIdPrefix?: string;
}

/**
 * Where instance state lives. Every engine step reads a record, decides, and writes the whole
 * record back under the engine's lock, so a store only needs whole-record reads and writes.
 */
export interface InstanceStore {
  get(instanceId: string): Promise<InstanceRecord | undefined>;
  put(record: InstanceRecord): Promise<void>;
  delete(instanceId: string): Promise<boolean>;
  query(query: InstanceQuery): Promise<readonly InstanceRecord[]>;
}

export const matchesQuery = (record: InstanceRecord, query: InstanceQuery): boolean =>
  (query.runtimeStatus === undefined ||
    query.runtimeStatus.length === 0 ||
    query.runtimeStatus.includes(record.status)) &&
  (query.createdFrom === undefined || record.createdAt >= query.createdFrom) &&
  (query.createdTo === undefined || record.createdAt <= query.createdTo) &&
  (query.instanceIdPrefix === undefined || record.instanceId.startsWith(query.instanceIdPrefix));

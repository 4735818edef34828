import type { EntityRecord } from './entityRecord';

export interface EntityQuery {
  /** Lower-cased entity name. */
  readonly name?: string;
  readonly lastOperationFrom?: number;
  readonly lastOperationTo?: number;
}

/**
 * Where entity state and queued requests live. As with `InstanceStore`, every step reads a record
 * and writes it back whole under the engine's lock.
 */
export interface EntityStore {
  get(schedulerId: string): Promise<EntityRecord | undefined>;
  put(record: EntityRecord): Promise<void>;
  delete(schedulerId: string): Promise<boolean>;
  query(query: EntityQuery): Promise<readonly EntityRecord[]>;
}

export const matchesEntityQuery = (record: EntityRecord, query: EntityQuery): boolean =>
  (query.name === undefined || record.name === query.name.toLowerCase()) &&
  (query.lastOperationFrom === undefined || record.lastOperationAt >= query.lastOperationFrom) &&
  (query.lastOperationTo === undefined || record.lastOperationAt <= query.lastOperationTo);

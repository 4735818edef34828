import type { InstanceRecord } from './instance';
import { matchesQuery, type InstanceQuery, type InstanceStore } from './store';

/**
 * The default store. A dev/test host restarts often and wants a clean task hub each time; the
 * journey's durable state of record lives in Cosmos, not in orchestration history; and an
 * in-memory store keeps replay fast enough to run days of virtual time in a test. Records are
 * immutable values, so sharing them between engines (a restart test) needs no copying. A
 * persistent store (e.g. the embedded Cosmos) only has to implement `InstanceStore`.
 */
export class MemoryInstanceStore implements InstanceStore {
  readonly #records = new Map<string, InstanceRecord>();

  async get(instanceId: string): Promise<InstanceRecord | undefined> {
    return this.#records.get(instanceId);
  }

  async put(record: InstanceRecord): Promise<void> {
    this.#records.set(record.instanceId, record);
  }

  async delete(instanceId: string): Promise<boolean> {
    return this.#records.delete(instanceId);
  }

  async query(query: InstanceQuery): Promise<readonly InstanceRecord[]> {
    return [...this.#records.values()].filter((record) => matchesQuery(record, query));
  }
}

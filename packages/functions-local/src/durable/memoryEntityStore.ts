import type { EntityRecord } from './entityRecord';
import { matchesEntityQuery, type EntityQuery, type EntityStore } from './entityStore';

/** The default entity store, in memory for the reasons memoryStore.ts gives. */
export class MemoryEntityStore implements EntityStore {
  readonly #records = new Map<string, EntityRecord>();

  async get(schedulerId: string): Promise<EntityRecord | undefined> {
    return this.#records.get(schedulerId);
  }

  async put(record: EntityRecord): Promise<void> {
    this.#records.set(record.schedulerId, record);
  }

  async delete(schedulerId: string): Promise<boolean> {
    return this.#records.delete(schedulerId);
  }

  async query(query: EntityQuery): Promise<readonly EntityRecord[]> {
    return [...this.#records.values()].filter((record) => matchesEntityQuery(record, query));
  }
}

import type { EntityRecord } from './entityRecord';
import { matchesEntityQuery, type EntityQuery, type EntityStore } from './entityStore';
import { RecordFile } from './recordFile';

/**
 * Entity state, locks and queued requests in a JSON-lines file (see RecordFile), kept as
 * `FileInstanceStore` keeps instances. The engine resumes entities with queued requests from the
 * records on start.
 */
export class FileEntityStore implements EntityStore {
  readonly #file: RecordFile<EntityRecord>;

  constructor(file: string) {
    this.#file = new RecordFile(file, (record) => record.schedulerId);
  }

  async get(schedulerId: string): Promise<EntityRecord | undefined> {
    return this.#file.get(schedulerId);
  }

  put(record: EntityRecord): Promise<void> {
    return this.#file.put(record);
  }

  delete(schedulerId: string): Promise<boolean> {
    return this.#file.delete(schedulerId);
  }

  async query(query: EntityQuery): Promise<readonly EntityRecord[]> {
    return this.#file.values().filter((record) => matchesEntityQuery(record, query));
  }

  close(): void {
    this.#file.close();
  }
}

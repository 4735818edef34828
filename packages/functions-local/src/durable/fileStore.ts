import type { InstanceRecord } from './instance';
import { RecordFile } from './recordFile';
import { matchesQuery, type InstanceQuery, type InstanceStore } from './store';

/**
 * Instances and their histories in a JSON-lines file (see RecordFile). Reads are served from
 * memory, as with `MemoryInstanceStore`; the engine re-arms timers and pending work from the
 * records on start.
 */
export class FileInstanceStore implements InstanceStore {
  readonly #file: RecordFile<InstanceRecord>;

  constructor(file: string) {
    this.#file = new RecordFile(file, (record) => record.instanceId);
  }

  async get(instanceId: string): Promise<InstanceRecord | undefined> {
    return this.#file.get(instanceId);
  }

  async put(record: InstanceRecord): Promise<void> {
    this.#file.put(record);
  }

  async delete(instanceId: string): Promise<boolean> {
    return this.#file.delete(instanceId);
  }

  async query(query: InstanceQuery): Promise<readonly InstanceRecord[]> {
    return this.#file.values().filter((record) => matchesQuery(record, query));
  }

  close(): void {
    this.#file.close();
  }
}

import type { InstanceRecord } from './instance';
import { RecordFile } from './recordFile';
import { matchesQuery, type InstanceQuery, type InstanceStore } from './store';

/**
 * Instances and their histories in a JSON-lines file (see RecordFile); the engine re-arms timers
 * and pending work from the records on start. Only the `cached` most recently used records stay
 * parsed in memory (256 by default): in Azure the task hub's histories live in Storage, not in the
 * host, and a local runtime that kept every history it ever wrote grew without bound (issue 17:
 * 185 MB to 780 MB over 5,000 work orders).
 */
export class FileInstanceStore implements InstanceStore {
  readonly #file: RecordFile<InstanceRecord>;

  constructor(file: string, options: { readonly cached?: number } = {}) {
    this.#file = new RecordFile(file, (record) => record.instanceId, { cached: options.cached ?? 256 });
  }

  /** Instances on file and records parsed in memory. */
  get size(): { readonly records: number; readonly cached: number } {
    return this.#file.size;
  }

  async get(instanceId: string): Promise<InstanceRecord | undefined> {
    return this.#file.get(instanceId);
  }

  put(record: InstanceRecord): Promise<void> {
    return this.#file.put(record);
  }

  delete(instanceId: string): Promise<boolean> {
    return this.#file.delete(instanceId);
  }

  async query(query: InstanceQuery): Promise<readonly InstanceRecord[]> {
    return this.#file.values().filter((record) => matchesQuery(record, query));
  }

  close(): void {
    this.#file.close();
  }
}

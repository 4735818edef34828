import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import type { EntityRecord } from './entityRecord';
import { matchesEntityQuery, type EntityQuery, type EntityStore } from './entityStore';

type Line = { readonly put: EntityRecord } | { readonly delete: string };

/**
 * Entity state, locks and queued requests in a JSON-lines file, kept as `FileInstanceStore` keeps
 * instances: every whole-record write appended and fsync'd (a signal a client was told was accepted
 * survives), read back into memory at open and rewritten compactly. The engine resumes entities with
 * queued requests from the records on start.
 */
export class FileEntityStore implements EntityStore {
  readonly #records = new Map<string, EntityRecord>();
  readonly #fd: number;
  #closed = false;

  constructor(file: string) {
    if (existsSync(file)) {
      for (const text of readFileSync(file, 'utf8').split('\n')) {
        if (text === '') continue;
        let line: Line;
        try {
          line = JSON.parse(text) as Line;
        } catch {
          continue; // a torn last line from a crash mid-write
        }
        if ('put' in line) this.#records.set(line.put.schedulerId, line.put);
        else this.#records.delete(line.delete);
      }
    }
    const compacted = `${file}.compact`;
    const out = openSync(compacted, 'w');
    for (const record of this.#records.values()) writeSync(out, `${JSON.stringify({ put: record })}\n`);
    fsyncSync(out);
    closeSync(out);
    renameSync(compacted, file);
    this.#fd = openSync(file, 'a');
  }

  #append(line: Line): void {
    if (this.#closed) return;
    writeSync(this.#fd, `${JSON.stringify(line)}\n`);
    fsyncSync(this.#fd);
  }

  async get(schedulerId: string): Promise<EntityRecord | undefined> {
    return this.#records.get(schedulerId);
  }

  async put(record: EntityRecord): Promise<void> {
    this.#records.set(record.schedulerId, record);
    this.#append({ put: record });
  }

  async delete(schedulerId: string): Promise<boolean> {
    const existed = this.#records.delete(schedulerId);
    if (existed) this.#append({ delete: schedulerId });
    return existed;
  }

  async query(query: EntityQuery): Promise<readonly EntityRecord[]> {
    return [...this.#records.values()].filter((record) => matchesEntityQuery(record, query));
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    closeSync(this.#fd);
  }
}

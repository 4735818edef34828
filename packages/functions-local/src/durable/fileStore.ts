import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import type { InstanceRecord } from './instance';
import { matchesQuery, type InstanceQuery, type InstanceStore } from './store';

type Line = { readonly put: InstanceRecord } | { readonly delete: string };

/**
 * Instances and their histories in a JSON-lines file: every whole-record write is appended (and
 * fsync'd, so what a client was told — "started", "event raised" — survives the machine too), read
 * back into memory at open and rewritten compactly. Reads are served from memory, as with
 * `MemoryInstanceStore`; the engine re-arms timers and pending work from the records on start.
 */
export class FileInstanceStore implements InstanceStore {
  readonly #records = new Map<string, InstanceRecord>();
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
        if ('put' in line) this.#records.set(line.put.instanceId, line.put);
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

  async get(instanceId: string): Promise<InstanceRecord | undefined> {
    return this.#records.get(instanceId);
  }

  async put(record: InstanceRecord): Promise<void> {
    this.#records.set(record.instanceId, record);
    this.#append({ put: record });
  }

  async delete(instanceId: string): Promise<boolean> {
    const existed = this.#records.delete(instanceId);
    if (existed) this.#append({ delete: instanceId });
    return existed;
  }

  async query(query: InstanceQuery): Promise<readonly InstanceRecord[]> {
    return [...this.#records.values()].filter((record) => matchesQuery(record, query));
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    closeSync(this.#fd);
  }
}

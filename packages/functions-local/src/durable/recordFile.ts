import { closeSync, existsSync, fsyncSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';

type Line<T> = { readonly put: T } | { readonly delete: string };

/**
 * Whole records by key in a JSON-lines file: every write is appended and fsync'd (so what a client
 * was told — "started", "event raised", "signal accepted" — survives the machine too), read back
 * into memory at open and rewritten compactly. Reads are served from memory.
 */
export class RecordFile<T> {
  readonly #records = new Map<string, T>();
  readonly #fd: number;
  #closed = false;

  constructor(
    file: string,
    private readonly keyOf: (record: T) => string,
  ) {
    if (existsSync(file)) {
      for (const text of readFileSync(file, 'utf8').split('\n')) {
        if (text === '') continue;
        let line: Line<T>;
        try {
          line = JSON.parse(text) as Line<T>;
        } catch {
          continue; // a torn last line from a crash mid-write
        }
        if ('put' in line) this.#records.set(keyOf(line.put), line.put);
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

  #append(line: Line<T>): void {
    if (this.#closed) return;
    writeSync(this.#fd, `${JSON.stringify(line)}\n`);
    fsyncSync(this.#fd);
  }

  get(key: string): T | undefined {
    return this.#records.get(key);
  }

  put(record: T): void {
    this.#records.set(this.keyOf(record), record);
    this.#append({ put: record });
  }

  delete(key: string): boolean {
    const existed = this.#records.delete(key);
    if (existed) this.#append({ delete: key });
    return existed;
  }

  values(): readonly T[] {
    return [...this.#records.values()];
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    closeSync(this.#fd);
  }
}

import {
  closeSync,
  existsSync,
  fsync,
  fsyncSync,
  openSync,
  readFileSync,
  readSync,
  renameSync,
  writeSync,
} from 'node:fs';

type Line<T> = { readonly put: T } | { readonly delete: string };

/** Where a record's latest line sits in the file. */
interface Extent {
  readonly position: number;
  readonly length: number;
}

export interface RecordFileOptions {
  /**
   * How many records stay parsed in memory, most recently used first; the rest are read back from
   * the file by offset. Unbounded by default (small, hot record sets such as entities).
   */
  readonly cached?: number;
  /** Flushes the file to the disk; `fs.fsync` (tests count the calls). */
  readonly sync?: (fd: number, done: (error: NodeJS.ErrnoException | null) => void) => void;
}

/**
 * Whole records by key in a JSON-lines file: every write is appended at once and its promise
 * resolves once an fsync that began after it has finished (so what a client was told — "started",
 * "event raised", "signal accepted" — survives the machine too), read back at open and rewritten
 * compactly. The fsync runs off the event loop and one covers every write made while the previous
 * one ran (group commit): a synchronous fsync per write stalled the whole host for the disk's
 * latency, a fifth of its time in the issue 17 benchmark. Only each key's file offset is always in memory; parsed records
 * are kept up to `cached`, as a store in Azure (Storage, Cosmos) keeps its data outside the host.
 */
export class RecordFile<T> {
  readonly #extents = new Map<string, Extent>();
  readonly #cache = new Map<string, T>();
  readonly #cached: number;
  readonly #fd: number;
  readonly #readFd: number;
  readonly #sync: NonNullable<RecordFileOptions['sync']>;
  #size = 0;
  #closed = false;
  /** The fsync running now, and the one that will start when it ends (for writes made meanwhile). */
  #syncing: Promise<void> | undefined;
  #following: Promise<void> | undefined;

  constructor(
    file: string,
    private readonly keyOf: (record: T) => string,
    options: RecordFileOptions = {},
  ) {
    this.#cached = options.cached ?? Number.POSITIVE_INFINITY;
    this.#sync = options.sync ?? fsync;
    const latest = new Map<string, string>();
    if (existsSync(file)) {
      for (const text of readFileSync(file, 'utf8').split('\n')) {
        if (text === '') continue;
        let line: Line<T>;
        try {
          line = JSON.parse(text) as Line<T>;
        } catch {
          continue; // a torn last line from a crash mid-write
        }
        if ('put' in line) latest.set(keyOf(line.put), text);
        else latest.delete(line.delete);
      }
    }
    const compacted = `${file}.compact`;
    const out = openSync(compacted, 'w');
    for (const [key, text] of latest) this.#extents.set(key, this.#write(out, text));
    fsyncSync(out);
    closeSync(out);
    renameSync(compacted, file);
    this.#fd = openSync(file, 'a');
    this.#readFd = openSync(file, 'r');
  }

  #write(fd: number, text: string): Extent {
    const bytes = Buffer.from(`${text}\n`, 'utf8');
    writeSync(fd, bytes);
    const extent = { position: this.#size, length: bytes.length - 1 };
    this.#size += bytes.length;
    return extent;
  }

  #append(line: Line<T>): Extent | undefined {
    if (this.#closed) return undefined;
    return this.#write(this.#fd, JSON.stringify(line));
  }

  /** Resolves once everything written so far is on the disk. */
  #synced(): Promise<void> {
    if (this.#closed) return Promise.resolve();
    if (this.#following) return this.#following;
    if (!this.#syncing) return (this.#syncing = this.#fsync());
    const following = this.#syncing.then(() => {
      this.#following = undefined;
      return (this.#syncing = this.#fsync());
    });
    this.#following = following;
    return following;
  }

  #fsync(): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.#sync(this.#fd, (error) => {
        this.#syncing = undefined;
        // `close` syncs what is left itself before the descriptor goes.
        if (error && !this.#closed) reject(error);
        else resolve();
      });
    });
  }

  #remember(key: string, record: T): void {
    this.#cache.delete(key);
    this.#cache.set(key, record);
    if (this.#cache.size > this.#cached) {
      const [oldest] = this.#cache.keys();
      if (oldest !== undefined) this.#cache.delete(oldest);
    }
  }

  #read(extent: Extent): T {
    const bytes = Buffer.alloc(extent.length);
    readSync(this.#readFd, bytes, 0, extent.length, extent.position);
    return (JSON.parse(bytes.toString('utf8')) as { put: T }).put;
  }

  get(key: string): T | undefined {
    const hit = this.#cache.get(key);
    if (hit !== undefined) {
      this.#remember(key, hit);
      return hit;
    }
    const extent = this.#extents.get(key);
    if (extent === undefined) return undefined;
    const record = this.#read(extent);
    this.#remember(key, record);
    return record;
  }

  /** Readable at once; resolves when it is on the disk. */
  put(record: T): Promise<void> {
    const key = this.keyOf(record);
    const extent = this.#append({ put: record });
    if (extent) this.#extents.set(key, extent);
    this.#remember(key, record);
    return this.#synced();
  }

  async delete(key: string): Promise<boolean> {
    const existed = this.#extents.delete(key);
    this.#cache.delete(key);
    if (!existed) return false;
    this.#append({ delete: key });
    await this.#synced();
    return true;
  }

  values(): readonly T[] {
    // Read through, not into, the cache: a listing must not evict the records episodes are using.
    return [...this.#extents].map(([key, extent]) => this.#cache.get(key) ?? this.#read(extent));
  }

  /** Keys on file and records parsed in memory. */
  get size(): { readonly records: number; readonly cached: number } {
    return { records: this.#extents.size, cached: this.#cache.size };
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    fsyncSync(this.#fd);
    closeSync(this.#fd);
    closeSync(this.#readFd);
  }
}

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { RecordFile } from '../../src/durable/recordFile';

/**
 * A write is acknowledged once it is on the disk, but the host does not stop for the disk: fsyncs
 * run off the event loop and one covers every write made while the one before it ran.
 */
const directories: string[] = [];
afterEach(() => {
  for (const directory of directories.splice(0)) rmSync(directory, { recursive: true, force: true });
});

interface Record {
  readonly id: string;
  readonly n: number;
}

function withCountedSyncs() {
  const directory = mkdtempSync(join(tmpdir(), 'record-sync-'));
  directories.push(directory);
  const pending: ((error: NodeJS.ErrnoException | null) => void)[] = [];
  const file = new RecordFile<Record>(join(directory, 'records.jsonl'), (record) => record.id, {
    sync: (_fd, done) => pending.push(done),
  });
  const finishSync = (): void => pending.shift()?.(null);
  return { file, pending, finishSync };
}

const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

describe('RecordFile writes', () => {
  it('acknowledges a write only after an fsync that began after it has finished', async () => {
    const { file, pending, finishSync } = withCountedSyncs();
    let first = false;
    void file.put({ id: 'a', n: 1 }).then(() => (first = true));
    expect(file.get('a')).toEqual({ id: 'a', n: 1 });
    expect(pending).toHaveLength(1);
    let second = false;
    void file.put({ id: 'b', n: 2 }).then(() => (second = true));
    await turn();
    expect([first, second]).toEqual([false, false]);
    finishSync();
    await turn();
    // The fsync running when `b` was written may have missed it: `b` waits for the next one.
    expect([first, second]).toEqual([true, false]);
    expect(pending).toHaveLength(1);
    finishSync();
    await turn();
    expect(second).toBe(true);
    file.close();
  });

  it('covers the writes made during one fsync with a single following fsync', async () => {
    const { file, pending, finishSync } = withCountedSyncs();
    const writes = [file.put({ id: 'first', n: 0 })];
    for (let n = 1; n <= 100; n++) writes.push(file.put({ id: `r${n}`, n }));
    writes.push(file.delete('r1').then(() => undefined));
    let syncs = 0;
    const done = Promise.all(writes).then(() => 'all on disk');
    while (pending.length > 0) {
      syncs++;
      finishSync();
      await turn();
    }
    await expect(done).resolves.toBe('all on disk');
    expect(syncs).toBe(2);
    file.close();
  });

  it('reports a failed fsync to the writes it covered', async () => {
    const { file, pending } = withCountedSyncs();
    const write = file.put({ id: 'a', n: 1 });
    const error = Object.assign(new Error('EIO: i/o error, fsync'), { code: 'EIO' });
    pending.shift()?.(error);
    await expect(write).rejects.toThrow('EIO');
    file.close();
  });
});

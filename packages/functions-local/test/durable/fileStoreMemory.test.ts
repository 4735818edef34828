import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/clock';
import { FileInstanceStore } from '../../src/durable';
import { startHarness } from './harness';

/**
 * The file store `npm start` uses keeps instance histories on disk, as the task hub keeps them in
 * Storage: a long run must not hold every history it ever wrote in the host's memory.
 */
const directories: string[] = [];
afterEach(() => {
  for (const directory of directories.splice(0)) rmSync(directory, { recursive: true, force: true });
});

function stateDirectory(): string {
  const directory = mkdtempSync(join(tmpdir(), 'durable-memory-'));
  directories.push(directory);
  return directory;
}

describe('FileInstanceStore memory', () => {
  it('parses at most `cached` records in memory and reads the rest back from the file, whole', async () => {
    const file = join(stateDirectory(), 'durable.jsonl');
    const store = new FileInstanceStore(file, { cached: 3 });
    const h = await startHarness({ store }, new ManualClock());
    for (let i = 0; i < 12; i++) await h.engine.startNew('chain', { instanceId: `c-${i}` });
    await h.settle();

    expect(store.size).toEqual({ records: 12, cached: 3 });
    // The first instances were evicted long ago: their whole history comes back from disk.
    const first = await h.engine.getStatus('c-0', { showHistory: true });
    expect(first).toMatchObject({
      runtimeStatus: 'Completed',
      output: ['Hello Tokyo', 'Hello Seattle', 'Hello London'],
    });
    expect((await h.engine.history('c-0')).map((e) => e.EventType).at(-1)).toBe(
      (await h.engine.history('c-11')).map((e) => e.EventType).at(-1),
    );
    expect(await h.engine.listStatus({ runtimeStatus: ['Completed'] })).toHaveLength(12);
    expect(store.size.cached).toBeLessThanOrEqual(3);

    expect((await h.engine.purge('c-1')).ok).toBe(true);
    await h.dispose();
    store.close();

    const reopened = new FileInstanceStore(file, { cached: 3 });
    expect(reopened.size).toEqual({ records: 11, cached: 0 });
    expect(await reopened.get('c-1')).toBeUndefined();
    expect((await reopened.get('c-5'))?.status).toBe('Completed');
    reopened.close();
  });
});

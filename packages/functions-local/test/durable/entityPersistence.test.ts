import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../src/clock';
import { FileEntityStore, FileInstanceStore } from '../../src/durable';
import { startHarness } from './harness';

const directories: string[] = [];
afterEach(() => {
  for (const directory of directories.splice(0)) rmSync(directory, { recursive: true, force: true });
});

const stores = (directory: string) => ({
  store: new FileInstanceStore(join(directory, 'durable.jsonl')),
  entityStore: new FileEntityStore(join(directory, 'entities.jsonl')),
});

describe('Durable entities kept in .local/state across a stop and start', () => {
  it('keeps entity state, deletions and queued signals; a signal accepted before the stop runs after the start', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'entities-'));
    directories.push(directory);
    const clock = new ManualClock();
    const firstStores = stores(directory);
    const first = await startHarness(firstStores, clock, () => import('./entitiesApp'));
    await first.engine.signalEntity({ name: 'account', key: 'alice' }, 'deposit', '100');
    await first.engine.signalEntity({ name: 'account', key: 'bob' }, 'deposit', '5');
    await first.settle();
    await first.engine.signalEntity({ name: 'account', key: 'bob' }, 'delete', undefined);
    await first.settle();
    await first.dispose();
    firstStores.store.close();
    firstStores.entityStore.close();

    // A signal written while no engine runs stands for one accepted just before a crash.
    const between = new FileEntityStore(join(directory, 'entities.jsonl'));
    const alice = await between.get('@account@alice');
    expect(alice?.state).toBe('100');
    await between.put({
      ...alice!,
      queue: [{ kind: 'operation', id: 'pending-1', operation: 'deposit', input: '20', signal: true }],
    });
    between.close();

    const secondStores = stores(directory);
    const second = await startHarness(secondStores, clock, () => import('./entitiesApp'));
    await second.settle();
    const state = async (key: string) => (await second.engine.readEntity({ name: 'account', key }))?.state;
    expect(await state('alice')).toBe('120');
    expect(await state('bob')).toBeUndefined();
    await second.dispose();
    secondStores.store.close();
    secondStores.entityStore.close();
  });
});

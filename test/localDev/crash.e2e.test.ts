import { CosmosClient } from '@azure/cosmos';
import { ServiceBusClient } from '@azure/service-bus';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { Agent } from 'node:https';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMessage } from '../intake/support/messages';

const root = resolve(__dirname, '../..');
const cli = join(root, 'packages/functions-local/dist/cli.js');

/** `npm start` as a child process on a free port with its state in `state`; resolves once ready. */
function startRuntime(state: string): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    [cli, '--port', '0', '--config', 'dist/local-dev/config.js', '--state', state],
    {
      cwd: root,
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  return new Promise((resolveReady, reject) => {
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      if (stderr.includes('Ready in')) resolveReady(child);
    });
    child.once('exit', (code) => reject(new Error(`runtime exited (${code}): ${stderr.slice(-2000)}`)));
  });
}

/** The settings file the CLI writes just after it reports ready. */
async function runtimeSettings(state: string): Promise<Record<string, string>> {
  const path = join(state, '..', 'runtime-settings.json');
  while (!existsSync(path)) await new Promise((r) => setTimeout(r, 50));
  return JSON.parse(readFileSync(path, 'utf8')) as Record<string, string>;
}

describe('the local runtime after SIGKILL', () => {
  const base = mkdtempSync(join(tmpdir(), 'functions-local-crash-'));
  const state = join(base, 'state');
  let child: ChildProcess | undefined;

  beforeAll(() => {
    if (!existsSync(cli) || !existsSync(join(root, 'dist/local-dev/config.js'))) {
      execFileSync('npm', ['run', 'build'], { cwd: root, stdio: 'ignore' });
    }
  }, 180_000);
  afterAll(() => {
    child?.kill('SIGKILL');
    rmSync(base, { recursive: true, force: true });
  });

  it('imports every work order the sender saw acknowledged exactly once, after a kill part-way and a restart', async () => {
    child = await startRuntime(state);
    const first = await runtimeSettings(state);
    const client = new ServiceBusClient(first['ServiceBusConnection'] ?? '');
    const sender = client.createSender('workorders-inbound');
    const acknowledged: string[] = [];
    const total = 200;
    const sending = (async () => {
      for (let index = 0; index < total; index++) {
        const externalId = `CRASH-${String(index).padStart(4, '0')}`;
        try {
          await sender.sendMessages({
            body: createMessage({ externalId, utilityCode: 'CRASH' }),
            messageId: externalId,
            contentType: 'application/json',
          });
          acknowledged.push(externalId);
        } catch {
          return; // the broker is gone: this send was never acknowledged
        }
      }
    })();
    while (acknowledged.length < 60) await new Promise((r) => setTimeout(r, 20));
    child.kill('SIGKILL');
    await sending;
    await client.close().catch(() => undefined);
    expect(acknowledged.length).toBeGreaterThanOrEqual(60);
    expect(acknowledged.length).toBeLessThan(total);

    // The killed run could not remove its settings file; the new run writes its own.
    rmSync(join(base, 'runtime-settings.json'), { force: true });
    child = await startRuntime(state);
    const settings = await runtimeSettings(state);
    const endpoint = /AccountEndpoint=([^;]+)/.exec(settings['CosmosDbConnection'] ?? '')?.[1] ?? '';
    const key = /AccountKey=([^;]+)/.exec(settings['CosmosDbConnection'] ?? '')?.[1] ?? '';
    const cosmos = new CosmosClient({
      endpoint,
      key,
      agent: new Agent({ ca: readFileSync(settings['CosmosDbCaCertificatePath'] ?? '', 'utf8') }),
    });
    const workOrders = cosmos.database('fieldline').container('workOrders');
    const imported = async (): Promise<string[]> =>
      (
        await workOrders.items
          .query<string>("SELECT VALUE c.externalId FROM c WHERE c.utilityCode = 'CRASH'")
          .fetchAll()
      ).resources;
    const deadline = Date.now() + 120_000;
    let found = await imported();
    while (acknowledged.some((id) => !found.includes(id)) && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 500));
      found = await imported();
    }
    cosmos.dispose();
    const missing = acknowledged.filter((id) => !found.includes(id));
    expect(missing).toEqual([]);
    expect(found.length).toBe(new Set(found).size);
  }, 300_000);
});

import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { BlobServiceClient } from '@azure/storage-blob';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * The durable-functions samples' app shape (samples-ts: a glob `main`, host.json, local.settings.json
 * with `UseDevelopmentStorage=true`, entities, a `twilioSms` output the host does not implement),
 * served by the package's CLI from the app's own directory, each sample started over HTTP.
 */

const packageRoot = resolve(__dirname, '../..');
const repositoryRoot = resolve(packageRoot, '../..');
const cli = join(packageRoot, 'dist/cli.js');

interface CheckStatus {
  readonly id: string;
  readonly statusQueryGetUri: string;
  readonly sendEventPostUri: string;
}

const newestSource = (directory: string): number =>
  readdirSync(directory, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .reduce((newest, entry) => Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs), 0);

let child: ChildProcess | undefined;
let output = '';
let baseUrl = '';
let settings: Record<string, string> = {};
let appDirectory = '';

beforeAll(async () => {
  // The CLI under test is the package as built from this source: rebuilt when a source file is newer.
  if (!existsSync(cli) || newestSource(join(packageRoot, 'src')) > statSync(cli).mtimeMs) {
    execFileSync(
      process.execPath,
      [join(repositoryRoot, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'],
      {
        cwd: packageRoot,
        stdio: 'ignore',
      },
    );
  }
  appDirectory = mkdtempSync(join(tmpdir(), 'durable-samples-'));
  cpSync(join(__dirname, 'samplesApp'), appDirectory, { recursive: true });
  symlinkSync(join(repositoryRoot, 'node_modules'), join(appDirectory, 'node_modules'), 'dir');
  writeFileSync(
    join(appDirectory, 'local.settings.json'),
    JSON.stringify({
      IsEncrypted: false,
      Values: {
        AzureWebJobsStorage: 'UseDevelopmentStorage=true',
        StorageConnString: 'UseDevelopmentStorage=true',
        FUNCTIONS_WORKER_RUNTIME: 'node',
        TwilioAccountSid: 'AC-not-a-real-account',
        TwilioAuthToken: 'not-a-real-token',
        TwilioPhoneNumber: '+15555550100',
      },
    }),
  );
  mkdirSync(join(appDirectory, 'site/img'), { recursive: true });
  writeFileSync(join(appDirectory, 'site/index.html'), '<h1>hello</h1>');
  writeFileSync(join(appDirectory, 'site/img/logo.svg'), '<svg></svg>');

  child = spawn(process.execPath, [cli, appDirectory, '--port', '0', '--fresh'], {
    cwd: appDirectory,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  await new Promise<void>((resolveReady, reject) => {
    child?.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Ready in')) resolveReady();
    });
    child?.once('exit', (code) => reject(new Error(`the CLI exited (${code}): ${output.slice(-3000)}`)));
  });
  const published = join(appDirectory, '.local/runtime-settings.json');
  while (!existsSync(published)) await new Promise((r) => setTimeout(r, 50));
  settings = JSON.parse(readFileSync(published, 'utf8')) as Record<string, string>;
  baseUrl = settings['PublicBaseUrl'] ?? '';
}, 120_000);

afterAll(async () => {
  if (child && child.exitCode === null) {
    const exited = new Promise((r) => child?.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  }
  rmSync(appDirectory, { recursive: true, force: true });
});

async function start(name: string, input?: unknown): Promise<CheckStatus> {
  const response = await fetch(`${baseUrl}/api/orchestrators/${name}`, {
    method: 'POST',
    ...(input === undefined
      ? {}
      : { body: JSON.stringify(input), headers: { 'content-type': 'application/json' } }),
  });
  expect(response.status).toBe(202);
  return (await response.json()) as CheckStatus;
}

async function completion(status: CheckStatus): Promise<{ runtimeStatus: string; output: unknown }> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const polled = await fetch(status.statusQueryGetUri);
    if (polled.status !== 202) return (await polled.json()) as { runtimeStatus: string; output: unknown };
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`${status.id} did not finish`);
}

const systemKey = (status: CheckStatus): string =>
  new URL(status.statusQueryGetUri).searchParams.get('code') ?? '';

describe('the durable samples app shape, served by the CLI from its own directory', () => {
  it('loads every function of the glob main but the one with an unimplemented binding, which is named', () => {
    expect(output).toMatch(/sendSmsChallenge[^\n]*twilioSms/);
    expect(output).not.toMatch(/httpStart[^\n]*in error/);
  });

  it('function chaining (sayHello) and the synchronous start that waits for it', async () => {
    expect(await completion(await start('helloSequence'))).toMatchObject({
      runtimeStatus: 'Completed',
      output: ['Hello, Tokyo!', 'Hello, Seattle!', 'Hello, Cairo!'],
    });
    const waited = await fetch(`${baseUrl}/api/orchestrators/helloSequence/wait`, { method: 'POST' });
    expect(waited.status).toBe(200);
    expect(await waited.json()).toEqual(['Hello, Tokyo!', 'Hello, Seattle!', 'Hello, Cairo!']);
  });

  it('backupSiteContent: fan-out/fan-in whose activity writes each file through a blob output binding', async () => {
    const result = await completion(await start('backupSiteContent', join(appDirectory, 'site')));
    expect(result).toMatchObject({ runtimeStatus: 'Completed', output: 14 + 11 });
    const blobs = BlobServiceClient.fromConnectionString(settings['StorageConnString'] ?? '');
    const backup = blobs.getContainerClient('backups');
    expect((await backup.getBlobClient('img/logo.svg').downloadToBuffer()).toString()).toBe('<svg></svg>');
    expect((await backup.getBlobClient('index.html').downloadToBuffer()).toString()).toBe('<h1>hello</h1>');
  });

  it('entities: the counter through an orchestration and the entity HTTP API, and a locked transfer', async () => {
    const first = await start('counterOrchestration');
    expect(await completion(first)).toMatchObject({ runtimeStatus: 'Completed', output: 1 });
    const code = systemKey(first);
    const entityUrl = `${baseUrl}/runtime/webhooks/durabletask/entities/counter/myCounter`;
    expect(
      (
        await fetch(`${entityUrl}?op=add&code=${code}`, {
          method: 'POST',
          body: '5',
          headers: { 'content-type': 'application/json' },
        })
      ).status,
    ).toBe(202);
    let state: unknown;
    for (let attempt = 0; attempt < 100 && state !== 6; attempt++) {
      const read = await fetch(`${entityUrl}?code=${code}`);
      state = read.status === 200 ? await read.json() : undefined;
      if (state !== 6) await new Promise((r) => setTimeout(r, 50));
    }
    expect(state).toBe(6);
    expect((await fetch(entityUrl)).status).toBe(401);

    const accounts = `${baseUrl}/runtime/webhooks/durabletask/entities/transferAccount`;
    await fetch(`${accounts}/alice?op=add&code=${code}`, {
      method: 'POST',
      body: '100',
      headers: { 'content-type': 'application/json' },
    });
    const transfer = await completion(
      await start('transferEntities', { fromKey: 'alice', toKey: 'bob', amount: 30 }),
    );
    expect(transfer).toMatchObject({ runtimeStatus: 'Completed', output: { transferred: true, locks: 2 } });
    const refused = await completion(
      await start('transferEntities', { fromKey: 'bob', toKey: 'alice', amount: 31 }),
    );
    expect(refused.output).toEqual({ transferred: false, reason: 'insufficient funds' });
    expect(await (await fetch(`${accounts}/bob?code=${code}`)).json()).toBe(30);
  });

  it('retries of an activity and of a sub-orchestration', async () => {
    expect(await completion(await start('callActivityWithRetry', 'activity'))).toMatchObject({
      runtimeStatus: 'Completed',
      output: 'Hello, activity! (attempt 3)',
    });
    expect(await completion(await start('callSubOrchestratorWithRetry'))).toMatchObject({
      runtimeStatus: 'Completed',
      output: 'Hello, sub! (attempt 3)',
    });
  });

  it('an external event cancels the timer it raced; continue-as-new counts up through generations', async () => {
    const waiting = await start('cancelTimer');
    await new Promise((r) => setTimeout(r, 200));
    const raised = await fetch(waiting.sendEventPostUri.replace('{eventName}', 'Approval'), {
      method: 'POST',
      body: '"yes"',
      headers: { 'content-type': 'application/json' },
    });
    expect(raised.status).toBe(202);
    expect(await completion(waiting)).toMatchObject({
      runtimeStatus: 'Completed',
      output: { approved: 'yes' },
    });
    expect(await completion(await start('continueAsNewCounter', 0))).toMatchObject({
      runtimeStatus: 'Completed',
      output: 3,
    });
  });

  it('smsPhoneVerification fails where it calls the activity that is in error; the host keeps running', async () => {
    const result = await completion(await start('smsPhoneVerification', '+15555550123'));
    expect(result.runtimeStatus).toBe('Failed');
    expect(await completion(await start('helloSequence'))).toMatchObject({ runtimeStatus: 'Completed' });
  });
});

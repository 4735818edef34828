#!/usr/bin/env node
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { loadCliConfig } from './cliConfig';
import { DurableEngine, FileEntityStore, FileInstanceStore } from './durable';
import { appEntryPoints } from './host';
import { createLocalRuntime, readHostConfig, type LocalRuntime } from './runtime';

/**
 * `functions-local [directory]`: a Functions v4 Node.js app on this machine, like `func start` —
 * HTTP on 127.0.0.1:7071, timers, Service Bus triggers, Durable Functions, App Service
 * Authentication and embedded stand-ins for the services whose connections are not configured.
 */

const usage = `Usage: functions-local [directory] [--port <port>] [--config <file>] [--fresh] [--state <dir>]

  directory        the function app (package.json, host.json, local.settings.json); default: .
  --port <port>    HTTP port on 127.0.0.1 (default 7071; 0 picks a free one)
  --config <file>  the app's functions-local config module (default: functions-local.config.js)
  --fresh          start with empty state (deletes the state directory first)
  --state <dir>    where state is kept (default: <directory>/.local/state)

State (queues, documents, blobs, Durable instances, keys) is kept in <directory>/.local/state/.
`;

interface CliArgs {
  readonly directory: string;
  readonly port: number;
  readonly config: string | undefined;
  readonly fresh: boolean;
  readonly state: string | undefined;
}

type Args = CliArgs | { readonly help: true } | { readonly error: string };

function parseArgs(argv: readonly string[]): Args {
  let port = 7071;
  let config: string | undefined;
  let directory: string | undefined;
  let fresh = false;
  let state: string | undefined;
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index] ?? '';
    if (arg === '--help' || arg === '-h') return { help: true };
    if (arg === '--fresh') {
      fresh = true;
      continue;
    }
    const inline = /^--(port|config|state)=(.*)$/.exec(arg);
    const name = inline ? inline[1] : arg.startsWith('--') ? arg.slice(2) : undefined;
    if (name === 'port' || name === 'config' || name === 'state') {
      const value = inline ? inline[2] : argv[++index];
      if (value === undefined || value === '') return { error: `--${name} needs a value` };
      if (name === 'config') config = value;
      else if (name === 'state') state = resolve(value);
      else if (!/^\d+$/.test(value) || Number(value) > 65_535) {
        return { error: `--port needs a port number, got "${value}"` };
      } else port = Number(value);
      continue;
    }
    if (arg.startsWith('-') || directory !== undefined) return { error: `unknown argument "${arg}"` };
    directory = arg;
  }
  return { directory: resolve(directory ?? '.'), port, config, fresh, state };
}

/**
 * Writes `runtime-settings.json` next to the state directory (`.local/`) while the runtime runs: the connection settings of the
 * embedded parts, so tools in another terminal reach its broker and databases; removed on shutdown.
 */
function publishSettings(stateDirectory: string, runtime: LocalRuntime): string {
  const path = join(dirname(stateDirectory), 'runtime-settings.json');
  mkdirSync(dirname(path), { recursive: true });
  const values: Record<string, string> = { PublicBaseUrl: runtime.settings['PublicBaseUrl'] ?? runtime.url };
  for (const part of runtime.parts) Object.assign(values, part.settings);
  writeFileSync(path, `${JSON.stringify(values, null, 2)}\n`);
  return path;
}

async function run(args: CliArgs): Promise<number> {
  const { directory } = args;
  const config = await loadCliConfig(directory, args.config);
  const hostConfig = readHostConfig(directory);
  if (!hostConfig.ok) throw new Error(hostConfig.error);
  const entries = appEntryPoints(directory);
  if (!entries.ok) throw new Error(entries.error);
  const stateDirectory = args.state ?? join(directory, '.local', 'state');
  if (args.fresh) rmSync(stateDirectory, { recursive: true, force: true });
  mkdirSync(stateDirectory, { recursive: true });
  const durableTask = hostConfig.value.durableTask;
  const durable = new DurableEngine({
    store: new FileInstanceStore(join(stateDirectory, 'durable.jsonl')),
    entityStore: new FileEntityStore(join(stateDirectory, 'entities.jsonl')),
    ...(durableTask.hubName === undefined ? {} : { taskHubName: durableTask.hubName }),
    ...(durableTask.maxConcurrentActivityFunctions === undefined
      ? {}
      : { maxConcurrentActivities: durableTask.maxConcurrentActivityFunctions }),
    ...(durableTask.overridableExistingInstanceStates === undefined
      ? {}
      : { overridableExistingInstanceStates: durableTask.overridableExistingInstanceStates }),
    ...(durableTask.httpSettings?.defaultAsyncRequestSleepTimeMilliseconds === undefined
      ? {}
      : { defaultHttpAsyncSleepMs: durableTask.httpSettings.defaultAsyncRequestSleepTimeMilliseconds }),
    // Management URLs point at the runtime's own port, as they point at the app in Azure.
    ...(args.port === 0 ? {} : { webhookOrigin: `http://127.0.0.1:${args.port}` }),
  });
  const runtime = createLocalRuntime({
    app: async () => {
      for (const entry of entries.value) await import(entry);
    },
    directory,
    stateDirectory,
    port: args.port,
    plugins: [durable],
    mounts: { '/runtime/webhooks/durabletask': durable.handleHttp },
    ...(config.resources ? { resources: config.resources } : {}),
    ...(config.connectionSettings ? { connectionSettings: config.connectionSettings } : {}),
    ...(config.defaultSettings ? { defaultSettings: config.defaultSettings } : {}),
    ...(config.auth ? { auth: config.auth } : {}),
    ...(config.smsReplies ? { smsReplies: config.smsReplies } : {}),
  });

  const started = Date.now();
  await runtime.start();
  process.stderr.write(
    `\n${runtime.banner().join('\n')}\n\nReady in ${Date.now() - started} ms. Ctrl+C stops.\n\n`,
  );
  const published = publishSettings(stateDirectory, runtime);
  await config.seed?.({ url: runtime.url, settings: runtime.settings, keys: runtime.keys });

  await new Promise<void>((resolveStop) => {
    let stopping = false;
    const onSignal = (signal: NodeJS.Signals): void => {
      if (stopping) {
        process.stderr.write(`${signal} again: exiting without waiting.\n`);
        process.exit(1);
      }
      stopping = true;
      process.stderr.write(`${signal}: letting in-flight invocations finish…\n`);
      rmSync(published, { force: true });
      void runtime.stop().then(resolveStop);
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
  return 0;
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  if ('help' in args) {
    process.stdout.write(usage);
    return 0;
  }
  if ('error' in args) {
    process.stderr.write(`${args.error}\n\n${usage}`);
    return 2;
  }
  return run(args);
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);

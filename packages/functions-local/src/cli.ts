import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { demoAuth } from './demo/users';
import { DurableEngine } from './durable';
import { createLocalRuntime, readHostConfig, type LocalRuntime } from './runtime';

/**
 * `npm start`: the whole function app on this machine, like `func start` — HTTP on 127.0.0.1:7071,
 * timers, Service Bus triggers, Durable Functions and the embedded Azure stand-ins.
 */

const usage = `Usage: node dist/local/cli.js [--port <port>]

  --port <port>   HTTP port on 127.0.0.1 (default 7071; 0 picks a free one)
`;

type Args = { readonly port: number } | { readonly help: true } | { readonly error: string };

function parseArgs(argv: readonly string[]): Args {
  let port = 7071;
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index] ?? '';
    if (arg === '--help' || arg === '-h') return { help: true };
    const inline = /^--port=(.*)$/.exec(arg);
    if (arg === '--port' || inline) {
      const value = inline ? inline[1] : argv[++index];
      if (value === undefined || !/^\d+$/.test(value) || Number(value) > 65_535) {
        return { error: `--port needs a port number, got "${value ?? ''}"` };
      }
      port = Number(value);
      continue;
    }
    return { error: `unknown argument "${arg}"` };
  }
  return { port };
}

/** package.json `main`: the compiled app entry the Functions host would load. */
function appEntry(directory: string): string {
  const manifest = JSON.parse(readFileSync(join(directory, 'package.json'), 'utf8')) as { main?: unknown };
  if (typeof manifest.main !== 'string') throw new Error('package.json has no "main" (the app entry).');
  const entry = resolve(directory, manifest.main);
  if (!existsSync(entry))
    throw new Error(`The app entry ${manifest.main} does not exist: run "npm run build".`);
  return entry;
}

/**
 * Demo data hook: `dist/local/demo/seed.js`, when built, exports `seed({ url, settings, keys })`
 * and is run once the runtime is ready.
 */
async function runSeed(directory: string, runtime: LocalRuntime): Promise<void> {
  const path = join(directory, 'dist', 'local', 'demo', 'seed.js');
  if (!existsSync(path)) return;
  const module = (await import(path)) as { seed?: unknown };
  if (typeof module.seed !== 'function') throw new Error(`${path} does not export a seed function.`);
  await (module.seed as (context: object) => Promise<void>)({
    url: runtime.url,
    settings: runtime.settings,
    keys: runtime.keys,
  });
}

/** Settings the command-line tools (`npm run simulate`, `npm run dlq`) need to reach the embedded parts. */
const toolSettingNames = [
  'ServiceBusConnection',
  'CosmosDbConnection',
  'CosmosDbCaCertificatePath',
  'StorageConnection',
  'AcsConnection',
  'PublicBaseUrl',
];

/**
 * Writes `.local/runtime-settings.json` while the runtime runs, so tools in another terminal find
 * its broker and databases without copying connection strings by hand; removed on shutdown.
 */
function publishSettings(directory: string, runtime: LocalRuntime): string {
  const path = join(directory, '.local', 'runtime-settings.json');
  mkdirSync(dirname(path), { recursive: true });
  const values = Object.fromEntries(
    toolSettingNames.flatMap((name) => (runtime.settings[name] ? [[name, runtime.settings[name]]] : [])),
  );
  writeFileSync(path, `${JSON.stringify(values, null, 2)}\n`);
  return path;
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
  const directory = process.cwd();
  const hostConfig = readHostConfig(directory);
  if (!hostConfig.ok) throw new Error(hostConfig.error);
  const durableTask = hostConfig.value.durableTask;
  const durable = new DurableEngine({
    ...(durableTask.hubName === undefined ? {} : { taskHubName: durableTask.hubName }),
    ...(durableTask.maxConcurrentActivityFunctions === undefined
      ? {}
      : { maxConcurrentActivities: durableTask.maxConcurrentActivityFunctions }),
    // Management URLs point at the runtime's own port, as they point at the app in Azure.
    ...(args.port === 0 ? {} : { webhookOrigin: `http://127.0.0.1:${args.port}` }),
  });
  const entry = appEntry(directory);
  const runtime = createLocalRuntime({
    app: () => import(entry),
    directory,
    port: args.port,
    plugins: [durable],
    auth: {
      roles: demoAuth.roles,
      demoUsers: demoAuth.demoUsers.map((user) => ({ ...user, roles: [...user.roles] })),
    },
    mounts: { '/runtime/webhooks/durabletask': durable.handleHttp },
  });

  const started = Date.now();
  await runtime.start();
  process.stderr.write(
    `\n${runtime.banner().join('\n')}\n\nReady in ${Date.now() - started} ms. Ctrl+C stops.\n\n`,
  );
  const published = publishSettings(directory, runtime);
  await runSeed(directory, runtime);

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

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);

import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * `npm run bench`: every `bench/*.ts`, one after the other, each in its own process — they load
 * different function apps, and a Functions worker (like ours) registers an app once per process;
 * running them side by side on two cores would also measure each other. Each prints its figures and
 * its ratio against a baseline measured in the same run. `npm run bench -- intake` runs one.
 */
function main(): number {
  const only = process.argv.slice(2);
  const names = readdirSync(__dirname)
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts') && file !== 'index.ts')
    .map((file) => file.slice(0, -3))
    .filter((name) => only.length === 0 || only.includes(name))
    .sort();
  const tsx = require.resolve('tsx/cli');
  let failed = 0;
  for (const name of names) {
    console.log(`\n## ${name}`);
    const result = spawnSync(process.execPath, [tsx, join(__dirname, `${name}.ts`)], { stdio: 'inherit' });
    if (result.status !== 0) {
      console.error(`bench ${name} failed (exit ${String(result.status)})`);
      failed++;
    }
  }
  return failed === 0 ? 0 : 1;
}

process.exitCode = main();

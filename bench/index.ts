import { readdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * `npm run bench`: every `bench/*.ts` that exports `run()`, one after the other (the machine has
 * two cores; running them side by side would measure each other). Each prints its own figures and
 * its ratio against a baseline measured in the same run. `npm run bench -- intake` runs one.
 */
async function main(): Promise<void> {
  const only = process.argv.slice(2);
  const names = readdirSync(__dirname)
    .filter((file) => file.endsWith('.ts') && file !== 'index.ts')
    .map((file) => file.slice(0, -3))
    .filter((name) => only.length === 0 || only.includes(name))
    .sort();
  for (const name of names) {
    const bench = (await import(join(__dirname, name))) as { run?: () => Promise<unknown> };
    if (typeof bench.run !== 'function') continue;
    console.log(`\n## ${name}`);
    await bench.run();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});

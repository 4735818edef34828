import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { resources } from '../../shared/resources';

const root = join(__dirname, '../..');

function sources(directory: string): string[] {
  return readdirSync(directory).flatMap((name) => {
    const path = join(directory, name);
    if (statSync(path).isDirectory()) return sources(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

/** What the app itself uses (not the tests): its functions, orchestrations and domain adapters. */
const appCode = ['functions', 'orchestrations', 'shared']
  .flatMap((folder) => sources(join(root, folder)))
  .map((path) => readFileSync(path, 'utf8'))
  .join('\n');

const used = (pattern: RegExp): Set<string> => new Set([...appCode.matchAll(pattern)].map((m) => m[1] ?? ''));

/*
 * The compiler already refuses a name that is not in infra/resources.json (the accessors take its
 * keys). This checks the other direction: everything the manifest makes Bicep deploy is used.
 */
describe('the resource manifest and the code agree', () => {
  it('every queue is used by the app', () => {
    expect(used(/queueName\('(\w+)'\)/g)).toEqual(new Set(Object.keys(resources.serviceBus.queues)));
  });

  it('every Cosmos container is used by the app', () => {
    expect(used(/\.container\('(\w+)'\)/g)).toEqual(new Set(Object.keys(resources.cosmos.containers)));
  });

  it('every blob container is used by the app', () => {
    expect(used(/blobContainerName\('(\w+)'\)/g)).toEqual(
      new Set(Object.keys(resources.storage.blobContainers)),
    );
  });

  it('Bicep deploys the manifest itself rather than a copy of its names', () => {
    const main = readFileSync(join(root, 'infra/main.bicep'), 'utf8');
    expect(main).toContain("loadJsonContent('resources.json')");
    const modules = ['servicebus', 'cosmos', 'storage'].map((name) =>
      readFileSync(join(root, `infra/app/${name}.bicep`), 'utf8'),
    );
    for (const name of [
      ...Object.values(resources.serviceBus.queues).map((q) => q.name),
      ...Object.values(resources.cosmos.containers).map((c) => c.name),
      ...Object.values(resources.storage.blobContainers).map((b) => b.name),
    ]) {
      for (const module of modules) expect(module).not.toContain(`'${name}'`);
    }
  });
});

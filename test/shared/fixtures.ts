import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const fixturesDirectory = join(__dirname, '..', 'fixtures');

/** A fixture file as parsed JSON; each test gets its own copy to change. */
export const fixture = (relativePath: string): Record<string, unknown> =>
  JSON.parse(readFileSync(join(fixturesDirectory, relativePath), 'utf8')) as Record<string, unknown>;

export const fixtureNames = (folder: 'inbound' | 'outbound'): string[] =>
  readdirSync(join(fixturesDirectory, folder))
    .filter((name) => name.endsWith('.json'))
    .sort();

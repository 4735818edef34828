import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { builtInRoles, cosmosDataPlaneRoles } from './builtInRoles';

const infra = join(__dirname, '../../infra');
const bicepFiles = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? bicepFiles(join(dir, entry.name))
      : entry.name.endsWith('.bicep')
        ? [join(dir, entry.name)]
        : [],
  );

const guid = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
const rolesBicep = readFileSync(join(infra, 'roles.bicep'), 'utf8');

/** The `roles` table of infra/roles.bicep: display name → id. */
const declaredRoles = (): Record<string, string> => {
  const block = /^var roles = \{([\s\S]*?)\n\}/m.exec(rolesBicep)?.[1] ?? '';
  return Object.fromEntries(
    [...block.matchAll(/^\s*(?:'([^']+)'|(\w+)):\s*'([^']+)'/gm)].map((m) => [
      m[1] ?? m[2] ?? '',
      m[3] ?? '',
    ]),
  );
};

/** Every GUID in the templates that is not inside a comment, with where it is. */
const guidsInInfra = (): { readonly id: string; readonly at: string }[] =>
  bicepFiles(infra).flatMap((path) =>
    readFileSync(path, 'utf8')
      .split('\n')
      .flatMap((line, index) =>
        [...line.replace(/\/\/.*$/, '').matchAll(guid)].map((m) => ({
          id: m[0].toLowerCase(),
          at: `${relative(infra, path)}:${index + 1}`,
        })),
      ),
  );

describe('role definition ids in infra/', () => {
  it('names each role as Azure does, with its documented id', () => {
    const declared = declaredRoles();
    expect(Object.keys(declared).length).toBeGreaterThan(5);
    for (const [name, id] of Object.entries(declared))
      expect({ name, id }).toEqual({ name, id: builtInRoles[name] });
  });

  it('uses no role id that is not a documented built-in role', () => {
    const known = new Set([...Object.values(builtInRoles), ...Object.values(cosmosDataPlaneRoles)]);
    const found = guidsInInfra();
    expect(found.length).toBeGreaterThan(5);
    expect(found.filter((entry) => !known.has(entry.id))).toEqual([]);
  });

  it('keeps every role id in the one table, so the check above sees them by name', () => {
    expect(guidsInInfra().filter((entry) => !entry.at.startsWith('roles.bicep'))).toEqual([]);
  });

  it('would catch the id that failed provisioning (RoleDefinitionDoesNotExist)', () => {
    expect(Object.values(builtInRoles)).not.toContain('b24988ac-6181-42a0-ab88-20ec382caf38');
  });

  it('gives the app no Contributor or Owner anywhere', () => {
    expect(Object.keys(declaredRoles())).not.toContain('Contributor');
    for (const path of bicepFiles(infra)) {
      expect(readFileSync(path, 'utf8')).not.toMatch(/roleDefinitionIdOrName:\s*'(Contributor|Owner)'/);
    }
  });
});

import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exists, localModulePath, modules, params, readBicep, unbalanced, unusedParams } from './bicepSource';

const infra = join(__dirname, '../../infra');
const files = [
  join(infra, 'main.bicep'),
  join(infra, 'roles.bicep'),
  ...readdirSync(join(infra, 'app')).map((f) => join(infra, 'app', f)),
]
  .filter((f) => f.endsWith('.bicep'))
  .map(readBicep);

describe('Bicep templates', () => {
  it.each(files.map((f) => [f.path.slice(infra.length + 1), f] as const))(
    '%s has balanced blocks',
    (_, file) => {
      expect(unbalanced(file)).toEqual([]);
    },
  );

  it.each(files.map((f) => [f.path.slice(infra.length + 1), f] as const))(
    '%s uses every parameter',
    (_, file) => {
      expect(unusedParams(file)).toEqual([]);
    },
  );

  it('references only module files that exist, passing known and all required parameters', () => {
    const problems: string[] = [];
    for (const file of files) {
      for (const mod of modules(file)) {
        const path = localModulePath(file, mod.target);
        if (!path) continue;
        if (!exists(path)) {
          problems.push(`${mod.symbol}: ${mod.target} does not exist`);
          continue;
        }
        const declared = params(readBicep(path));
        const names = new Set(declared.map((p) => p.name));
        for (const passed of mod.params) {
          if (!names.has(passed)) problems.push(`${mod.symbol}: passes unknown parameter ${passed}`);
        }
        for (const p of declared) {
          if (!p.hasDefault && !mod.params.includes(p.name)) {
            problems.push(`${mod.symbol}: misses required parameter ${p.name}`);
          }
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('wires every module file into main.bicep', () => {
    const main = files.find((f) => f.path.endsWith('main.bicep'));
    const referenced = new Set((main ? modules(main) : []).map((m) => m.target));
    const appModules = readdirSync(join(infra, 'app')).filter((f) => f.endsWith('.bicep'));
    expect(appModules.filter((f) => !referenced.has(`app/${f}`))).toEqual([]);
  });

  it('reads the resource manifest rather than repeating its names', () => {
    const main = files.find((f) => f.path.endsWith('main.bicep'));
    expect(main?.text).toContain("loadJsonContent('resources.json')");
  });

  it('keeps keys out of app settings: identity-based connections only', () => {
    const api = files.find((f) => f.path.endsWith('api.bicep'));
    expect(api?.text).not.toMatch(/AccountKey|SharedAccessKey|listKeys\(|accesskey=/i);
    expect(api?.text).toContain('ServiceBusConnection__fullyQualifiedNamespace');
  });

  it('the checker itself catches a broken template', () => {
    const broken = {
      path: 'x.bicep',
      text: '',
      code: "param a string\nparam b int\nresource r 'x' = {\n  name: a\n",
    };
    expect(unbalanced(broken)).toHaveLength(1);
    expect(unusedParams(broken)).toEqual(['b']);
  });
});

import { execFileSync, spawnSync } from 'node:child_process';
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

/*
 * The deployment package azd uploads is the folder scripts/package-app.mjs stages (azure.yaml
 * `dist:`), zipped as it is: with `remoteBuild: false` and no .funcignore, azd's zip leaves out only
 * `.azure` and local.settings.json (azure-dev cli/azd/pkg/project/project_utils.go,
 * createDeployableZip). So the staged folder is the package. The real project is listed (copying
 * its 200 MB of dependencies would take minutes on a shared disk); the copying itself is checked
 * on a small project with the same lock-file shapes.
 */
const root = join(__dirname, '../..');
const script = join(root, 'scripts/package-app.mjs');
const temps: string[] = [];

const tempDir = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'fieldline-package-'));
  temps.push(dir);
  return dir;
};

const write = (base: string, files: Readonly<Record<string, string>>): void => {
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(base, path)), { recursive: true });
    writeFileSync(join(base, path), content);
  }
};

const listing = (base: string, dir = base): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? listing(base, join(dir, entry.name)) : [relative(base, join(dir, entry.name))],
  );

/** A build's shape: the app's folders, and the local runtime and tools the package leaves out. */
const builtDist = {
  'dist/functions/index.js': '',
  'dist/shared/config/loadConfig.js': '',
  'dist/shared/journey/templates/en/invitation.json': '{}',
  'dist/orchestrations/journey/orchestrator.js': '',
  'dist/web/customer/page.js': '',
  'dist/infra/resources.json': '{}',
  'dist/local/cli.js': '',
  'dist/scripts/simulate.js': '',
  'dist/bench/index.js': '',
};

afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

describe('the deployment package of this project', () => {
  const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, { dev?: boolean; devOptional?: boolean }>;
  };
  const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
    dependencies: Record<string, string>;
    devDependencies: Record<string, string>;
  };

  const planned = (): { files: string[]; dist: string[]; packages: string[] } => {
    const work = tempDir();
    for (const name of ['package.json', 'package-lock.json', 'host.json'])
      cpSync(join(root, name), join(work, name));
    symlinkSync(join(root, 'node_modules'), join(work, 'node_modules'));
    write(work, builtDist);
    return JSON.parse(
      execFileSync(process.execPath, [script, '--root', work, '--list'], { encoding: 'utf8' }),
    );
  };

  it('holds host.json, package.json, the compiled app without the local runtime and tools, and production dependencies', () => {
    const plan = planned();
    expect(plan.files).toEqual(['host.json', 'package.json']);
    expect(plan.dist.sort()).toEqual(['functions', 'infra', 'orchestrations', 'shared', 'web']);
    // npm's own answer to "what does the app need at run time", outside the workspaces.
    const production = execFileSync(
      'npm',
      ['ls', '--omit=dev', '--all', '--parseable', '--workspaces=false'],
      {
        cwd: root,
        encoding: 'utf8',
      },
    )
      .split('\n')
      .map((line) => relative(root, line.trim()))
      .filter((path) => path.startsWith('node_modules/'));
    expect(plan.packages.sort()).toEqual([...new Set(production)].sort());
    for (const name of Object.keys(manifest.dependencies))
      expect(plan.packages).toContain(`node_modules/${name}`);
  });

  it('ships none of the dev tools (a dev dependency stays only when a production one needs it too)', () => {
    const plan = new Set(planned().packages);
    for (const name of [
      'azurite',
      'playwright-core',
      'vitest',
      'typescript',
      'eslint',
      'tsx',
      '@vercel/cosmosdb-server',
    ]) {
      expect(plan.has(`node_modules/${name}`)).toBe(false);
    }
    const production = new Set(Object.keys(manifest.dependencies).map((name) => `node_modules/${name}`));
    for (const name of Object.keys(manifest.devDependencies)) {
      if (production.has(`node_modules/${name}`)) continue;
      // A dev dependency is packaged only when something the app runs needs it too.
      const neededBy = [...plan].filter((path) => {
        const entry = lock.packages[path] as { dependencies?: Record<string, string> } | undefined;
        return entry?.dependencies?.[name] !== undefined;
      });
      expect({ name, packaged: plan.has(`node_modules/${name}`) }).toEqual({
        name,
        packaged: neededBy.length > 0,
      });
    }
  });

  it('is what azure.yaml deploys, built locally, with no .funcignore to contradict it', () => {
    const azureYaml = readFileSync(join(root, 'azure.yaml'), 'utf8');
    expect(azureYaml).toMatch(/dist: dist\/package\n/);
    expect(azureYaml).toMatch(/remoteBuild: false\n/);
    expect(azureYaml).toMatch(
      /prepackage:\s+shell: sh\s+run: npm run build && node scripts\/package-app\.mjs/,
    );
    expect(readdirSync(root)).not.toContain('.funcignore');
  });
});

describe('staging a package', () => {
  const project = (versionInstalled = '1.0.0'): string => {
    const work = tempDir();
    write(work, {
      'host.json': '{"version":"2.0"}',
      'package.json': JSON.stringify({ name: 'app', main: 'dist/functions/index.js' }),
      'package-lock.json': JSON.stringify({
        lockfileVersion: 3,
        packages: {
          '': { name: 'app' },
          'node_modules/runtime-dep': { version: '1.0.0' },
          'node_modules/runtime-dep/node_modules/nested-dep': { version: '2.0.0' },
          'node_modules/dev-tool': { version: '3.0.0', dev: true },
          'node_modules/dev-or-optional': { version: '4.0.0', devOptional: true },
        },
      }),
      'node_modules/runtime-dep/package.json': JSON.stringify({ version: versionInstalled }),
      'node_modules/runtime-dep/index.js': '',
      'node_modules/runtime-dep/node_modules/nested-dep/package.json': JSON.stringify({ version: '2.0.0' }),
      'node_modules/dev-tool/package.json': JSON.stringify({ version: '3.0.0' }),
      'node_modules/dev-or-optional/package.json': JSON.stringify({ version: '4.0.0' }),
      'node_modules/.bin/dev-tool': '',
      'src/functions/index.ts': '',
      'local.settings.json': '{}',
      ...builtDist,
    });
    return work;
  };

  it('copies exactly the files that run', () => {
    const work = project();
    execFileSync(process.execPath, [script, '--root', work], { stdio: 'pipe' });
    expect(listing(join(work, 'dist/package')).sort()).toEqual(
      [
        'host.json',
        'package.json',
        'dist/functions/index.js',
        'dist/infra/resources.json',
        'dist/orchestrations/journey/orchestrator.js',
        'dist/shared/config/loadConfig.js',
        'dist/shared/journey/templates/en/invitation.json',
        'dist/web/customer/page.js',
        'node_modules/runtime-dep/index.js',
        'node_modules/runtime-dep/package.json',
        'node_modules/runtime-dep/node_modules/nested-dep/package.json',
      ].sort(),
    );
  });

  it('stops when node_modules does not match package-lock.json, or nothing is built', () => {
    const stale = spawnSync(process.execPath, [script, '--root', project('0.9.0')], { encoding: 'utf8' });
    expect(stale.status).toBe(1);
    expect(stale.stderr).toMatch(/runtime-dep is 0\.9\.0 but package-lock\.json has 1\.0\.0; run npm ci/);
    const unbuilt = project();
    rmSync(join(unbuilt, 'dist'), { recursive: true });
    const missing = spawnSync(process.execPath, [script, '--root', unbuilt], { encoding: 'utf8' });
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/dist\/ is not built/);
  });
});

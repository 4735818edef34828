// Stages the Functions deployment package that azd zips and uploads (azure.yaml: `dist:
// dist/package`, `remoteBuild: false`). azd's service `prepackage` hook runs it after `npm run
// build`. The package holds what the Functions host runs and nothing else:
//   host.json, package.json, dist/ (compiled app, without the local runtime and tools) and the
//   production dependencies exactly as package-lock.json resolves them.
// Why a local build rather than Flex Consumption's remote build: a remote (Oryx) build needs the
// TypeScript sources and tsconfig in the zip and installs with the dev tools, while this keeps the
// package to what runs, is the same on every machine, and is checked by test/infra/package.test.ts.
// Dependencies are copied from node_modules (installed by azd's restore step, `npm install`) rather
// than installed again, so staging needs no network; a package with an install script or a native
// binary would not be portable that way and stops the staging instead.
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';

/** The compiled folders the app runs from; dist/local (the local runtime) and dist/scripts stay out. */
const appFolders = ['functions', 'orchestrations', 'shared', 'web', 'infra'];
const rootFiles = ['host.json', 'package.json'];

function fail(message) {
  console.error(`package-app: ${message}`);
  process.exit(1);
}

/** Where Node would find `name` from the package at `from`: its own node_modules, then each parent's. */
function resolveIn(lock, from, name) {
  for (let base = from; ;) {
    const candidate = base === '' ? `node_modules/${name}` : `${base}/node_modules/${name}`;
    if (lock.packages[candidate]) return candidate;
    if (base === '') return undefined;
    const cut = base.lastIndexOf('/node_modules/');
    base = cut < 0 ? '' : base.slice(0, cut);
  }
}

/**
 * The packages the app's `dependencies` reach, walked through the lock file. The lock's "dev"
 * flags are not enough: a workspace's own dependencies (the local runtime's azurite, rhea …) are
 * never flagged dev even when the workspace itself is only a dev dependency of the app.
 */
function productionPackages(lock) {
  if (!lock.packages || lock.lockfileVersion < 2) fail('package-lock.json must be lockfileVersion 2 or 3');
  const reached = new Set();
  const visit = (from, names) => {
    for (const name of names) {
      const path = resolveIn(lock, from, name);
      if (path === undefined || reached.has(path)) continue;
      reached.add(path);
      const entry = lock.packages[path];
      visit(path, [
        ...Object.keys(entry.dependencies ?? {}),
        ...Object.keys(entry.optionalDependencies ?? {}),
      ]);
    }
  };
  visit('', Object.keys(lock.packages['']?.dependencies ?? {}));
  // "dev" and "devOptional" mark what only development tools need (npm's package-lock.json docs).
  const runtime = ([path, entry]) => path.startsWith('node_modules/') && !entry.dev && !entry.devOptional;
  const hasWorkspaces = (lock.packages['']?.workspaces ?? []).length > 0;
  return Object.entries(lock.packages).filter(
    (item) => runtime(item) && (!hasWorkspaces || reached.has(item[0])),
  );
}

function copyPackage(root, out, path, entry) {
  const source = join(root, path);
  if (!existsSync(source)) {
    if (entry.optional) return;
    fail(`${path} is in package-lock.json but not installed; run npm ci`);
  }
  const installed = JSON.parse(readFileSync(join(source, 'package.json'), 'utf8')).version;
  if (entry.version && installed !== entry.version) {
    fail(`${path} is ${installed} but package-lock.json has ${entry.version}; run npm ci`);
  }
  if (entry.hasInstallScript)
    fail(`${path} has an install script; it must be installed on Linux, not copied`);
  cpSync(source, join(out, path), {
    recursive: true,
    dereference: true,
    // Nested node_modules are entries of their own in the lock file and are copied as such.
    filter: (from) => {
      const inside = relative(source, from);
      if (inside.split(/[\\/]/)[0] === 'node_modules') return false;
      if (from.endsWith('.node')) fail(`${path} ships a native binary (${inside})`);
      return true;
    },
  });
}

function countFiles(directory) {
  return readdirSync(directory).reduce((count, name) => {
    const path = join(directory, name);
    return count + (statSync(path).isDirectory() ? countFiles(path) : 1);
  }, 0);
}

const { values } = parseArgs({
  options: {
    root: { type: 'string', default: '.' },
    out: { type: 'string' },
    // Prints what would be staged, as JSON, and copies nothing (the package test reads it).
    list: { type: 'boolean', default: false },
  },
});
const root = resolve(values.root);
const out = resolve(values.out ?? join(root, 'dist', 'package'));

if (!existsSync(join(root, 'dist', 'functions', 'index.js')))
  fail('dist/ is not built; run npm run build first');
const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8'));
const packages = productionPackages(lock);

if (values.list) {
  const folders = appFolders.filter((folder) => existsSync(join(root, 'dist', folder)));
  console.log(JSON.stringify({ files: rootFiles, dist: folders, packages: packages.map(([path]) => path) }));
  process.exit(0);
}

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

for (const file of rootFiles) cpSync(join(root, file), join(out, file));
for (const folder of appFolders) {
  const source = join(root, 'dist', folder);
  if (existsSync(source)) cpSync(source, join(out, 'dist', folder), { recursive: true });
}

for (const [path, entry] of packages) copyPackage(root, out, path, entry);

const main = JSON.parse(readFileSync(join(out, 'package.json'), 'utf8')).main;
if (!existsSync(join(out, main))) fail(`package.json "main" (${main}) is not in the package`);
console.log(
  `package-app: ${relative(root, out) || '.'} holds ${countFiles(out)} files, ${packages.length} production packages`,
);

import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, posix, resolve } from 'node:path';
import { err, ok, type Result } from '../result';

const isGlob = (pattern: string): boolean => /[*?[\]{}]/.test(pattern);

/** One path segment's glob (`*`, `?`, `[…]`, `{a,b}`) as a regular expression. */
function segmentPattern(segment: string): RegExp {
  let source = '';
  for (let index = 0; index < segment.length; index++) {
    const char = segment[index] ?? '';
    if (char === '*') source += '[^/]*';
    else if (char === '?') source += '[^/]';
    else if (char === '[') {
      const end = segment.indexOf(']', index);
      if (end < 0) source += '\\[';
      else {
        source += `[${segment.slice(index + 1, end).replace(/^!/, '^')}]`;
        index = end;
      }
    } else if (char === '{') {
      const end = segment.indexOf('}', index);
      if (end < 0) source += '\\{';
      else {
        source += `(?:${segment
          .slice(index + 1, end)
          .split(',')
          .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
          .join('|')})`;
        index = end;
      }
    } else source += char.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`);
}

/** Files under `directory` matching the segments; `**` spans any number of directories. */
function walk(directory: string, segments: readonly string[], relative: string, found: string[]): void {
  const [head, ...rest] = segments;
  if (head === undefined) return;
  if (head === '**') {
    walk(directory, rest, relative, found);
    for (const entry of readdirSync(directory, { withFileTypes: true })) {
      if (entry.isDirectory() && entry.name !== 'node_modules' && !entry.name.startsWith('.')) {
        walk(join(directory, entry.name), segments, posix.join(relative, entry.name), found);
      }
    }
    return;
  }
  if (!isGlob(head)) {
    const path = join(directory, head);
    if (!existsSync(path)) return;
    if (rest.length === 0) {
      if (statSync(path).isFile()) found.push(posix.join(relative, head));
    } else if (statSync(path).isDirectory()) walk(path, rest, posix.join(relative, head), found);
    return;
  }
  const pattern = segmentPattern(head);
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    if (!pattern.test(entry.name) || entry.name.startsWith('.')) continue;
    if (rest.length === 0 && entry.isFile()) found.push(posix.join(relative, entry.name));
    else if (rest.length > 0 && entry.isDirectory()) {
      walk(join(directory, entry.name), rest, posix.join(relative, entry.name), found);
    }
  }
}

/**
 * The files the Node worker loads for an app: package.json `main`, a file or a glob such as
 * `dist/src/functions/*.js`. The worker (azure-functions-nodejs-worker `src/startApp.ts`) expands
 * `main` with globby relative to the app directory and fails when nothing matches; files load in
 * order. A plain `main` must exist, as `require` would insist.
 */
export function appEntryPoints(directory: string): Result<string[], string> {
  const manifestPath = join(directory, 'package.json');
  if (!existsSync(manifestPath)) return err(`${manifestPath} does not exist`);
  let manifest: { main?: unknown };
  try {
    manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as { main?: unknown };
  } catch {
    return err(`${manifestPath} is not valid JSON`);
  }
  if (typeof manifest.main !== 'string' || manifest.main === '') {
    return err('package.json has no "main" (the app entry, a file or a glob)');
  }
  const main = manifest.main.replace(/\\/g, '/').replace(/^\.\//, '');
  if (!isGlob(main)) {
    const entry = resolve(directory, main);
    return existsSync(entry) ? ok([entry]) : err(`the app entry ${main} does not exist (is the app built?)`);
  }
  const found: string[] = [];
  walk(
    directory,
    main.split('/').filter((segment) => segment !== ''),
    '',
    found,
  );
  if (found.length === 0)
    return err(`found zero files matching the "main" pattern ${main} (is the app built?)`);
  return ok([...new Set(found)].sort().map((file) => resolve(directory, file)));
}

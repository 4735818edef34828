import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * A deliberately small reading of Bicep: no compiler runs here, so the suite checks the shape
 * that most often breaks a template — unbalanced blocks, missing module files, unused or
 * unknown parameters — on text with strings and comments blanked out.
 */
export interface BicepFile {
  readonly path: string;
  readonly text: string;
  /** The text with comments removed and string contents blanked (interpolations kept). */
  readonly code: string;
}

export function readBicep(path: string): BicepFile {
  const text = readFileSync(path, 'utf8');
  return { path, text, code: stripCommentsAndStrings(text) };
}

function stripCommentsAndStrings(text: string): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const ch = text[i];
    if (ch === '/' && text[i + 1] === '/') {
      while (i < text.length && text[i] !== '\n') i++;
    } else if (ch === '/' && text[i + 1] === '*') {
      i = text.indexOf('*/', i + 2) + 2;
    } else if (ch === "'") {
      out += "'";
      i++;
      while (i < text.length && text[i] !== "'") {
        if (text[i] === '\\') {
          i += 2;
        } else if (text[i] === '$' && text[i + 1] === '{') {
          const end = text.indexOf('}', i);
          out += text.slice(i, end + 1);
          i = end + 1;
        } else {
          i++;
        }
      }
      out += "'";
      i++;
    } else {
      out += ch;
      i++;
    }
  }
  return out;
}

export function unbalanced(file: BicepFile): string[] {
  const pairs: Record<string, string> = { ')': '(', ']': '[', '}': '{' };
  const stack: { ch: string; line: number }[] = [];
  const problems: string[] = [];
  let line = 1;
  for (const ch of file.code) {
    if (ch === '\n') line++;
    if (ch === '(' || ch === '[' || ch === '{') stack.push({ ch, line });
    const open = pairs[ch];
    if (open) {
      const top = stack.pop();
      if (!top || top.ch !== open) problems.push(`${file.path}:${line}: unexpected "${ch}"`);
    }
  }
  for (const open of stack) problems.push(`${file.path}:${open.line}: "${open.ch}" never closed`);
  return problems;
}

export interface ParamDeclaration {
  readonly name: string;
  readonly hasDefault: boolean;
}

export function params(file: BicepFile): ParamDeclaration[] {
  return [...file.code.matchAll(/^param\s+(\w+)\s+[\w.]+(\s*=)?/gm)].map((m) => ({
    name: m[1] ?? '',
    hasDefault: Boolean(m[2]),
  }));
}

export function unusedParams(file: BicepFile): string[] {
  const body = file.code.replace(/^param\s+\w+.*$/gm, '');
  return params(file)
    .map((p) => p.name)
    .filter((name) => !new RegExp(`\\b${name}\\b`).test(body));
}

export interface ModuleReference {
  readonly symbol: string;
  readonly target: string;
  readonly params: readonly string[];
}

/** Local module references with the parameter names passed in their `params: { … }` block. */
export function modules(file: BicepFile): ModuleReference[] {
  const result: ModuleReference[] = [];
  for (const match of file.text.matchAll(/^module\s+(\w+)\s+'([^']+)'/gm)) {
    const start = file.text.indexOf('params: {', match.index);
    const passed: string[] = [];
    if (start >= 0) {
      let depth = 0;
      for (let i = start + 'params: '.length; i < file.text.length; i++) {
        const ch = file.text[i];
        if (ch === '{') depth++;
        if (ch === '}') depth--;
        if (depth === 0) break;
        if (ch === '\n') {
          const name = /^\s*(\w+)\s*:/.exec(file.text.slice(i + 1))?.[1];
          if (name && depth === 1) passed.push(name);
        }
      }
    }
    result.push({ symbol: match[1] ?? '', target: match[2] ?? '', params: passed });
  }
  return result;
}

export function localModulePath(from: BicepFile, target: string): string | undefined {
  if (target.startsWith('br/') || target.startsWith('br:') || target.startsWith('ts:')) return undefined;
  return join(dirname(from.path), target);
}

export const exists = existsSync;

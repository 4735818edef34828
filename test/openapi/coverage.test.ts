import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestRuntime, type TestRuntime } from '../support/runtime';

/**
 * Every HTTP function of the app as deployed is an operation of the OpenAPI document, with the
 * same methods. Content-hashed files (style sheets, scripts, icons, the service worker's shell) and
 * the document itself are files, not operations.
 */
const notOperations = [/\/assets\/\{file\}$/, /^\/openapi\.json$/, /^\/tech\/sw\.js$/, /^\/tech\/manifest/];

describe('the OpenAPI document covers every HTTP function', () => {
  let rt: TestRuntime;

  beforeAll(async () => {
    rt = await startTestRuntime({ app: () => import('../../functions') });
  }, 120_000);
  afterAll(async () => {
    await rt?.stop();
  });

  it('documents each route and method the app registers', async () => {
    const document = (await (await rt.fetch('/api/openapi.json')).json()) as {
      paths: Record<string, Record<string, unknown>>;
    };
    const documented = new Set(
      Object.entries(document.paths).flatMap(([path, methods]) =>
        Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`),
      ),
    );
    const registered = rt.runtime.functions
      .filter((fn) => fn.triggerType === 'httpTrigger')
      .flatMap((fn) => {
        const path = decodeURIComponent(new URL(fn.target).pathname)
          .replace(/^\/api/, '')
          .replace(/\{(\w+)(:[^}]*)?\}/g, '{$1}');
        return (fn.methods ?? ['GET'])
          .filter((method) => method !== 'OPTIONS')
          .map((method) => `${method} ${path}`);
      })
      .filter((operation) => !notOperations.some((pattern) => pattern.test(operation.split(' ')[1] ?? '')));
    expect(registered.length).toBeGreaterThan(40);
    const missing = registered.filter((operation) => !documented.has(operation)).sort();
    expect(missing, missing.join('\n')).toEqual([]);
  });
});

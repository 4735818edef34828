import type { FunctionApp, FunctionDescriptor } from '../host';

/** A function the host cannot run, with why; the rest of the app runs without it. */
export interface FunctionInError {
  readonly name: string;
  readonly reasons: readonly string[];
}

const functionOf = (problem: string): string | undefined => /^Function "([^"]+)"/.exec(problem)?.[1];

/**
 * Groups start-up problems by function. The Functions host indexes each function on its own: one
 * whose bindings are unknown or misconfigured is reported as "in error" and not loaded, and the
 * others start (the host's `FunctionIndexingManager` / "The 'X' function is in error" message).
 * A problem that names no function is the whole app's, and stops start-up.
 */
export function groupByFunction(problems: readonly string[]): {
  readonly failed: Map<string, string[]>;
  readonly appProblems: string[];
} {
  const failed = new Map<string, string[]>();
  const appProblems: string[] = [];
  for (const problem of problems) {
    const name = functionOf(problem);
    if (name === undefined) appProblems.push(problem);
    else failed.set(name, [...(failed.get(name) ?? []), problem.replace(/^Function "[^"]+": /, '')]);
  }
  return { failed, appProblems };
}

/** The app as the host serves it: the functions in error are neither listed nor invocable. */
export function withoutFunctions(app: FunctionApp, failed: ReadonlySet<string>): FunctionApp {
  const healthy = (fn: FunctionDescriptor | undefined): FunctionDescriptor | undefined =>
    fn && !failed.has(fn.name) ? fn : undefined;
  return {
    ...app,
    functions: app.functions.filter((fn) => !failed.has(fn.name)),
    get: (name) => healthy(app.get(name)),
  };
}

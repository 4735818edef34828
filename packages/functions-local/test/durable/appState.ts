/**
 * State the conformance app's functions share with the tests. Kept apart from the app so a test can
 * import it before the host loads the app (the app must load after the host installs its core API).
 */

/** Switches the orchestrators read, so a test can change "the code" between replays. */
export const knobs = { flipChoice: false };

/** How many times each activity key has been called (activities are at-least-once; tests count). */
export const calls = new Map<string, number>();

export const countCall = (key: string): number => {
  const n = (calls.get(key) ?? 0) + 1;
  calls.set(key, n);
  return n;
};

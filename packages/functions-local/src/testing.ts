import { sessionCookieName, signSession } from './auth';

/**
 * A fixed session key for test runtimes (`auth: { sessionKey: testSessionKey }`), so a test can
 * hold a signed-in user's headers before its runtime starts. Never use it outside tests.
 */
export const testSessionKey = Buffer.from('functions-local-test-session-key');

/**
 * Request headers of a browser signed in through `/.auth/login` as this user: the session cookie
 * the sign-in page would have set, MAC'd with `testSessionKey`.
 */
export function signedInAs(user: {
  readonly userId: string;
  readonly name?: string;
  readonly roles: readonly string[];
}): { readonly cookie: string } {
  const token = signSession(
    testSessionKey,
    { userId: user.userId, name: user.name ?? user.userId, roles: [...user.roles] },
    Date.UTC(2100, 0, 1),
  );
  return { cookie: `${sessionCookieName}=${token}` };
}

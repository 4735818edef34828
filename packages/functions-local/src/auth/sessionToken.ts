import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

/** Who signed in on the login page: what the platform's token store keeps for a session. */
export const SessionUser = z.object({
  /** The Entra object id (`oid`), also `x-ms-client-principal-id`. */
  userId: z.string().min(1).max(128),
  /** The display name, also `x-ms-client-principal-name`. */
  name: z.string().min(1).max(128),
  roles: z.array(z.string().min(1).max(64)).max(16),
});
export type SessionUser = z.infer<typeof SessionUser>;

const SessionPayload = SessionUser.extend({ expiresAt: z.number().int() });
type SessionPayload = z.infer<typeof SessionPayload>;

const signature = (key: Buffer, body: string): Buffer => createHmac('sha256', key).update(body).digest();

/**
 * An opaque session token: the user and an expiry, MAC'd with the runtime's session key. App
 * Service's own `AppServiceAuthSession` value is opaque to the app as well; only the platform reads it.
 */
export function signSession(key: Buffer, user: SessionUser, expiresAt: number): string {
  const payload: SessionPayload = { ...user, expiresAt };
  const body = Buffer.from(JSON.stringify(payload), 'utf8').toString('base64url');
  return `${body}.${signature(key, body).toString('base64url')}`;
}

export interface Session {
  readonly user: SessionUser;
  readonly expiresAt: number;
}

/** The session while the token is intact and unexpired; anything else is no session. */
export function verifySession(key: Buffer, token: string, now: number): Session | undefined {
  const [body, mac, ...rest] = token.split('.');
  if (body === undefined || mac === undefined || rest.length > 0) return undefined;
  const expected = signature(key, body);
  const presented = Buffer.from(mac, 'base64url');
  // Canonical form only: a signature with trailing junk decodes to the same bytes, so compare the text too.
  if (presented.toString('base64url') !== mac) return undefined;
  if (presented.length !== expected.length || !timingSafeEqual(presented, expected)) return undefined;
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  const payload = SessionPayload.safeParse(decoded);
  if (!payload.success || payload.data.expiresAt <= now) return undefined;
  const { expiresAt, ...user } = payload.data;
  return { user, expiresAt };
}

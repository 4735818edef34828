import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import type { LinkSigningKey } from '../config/appConfig';
import { EntityId } from '../common/identifiers';
import { LinkPurpose } from '../journey/purposes';
import { err, ok, type Result } from '../result';

/**
 * What a self-service link grants: one purpose on one work order until it expires. The work-order
 * id is ours, not personal data; nothing about the customer is in the URL.
 */
export const LinkClaims = z.strictObject({
  workOrderId: EntityId,
  purpose: LinkPurpose,
  /** Expiry, seconds since the epoch. */
  expiresAt: z.int().positive(),
});
export type LinkClaims = z.infer<typeof LinkClaims>;

export type LinkRefusal = 'malformed' | 'unknownKey' | 'badSignature' | 'expired';

const version = 'v1';

const signature = (secret: string, signed: string): Buffer =>
  createHmac('sha256', secret).update(signed, 'utf8').digest();

/**
 * `v1.<kid>.<claims, base64url JSON>.<HMAC-SHA256, base64url>`. The key id lets keys rotate: new
 * links are signed with the first key, links signed with any listed key still verify.
 */
export function signLink(keys: readonly LinkSigningKey[], claims: LinkClaims): string {
  const key = keys[0];
  if (key === undefined) throw new Error('no link signing key');
  const signed = `${version}.${key.kid}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}`;
  return `${signed}.${signature(key.secret, signed).toString('base64url')}`;
}

/**
 * The claims of a token we signed, expired or not: for "send me a new link", which needs to know
 * whose link expired and must still refuse anything forged.
 */
export function verifyLinkSignature(
  keys: readonly LinkSigningKey[],
  token: string,
): Result<LinkClaims, Exclude<LinkRefusal, 'expired'>> {
  const parts = token.split('.');
  if (parts.length !== 4 || parts[0] !== version) return err('malformed');
  const [, kid, body, mac] = parts as [string, string, string, string];
  const key = keys.find((candidate) => candidate.kid === kid);
  if (key === undefined) return err('unknownKey');
  const expected = signature(key.secret, `${version}.${kid}.${body}`);
  const given = Buffer.from(mac, 'base64url');
  // Node's decoder skips padding and ignores the unused low bits of the last character, so several
  // texts decode to the same MAC; only the one canonical spelling is the link we issued.
  if (given.toString('base64url') !== mac) return err('badSignature');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return err('badSignature');
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
  } catch {
    return err('malformed');
  }
  const claims = LinkClaims.safeParse(decoded);
  return claims.success ? ok(claims.data) : err('malformed');
}

/** Checks signature first and expiry last, so a forged token never learns whether it has expired. */
export function verifyLink(
  keys: readonly LinkSigningKey[],
  token: string,
  now: Date,
): Result<LinkClaims, LinkRefusal> {
  const signed = verifyLinkSignature(keys, token);
  if (!signed.ok) return signed;
  if (signed.value.expiresAt * 1000 <= now.getTime()) return err('expired');
  return signed;
}

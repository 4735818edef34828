import {
  createCipheriv,
  createDecipheriv,
  createHmac,
  hkdfSync,
  randomBytes,
  timingSafeEqual,
} from 'node:crypto';
import { z } from 'zod';
import type { LinkSigningKey } from '../config/appConfig';
import { EntityId } from '../common/identifiers';
import { LinkPurpose } from '../journey/purposes';
import { err, ok, type Result } from '../result';

/**
 * What a self-service link grants: one purpose on one work order, from when it was issued (a
 * later revocation of the work order's links refuses it) until it expires.
 */
export const LinkClaims = z.strictObject({
  workOrderId: EntityId,
  purpose: LinkPurpose,
  /** Expiry, seconds since the epoch. */
  expiresAt: z.int().positive(),
  /** Issue time, milliseconds since the epoch: links issued before a revocation are refused. */
  issuedAt: z.int().nonnegative(),
});
export type LinkClaims = z.infer<typeof LinkClaims>;

export type LinkRefusal = 'malformed' | 'unknownKey' | 'badSignature' | 'expired';

const version = 'v2';

/**
 * What travels in the token: an opaque reference instead of the work-order id (which is made of
 * the utility's own codes), the purpose and the two times. Short names keep the URL short.
 */
const WireClaims = z.strictObject({
  r: z.string().min(1).max(200),
  p: LinkPurpose,
  e: z.int().positive(),
  i: z.int().nonnegative(),
});

const signature = (secret: string, signed: string): Buffer =>
  createHmac('sha256', secret).update(signed, 'utf8').digest();

/** A key of its own for the reference, derived from the signing secret so rotation covers both. */
const referenceKey = (secret: string): Buffer =>
  Buffer.from(hkdfSync('sha256', secret, Buffer.alloc(0), 'fieldline link reference', 32));

/** AES-256-GCM of the work-order id: unreadable without the key, and tamper-evident by itself too. */
function referenceFor(secret: string, workOrderId: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', referenceKey(secret), iv);
  const sealed = Buffer.concat([cipher.update(workOrderId, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, sealed, cipher.getAuthTag()]).toString('base64url');
}

function workOrderIdOf(secret: string, reference: string): string | undefined {
  const bytes = Buffer.from(reference, 'base64url');
  if (bytes.length < 12 + 16 + 1) return undefined;
  try {
    const decipher = createDecipheriv('aes-256-gcm', referenceKey(secret), bytes.subarray(0, 12));
    decipher.setAuthTag(bytes.subarray(bytes.length - 16));
    return Buffer.concat([decipher.update(bytes.subarray(12, bytes.length - 16)), decipher.final()]).toString(
      'utf8',
    );
  } catch {
    return undefined;
  }
}

/**
 * `v2.<kid>.<claims, base64url JSON>.<HMAC-SHA256, base64url>`. The key id lets keys rotate: new
 * links are signed with the first key, links signed with any listed key still verify.
 */
export function signLink(keys: readonly LinkSigningKey[], claims: LinkClaims): string {
  const key = keys[0];
  if (key === undefined) throw new Error('no link signing key');
  const wire = {
    r: referenceFor(key.secret, claims.workOrderId),
    p: claims.purpose,
    e: claims.expiresAt,
    i: claims.issuedAt,
  };
  const signed = `${version}.${key.kid}.${Buffer.from(JSON.stringify(wire)).toString('base64url')}`;
  return `${signed}.${signature(key.secret, signed).toString('base64url')}`;
}

/** Only the one spelling we issue: Node's decoder skips padding, `!`, `~` and unused low bits. */
const isCanonicalBase64url = (text: string, bytes: Buffer): boolean =>
  /^[A-Za-z0-9_-]*$/.test(text) && bytes.toString('base64url') === text;

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
  if (!isCanonicalBase64url(mac, given)) return err('badSignature');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return err('badSignature');
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
  } catch {
    return err('malformed');
  }
  const wire = WireClaims.safeParse(decoded);
  if (!wire.success) return err('malformed');
  const claims = LinkClaims.safeParse({
    workOrderId: workOrderIdOf(key.secret, wire.data.r),
    purpose: wire.data.p,
    expiresAt: wire.data.e,
    issuedAt: wire.data.i,
  });
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

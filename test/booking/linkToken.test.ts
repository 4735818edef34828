import { describe, expect, it } from 'vitest';
import { hmacLinkIssuer } from '../../shared/links/linkIssuer';
import { signLink, verifyLink, type LinkClaims } from '../../shared/links/linkToken';

const current = { kid: 'k2', secret: 'second-secret-that-is-long-enough-000' };
const previous = { kid: 'k1', secret: 'first-secret-that-is-long-enough-0000' };
const now = new Date('2026-11-23T10:00:00Z');
const claims: LinkClaims = {
  workOrderId: 'WO-FIBERCO-FIBERCO-0000001',
  purpose: 'book',
  expiresAt: Math.floor(now.getTime() / 1000) + 3600,
  issuedAt: now.getTime() - 60_000,
};

describe('signed self-service links', () => {
  it('verifies what it signed', () => {
    const token = signLink([current, previous], claims);
    expect(verifyLink([current, previous], token, now)).toEqual({ ok: true, value: claims });
  });

  it('refuses a token whose claims were changed', () => {
    const [v, kid, , mac] = signLink([current], claims).split('.');
    const forged = Buffer.from(JSON.stringify({ ...claims, workOrderId: 'WO-OTHER-1' })).toString(
      'base64url',
    );
    expect(verifyLink([current], [v, kid, forged, mac].join('.'), now)).toEqual({
      ok: false,
      error: 'badSignature',
    });
  });

  it('refuses a token with a changed signature or shape', () => {
    const token = signLink([current], claims);
    const flipped = `${token.slice(0, -2)}${token.endsWith('AA') ? 'AB' : 'AA'}`;
    expect(verifyLink([current], flipped, now)).toEqual({ ok: false, error: 'badSignature' });
    expect(verifyLink([current], 'v2.k2.abc', now)).toEqual({ ok: false, error: 'malformed' });
    // The first version's readable claims are no longer accepted at all.
    expect(verifyLink([current], `v1${token.slice(2)}`, now)).toEqual({ ok: false, error: 'malformed' });
  });

  it('refuses every other spelling of the signature, even those that decode to the same bytes', () => {
    const token = signLink([current], claims);
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const lastChanged = [...alphabet]
      .filter((char) => char !== token.at(-1))
      .map((char) => `${token.slice(0, -1)}${char}`);
    // A 32-byte MAC leaves two unused bits in its last character: three of these decode to the real MAC.
    const sameBytes = lastChanged.filter((forged) =>
      Buffer.from(forged.split('.')[3] ?? '', 'base64url').equals(
        Buffer.from(token.split('.')[3] ?? '', 'base64url'),
      ),
    );
    expect(sameBytes).toHaveLength(3);
    for (const forged of [...lastChanged, `${token}=`, `${token}==`]) {
      expect(verifyLink([current], forged, now)).toEqual({ ok: false, error: 'badSignature' });
    }
  });

  it('refuses an expired token, and only once its signature checks out', () => {
    const token = signLink([current], { ...claims, expiresAt: Math.floor(now.getTime() / 1000) });
    expect(verifyLink([current], token, now)).toEqual({ ok: false, error: 'expired' });
    const forged = signLink([{ kid: 'k2', secret: 'an-attackers-secret-long-enough-0000' }], claims);
    expect(verifyLink([current], forged, new Date(now.getTime() + 7_200_000))).toEqual({
      ok: false,
      error: 'badSignature',
    });
  });

  it('keeps links signed with the previous key working during a rotation, and not after it', () => {
    const old = signLink([previous], claims);
    expect(verifyLink([current, previous], old, now).ok).toBe(true);
    expect(verifyLink([current], old, now)).toEqual({ ok: false, error: 'unknownKey' });
    expect(signLink([current, previous], claims).split('.')[1]).toBe('k2');
  });

  it('issues links under the public base URL with nothing personal in them', () => {
    const link = hmacLinkIssuer([current], 'https://fieldline.example').linkFor(
      claims.workOrderId,
      'reschedule',
      new Date(claims.expiresAt * 1000),
    );
    expect(link).toMatch(/^https:\/\/fieldline\.example\/api\/s\/v2\.k2\.[\w-]+\.[\w-]+$/);
    const token = link.split('/').at(-1) ?? '';
    // The claims carry an opaque reference: neither the work-order id nor the utility's codes.
    const readable = Buffer.from(token.split('.')[2] ?? '', 'base64url').toString('utf8');
    for (const part of ['WO-', 'FIBERCO', '0000001']) expect(readable).not.toContain(part);
    expect(Object.keys(JSON.parse(readable) as object).sort()).toEqual(['e', 'i', 'p', 'r']);
    expect(verifyLink([current], token, now)).toMatchObject({ ok: true, value: { purpose: 'reschedule' } });
  });
});

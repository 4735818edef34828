import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ExternalId, UtilityCode } from '../../../shared/common/identifiers';
import { workOrderIdFor } from '../../../shared/workorders/workOrderId';

const utilityCodes = fc.stringMatching(/^[A-Z0-9]{2,16}$/);
const externalIds = fc.stringMatching(/^[\x21-\x7E]{1,64}$/);

describe('workOrderIdFor', () => {
  it('is readable for ordinary ids', () => {
    expect(workOrderIdFor('FLUVIUS', 'WO-2026-000123')).toBe('WO-FLUVIUS-WO-2026-000123');
  });

  it('encodes characters Cosmos and Durable refuse', () => {
    expect(workOrderIdFor('FLUVIUS', 'WO/2026#1?a\\b')).toBe('WO-FLUVIUS-WO~2F2026~231~3Fa~5Cb');
  });

  it('is deterministic, safe and within 100 characters for every valid input', () => {
    fc.assert(
      fc.property(utilityCodes, externalIds, (utilityCode, externalId) => {
        expect(UtilityCode.safeParse(utilityCode).success && ExternalId.safeParse(externalId).success).toBe(
          true,
        );
        const id = workOrderIdFor(utilityCode, externalId);
        expect(id).toBe(workOrderIdFor(utilityCode, externalId));
        expect(id).not.toMatch(/[/\\?#\s]/);
        expect(id.length).toBeLessThanOrEqual(100);
      }),
    );
  });

  it('gives different (utility, external id) pairs different ids', () => {
    fc.assert(
      fc.property(utilityCodes, externalIds, utilityCodes, externalIds, (u1, e1, u2, e2) => {
        fc.pre(u1 !== u2 || e1 !== e2);
        expect(workOrderIdFor(u1, e1)).not.toBe(workOrderIdFor(u2, e2));
      }),
    );
  });

  it('does not confuse an id that looks encoded with one that needed encoding', () => {
    expect(workOrderIdFor('ORES', '~2F')).not.toBe(workOrderIdFor('ORES', '/'));
    expect(workOrderIdFor('AB', 'C-D')).not.toBe(workOrderIdFor('ABC', 'D'));
  });

  it('falls back to a digest when the encoded id would be too long', () => {
    const longAndAwkward = '/'.repeat(64);
    const id = workOrderIdFor('FLUVIUS', longAndAwkward);
    expect(id).toMatch(/^WO-FLUVIUS~[0-9a-f]{40}$/);
    expect(workOrderIdFor('FLUVIUS', '/'.repeat(63))).toMatch(/^WO-FLUVIUS~[0-9a-f]{40}$/);
    expect(workOrderIdFor('FLUVIUS', '/'.repeat(63))).not.toBe(id);
  });
});

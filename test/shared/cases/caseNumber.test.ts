import { describe, expect, it } from 'vitest';
import { CaseNumber, caseNumberFor } from '../../../shared/cases/caseNumber';

describe('case numbers', () => {
  it('pads the sequence to six digits', () => {
    expect(caseNumberFor(1)).toBe('CASE-000001');
    expect(caseNumberFor(424242)).toBe('CASE-424242');
    expect(caseNumberFor(999_999)).toBe('CASE-999999');
  });

  it('has no number for sequences outside 1…999 999', () => {
    expect(caseNumberFor(0)).toBeUndefined();
    expect(caseNumberFor(1_000_000)).toBeUndefined();
    expect(caseNumberFor(1.5)).toBeUndefined();
  });

  it('accepts only the CASE-dddddd form', () => {
    expect(CaseNumber.safeParse('CASE-000042').success).toBe(true);
    for (const bad of ['CASE-42', 'case-000042', 'CASE-0000420', 'CASE-00004a']) {
      expect(CaseNumber.safeParse(bad).success).toBe(false);
    }
  });
});

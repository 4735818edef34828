import { z } from 'zod';

/** Agents read case numbers out on the phone: `CASE-` and six digits, e.g. CASE-000042. */
export const CaseNumber = z.string().regex(/^CASE-\d{6}$/, 'must be CASE- followed by six digits');
export type CaseNumber = z.infer<typeof CaseNumber>;

export const maxCaseSequence = 999_999;

/**
 * The number for the n-th case (from 1), drawn from the case-number counter document. Past
 * 999 999 there is no number to give, so the caller gets undefined rather than a seventh digit.
 */
export const caseNumberFor = (sequence: number): CaseNumber | undefined =>
  Number.isInteger(sequence) && sequence >= 1 && sequence <= maxCaseSequence
    ? `CASE-${String(sequence).padStart(6, '0')}`
    : undefined;

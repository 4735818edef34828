import { z } from 'zod';

/** Why a visit ended without finishing the work; `customerAbsent` is the no-show. */
export const IncompleteReason = z.enum([
  'customerAbsent',
  'partlyDone',
  'accessDenied',
  'technicalIssue',
  'other',
]);
export type IncompleteReason = z.infer<typeof IncompleteReason>;

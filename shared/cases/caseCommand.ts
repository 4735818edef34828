import { z } from 'zod';
import { CancelledCaseReason, ResolvedCaseReason } from './caseState';

export const CaseCommand = z.discriminatedUnion('type', [
  z.object({ type: z.literal('startWork') }),
  z.object({ type: z.literal('awaitCustomer') }),
  z.object({ type: z.literal('hold') }),
  z.object({ type: z.literal('referToFieldService') }),
  z.object({ type: z.literal('resolve'), reason: ResolvedCaseReason }),
  z.object({ type: z.literal('cancel'), reason: CancelledCaseReason }),
  z.object({ type: z.literal('reactivate') }),
]);
export type CaseCommand = z.infer<typeof CaseCommand>;
export type CaseCommandType = CaseCommand['type'];

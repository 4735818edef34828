import { z } from 'zod';

export const ActiveCaseReason = z.enum([
  'New',
  'InProgress',
  'WaitingForCustomer',
  'OnHold',
  'InFieldService',
]);
export type ActiveCaseReason = z.infer<typeof ActiveCaseReason>;

export const ResolvedCaseReason = z.enum(['ProblemSolved', 'InformationProvided']);
export type ResolvedCaseReason = z.infer<typeof ResolvedCaseReason>;

export const CancelledCaseReason = z.enum(['Withdrawn', 'Duplicate']);
export type CancelledCaseReason = z.infer<typeof CancelledCaseReason>;

/** Status plus status reason, as service desks model it; each status has its own reasons. */
export const CaseState = z.discriminatedUnion('status', [
  z.object({ status: z.literal('Active'), reason: ActiveCaseReason }),
  z.object({ status: z.literal('Resolved'), reason: ResolvedCaseReason }),
  z.object({ status: z.literal('Cancelled'), reason: CancelledCaseReason }),
]);
export type CaseState = z.infer<typeof CaseState>;
export type CaseStatus = CaseState['status'];

export const initialCaseState: CaseState = { status: 'Active', reason: 'New' };

/** Resolved is not terminal: an agent may reactivate a case the customer says is not solved. */
export const isTerminalCaseStatus = (status: CaseStatus): boolean => status === 'Cancelled';

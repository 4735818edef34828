import { z } from 'zod';

export const erasureOrchestrationName = 'personalDataErasure';

/** One erasure per request id: a retried request finds the instance already there. */
export const erasureInstanceId = (erasureId: string): string => `erasure-${erasureId}`;

export const erasureActivityNames = {
  findRecords: 'erasureFindRecords',
  endJourney: 'erasureEndJourney',
  eraseWorkOrder: 'erasureEraseWorkOrder',
  deleteFiles: 'erasureDeleteFiles',
  deleteExports: 'erasureDeleteExports',
  purgeJourney: 'erasurePurgeJourney',
  eraseCase: 'erasureEraseCase',
  eraseCustomer: 'erasureEraseCustomer',
  recordErasure: 'erasureRecord',
} as const;
export type ErasureActivityKey = keyof typeof erasureActivityNames;

export const ErasureScope = z.object({
  workOrderIds: z.array(z.string()),
  caseIds: z.array(z.string()),
});
export type ErasureScope = z.infer<typeof ErasureScope>;

/** `running`: the journey was asked to cancel and has not finished yet. */
export const JourneyEnd = z.enum(['none', 'finished', 'running']);
export type JourneyEnd = z.infer<typeof JourneyEnd>;

export const StepCounts = z.object({
  replaced: z.int().min(0),
  deleted: z.int().min(0),
  reads: z.int().min(0),
});
export type StepCounts = z.infer<typeof StepCounts>;

export const ErasureOutcome = z.object({
  erasureId: z.string(),
  workOrders: z.int().min(0),
  cases: z.int().min(0),
  customers: z.int().min(0),
  documentsReplaced: z.int().min(0),
  documentsDeleted: z.int().min(0),
  filesDeleted: z.int().min(0),
  exportsDeleted: z.int().min(0),
  historiesPurged: z.int().min(0),
  storageReads: z.int().min(0),
});
export type ErasureOutcome = z.infer<typeof ErasureOutcome>;

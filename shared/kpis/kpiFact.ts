import { createHash } from 'node:crypto';
import { z } from 'zod';
import { EntityId } from '../common/identifiers';
import { IsoInstant } from '../common/time';
import { IncompleteReason } from '../workorders/incompleteReason';

/**
 * Something that happened which a KPI counts, recorded where it happens. `at` decides the day it
 * counts on; a case's escalation counts on the day the case was opened, so the dispatch rate
 * compares the cases opened in a range with how many of those same cases went to the field.
 */
export const KpiFact = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('caseOpened'), caseId: EntityId, at: IsoInstant }),
  z.object({
    kind: z.literal('caseEscalated'),
    caseId: EntityId,
    at: IsoInstant.meta({ description: 'When the case was opened' }),
  }),
  z.object({
    kind: z.literal('caseResolved'),
    caseId: EntityId,
    at: IsoInstant,
    /** Resolved with no work order ever linked to it. */
    firstCall: z.boolean(),
    slaMet: z.boolean(),
  }),
  /** The journey began a contact round (first invitation, or again after a resume). */
  z.object({ kind: z.literal('contactStarted'), workOrderId: EntityId, at: IsoInstant }),
  /** The journey put the work order on hold because the customer never answered. */
  z.object({ kind: z.literal('noContact'), workOrderId: EntityId, at: IsoInstant }),
  z.object({
    kind: z.literal('visitCompleted'),
    workOrderId: EntityId,
    at: IsoInstant,
    /** When the utility sent the work order (kept by follow-ups), the start of end-to-end time. */
    receivedAt: IsoInstant,
    slaMet: z.boolean(),
  }),
  z.object({
    kind: z.literal('visitIncomplete'),
    workOrderId: EntityId,
    at: IsoInstant,
    reason: IncompleteReason,
  }),
  z.object({
    kind: z.literal('surveyAnswered'),
    workOrderId: EntityId,
    at: IsoInstant,
    score: z.int().min(1).max(5),
  }),
]);
export type KpiFact = z.infer<typeof KpiFact>;

function identityOf(fact: KpiFact): readonly string[] {
  switch (fact.kind) {
    case 'caseOpened':
    case 'caseEscalated':
      // Once per case: a second work order for the same case is not a second escalation.
      return [fact.kind, fact.caseId];
    case 'caseResolved':
      return [fact.kind, fact.caseId, fact.at];
    case 'surveyAnswered':
      // The survey page takes one answer per work order.
      return [fact.kind, fact.workOrderId];
    case 'contactStarted':
    case 'noContact':
    case 'visitCompleted':
    case 'visitIncomplete':
      return [fact.kind, fact.workOrderId, fact.at];
    default: {
      const unhandled: never = fact;
      throw new Error(`unknown KPI fact ${JSON.stringify(unhandled)}`);
    }
  }
}

/**
 * The same happening reported twice (a retried request or activity) has the same id, so the day
 * document can drop the repeat. A digest keeps the day's list of recent ids small.
 */
export const kpiFactId = (fact: KpiFact): string =>
  createHash('sha256')
    .update(JSON.stringify(identityOf(fact)))
    .digest('base64url')
    .slice(0, 16);

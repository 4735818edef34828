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
    /** Resolved with no work order ever linked to it: no field visit was needed. */
    firstCall: z.boolean(),
    /** Resolved within the resolution target; a late resolution is counted by its `slaBreached`. */
    slaMet: z.boolean(),
  }),
  /** The journey began a contact round (first invitation, or again after a rebook or resume). */
  z.object({ kind: z.literal('contactStarted'), workOrderId: EntityId, at: IsoInstant }),
  /**
   * We started contacting this work order's customer; counted once per work order, on the day the
   * work order arrived (`at` is its received time), like the no-contact hold it is compared with.
   */
  z.object({ kind: z.literal('workOrderContacted'), workOrderId: EntityId, at: IsoInstant }),
  /**
   * The journey put the work order on hold because the customer never answered; once per work
   * order, on the day it arrived (`at` is its received time), however often it goes on hold.
   */
  z.object({ kind: z.literal('noContact'), workOrderId: EntityId, at: IsoInstant }),
  z.object({
    kind: z.literal('visitCompleted'),
    workOrderId: EntityId,
    at: IsoInstant,
    /** When the utility sent the work order (kept by follow-ups), the start of end-to-end time. */
    receivedAt: IsoInstant,
    /** Completed within time to complete; a late completion is counted by its `slaBreached`. */
    slaMet: z.boolean(),
    /** The job's first visit fixed it: no earlier visit to this work order, and not a follow-up. */
    firstVisit: z.boolean(),
  }),
  /**
   * A case's resolution clock or a work order's time-to-complete clock missed its target, at the
   * instant it did (`at`), whether or not the work ever finished. Written by whoever sees it
   * first (the sweep, the resolution, the completion): all compute the same instant, so the fact
   * is the same and counts once.
   */
  z.object({
    kind: z.literal('slaBreached'),
    subject: z.enum(['case', 'workOrder']),
    subjectId: EntityId,
    at: IsoInstant,
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
    case 'workOrderContacted':
    case 'noContact':
      return [fact.kind, fact.workOrderId];
    case 'slaBreached':
      return [fact.kind, fact.subjectId, fact.at];
    case 'surveyAnswered':
      // The survey page takes one answer per work order.
      return [fact.kind, fact.workOrderId];
    case 'contactStarted':
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

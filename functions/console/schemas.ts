import { z } from 'zod';
import { EntityId } from '../../shared/common/identifiers';
import { IsoDate } from '../../shared/common/time';

export const JourneyParams = z.object({ workOrderId: EntityId });

/** The dashboard's range; either end left out means the last 30 Brussels days up to today. */
export const KpiPageQuery = z.object({ from: IsoDate.optional(), to: IsoDate.optional() });

/** What the confirmation page pre-fills from the form that led there. */
export const ConfirmQuery = z.object({
  technicianId: z.string().trim().min(1).max(100).optional(),
  reason: z.string().trim().max(500).optional(),
});

import { z } from 'zod';
import { RegionCode } from '../../shared/common/geo';
import { EntityId, UtilityCode } from '../../shared/common/identifiers';
import { IsoDate } from '../../shared/common/time';
import { JourneyListStage } from '../../shared/journey/projection';

export const JourneyParams = z.object({ workOrderId: EntityId });

/** The dashboard's range; either end left out means the last 30 Brussels days up to today. */
export const KpiPageQuery = z.object({ from: IsoDate.optional(), to: IsoDate.optional() });

/** What the confirmation page pre-fills from the form that led there. */
export const ConfirmQuery = z.object({
  technicianId: z.string().trim().min(1).max(100).optional(),
  reason: z.string().trim().max(500).optional(),
});

const blankAsAbsent = (value: unknown) =>
  typeof value === 'string' && value.trim() === '' ? undefined : value;

/**
 * The journeys list's form, as a browser sends it (an empty field is no filter). Dates are
 * Brussels days; `q` is one search box for an external id, a work-order id, a phone or an email.
 */
export const ConsoleJourneysQuery = z.object({
  stage: z.preprocess(blankAsAbsent, JourneyListStage.optional()),
  region: z.preprocess(blankAsAbsent, RegionCode.optional()),
  utility: z.preprocess(blankAsAbsent, UtilityCode.optional()),
  from: z.preprocess(blankAsAbsent, IsoDate.optional()),
  to: z.preprocess(blankAsAbsent, IsoDate.optional()),
  q: z.preprocess(blankAsAbsent, z.string().trim().max(254).optional()),
  continuation: z.preprocess(blankAsAbsent, z.string().max(8192).optional()),
});
export type ConsoleJourneysQuery = z.infer<typeof ConsoleJourneysQuery>;

import { z } from 'zod';
import { EntityId, ExternalId, UtilityCode } from '../common/identifiers';
import { IsoInstant } from '../common/time';
import { RegionCode } from '../common/geo';
import { contactIndexIdsOf } from '../customers/contactIndex';
import type { Customer } from '../customers/customer';
import type { WorkOrder } from '../workorders/workOrder';
import { JourneyAppointment, JourneyStatus, NextAction, type JourneyStage } from './journeyStatus';

/**
 * The stages ops browse and count. Finer than the work-order status, coarser than the journey's
 * own stage: "booked" covers a booked visit and a technician on the way; a visit that ended
 * partly done closes its journey like a completed one (its follow-up has a journey of its own).
 */
export const JourneyListStage = z.enum([
  'contacting',
  'booked',
  'onHold',
  'closedUnreachable',
  'completed',
  'cancelled',
]);
export type JourneyListStage = z.infer<typeof JourneyListStage>;

export function listStageOf(stage: JourneyStage): JourneyListStage {
  switch (stage) {
    case 'contacting':
    case 'onHold':
    case 'cancelled':
    case 'closedUnreachable':
    case 'completed':
      return stage;
    case 'scheduled':
    case 'technicianEnRoute':
      return 'booked';
    case 'closedIncomplete':
      return 'completed';
    default: {
      const unhandled: never = stage;
      throw new Error(`unknown journey stage ${String(unhandled)}`);
    }
  }
}

/** The search key of a utility's own reference: utilities number independently, so it names the utility. */
export const externalSearchKey = (utilityCode: string, externalId: string): string =>
  `EXT-${utilityCode}-${externalId}`;

/**
 * One document per work order in the `journeys` container (partition key `/id` = work-order id),
 * what the ops list pages through instead of Durable's instance table. Search keys are the
 * utility's reference and the contact-index ids of the customer's phone and email (digests, see
 * `contactIndexIdFor`), never the phone or email itself. `version` is the journey's own count of
 * status changes: a write carrying an older version than the stored one is dropped, so a retried
 * or late activity never puts an older stage back.
 */
export const JourneyProjection = z.object({
  id: EntityId,
  docType: z.literal('journey'),
  stage: JourneyListStage,
  journeyStage: JourneyStatus.shape.stage,
  attempt: z.int().min(0),
  region: RegionCode,
  utilityCode: UtilityCode,
  externalId: ExternalId,
  next: z.object({ action: NextAction, at: IsoInstant }).optional(),
  appointment: JourneyAppointment.optional(),
  updatedAt: IsoInstant,
  searchKeys: z.array(z.string().min(1)),
  version: z.int().min(0),
});
export type JourneyProjection = z.infer<typeof JourneyProjection>;

export function journeyProjectionOf(
  status: JourneyStatus,
  version: number,
  workOrder: Pick<WorkOrder, 'id' | 'utilityCode' | 'externalId' | 'site'>,
  customer: Pick<Customer, 'phone' | 'email'> | undefined,
): JourneyProjection {
  return {
    id: workOrder.id,
    docType: 'journey',
    stage: listStageOf(status.stage),
    journeyStage: status.stage,
    attempt: status.attempt,
    region: workOrder.site.region,
    utilityCode: workOrder.utilityCode,
    externalId: workOrder.externalId,
    ...(status.next === undefined ? {} : { next: status.next }),
    ...(status.appointment === undefined ? {} : { appointment: status.appointment }),
    updatedAt: status.updatedAt,
    searchKeys: [
      externalSearchKey(workOrder.utilityCode, workOrder.externalId),
      ...(customer === undefined ? [] : contactIndexIdsOf(customer)),
    ],
    version,
  };
}

/** Whether `incoming` may replace `stored`: only a strictly newer version does (replays are equal). */
export const supersedes = (
  incoming: Pick<JourneyProjection, 'version'>,
  stored?: Pick<JourneyProjection, 'version'>,
) => stored === undefined || incoming.version > stored.version;

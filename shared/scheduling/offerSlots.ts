import { localDateTimeOf } from '../common/zonedTime';
import type { Technician } from '../technicians/technician';
import { buildSlot } from './buildSlot';
import { technicianFor, type SlotRequest } from './reserveSlot';
import { defaultSlotWindows, slotIdFor, type Slot, type SlotWindow } from './slot';

export interface SlotOffer {
  readonly slotId: string;
  readonly localDate: string;
  readonly windowStart: string;
  readonly windowEnd: string;
}

export interface OfferRules {
  /** No visit sooner than this after now: planning and travel need the time. */
  readonly leadTimeHours: number;
  /** The last day offered; the work order's due date. */
  readonly dueDate: string;
  /** At most this many days ahead of now, so a page never lists months of slots. */
  readonly horizonDays: number;
  readonly timeZone: string;
  readonly windows?: readonly SlotWindow[];
}

const isoDate = (date: Date, timeZone: string): string => {
  const local = localDateTimeOf(date, timeZone);
  return `${local.year}-${String(local.month).padStart(2, '0')}-${String(local.day).padStart(2, '0')}`;
};

/** The local calendar days from the first possible one to the due date (or the horizon). */
export function bookableDays(now: Date, rules: OfferRules): string[] {
  const first = new Date(now.getTime() + rules.leadTimeHours * 3_600_000);
  const days: string[] = [];
  for (let offset = 0; offset <= rules.horizonDays; offset++) {
    const day = isoDate(new Date(first.getTime() + offset * 86_400_000), rules.timeZone);
    if (day > rules.dueDate) break;
    if (days.at(-1) !== day) days.push(day);
  }
  return days;
}

/**
 * The windows a work order can be booked in: stored slots as they are (with their bookings), and
 * unbooked days built from the technicians, each offered only if some technician with the right
 * skills has room, and none that starts before the lead time.
 */
export function offerSlots(
  stored: readonly Slot[],
  technicians: readonly Technician[],
  region: string,
  request: SlotRequest,
  now: Date,
  rules: OfferRules,
): SlotOffer[] {
  const byId = new Map(stored.map((slot) => [slot.id, slot]));
  const earliest = now.getTime() + rules.leadTimeHours * 3_600_000;
  const offers: SlotOffer[] = [];
  for (const day of bookableDays(now, rules)) {
    for (const window of rules.windows ?? defaultSlotWindows) {
      const slot =
        byId.get(slotIdFor(region, day, window)) ??
        buildSlot(technicians, region, day, window, rules.timeZone);
      if (Date.parse(slot.windowStart) < earliest) continue;
      if (technicianFor(slot, request) === undefined) continue;
      offers.push({
        slotId: slot.id,
        localDate: day,
        windowStart: slot.windowStart,
        windowEnd: slot.windowEnd,
      });
    }
  }
  return offers;
}

import { cosmosBookingStore } from '../shared/adapters/cosmos/bookingStore';
import { bookingService, type BookingRules, type BookingService } from '../shared/booking/bookingService';
import { appClock } from '../shared/clock';
import { routesForBooking } from './dispatch/dependencies';
import { cosmos, type Settings } from './platform';

export const bookingSettingNames = {
  leadTimeHours: 'BookingLeadTimeHours',
  horizonDays: 'BookingHorizonDays',
  timeZone: 'BookingTimeZone',
} as const;

function wholeNumber(settings: Settings, name: string, fallback: number, min: number, max: number): number {
  const raw = settings[name]?.trim();
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new Error(`${name}: must be a whole number between ${min} and ${max}`);
  }
  return value;
}

export function bookingRules(settings: Settings = process.env): BookingRules {
  return {
    leadTimeHours: wholeNumber(settings, bookingSettingNames.leadTimeHours, 48, 0, 24 * 30),
    horizonDays: wholeNumber(settings, bookingSettingNames.horizonDays, 28, 1, 180),
    timeZone: settings[bookingSettingNames.timeZone]?.trim() || 'Europe/Brussels',
  };
}

/**
 * The booking service every area uses (self-service page, SMS replies, intake and ops cancels),
 * over the shared Cosmos client, the app clock and the stored region-day plans.
 */
export const booking = (settings: Settings = process.env): BookingService => {
  const rules = bookingRules(settings);
  return bookingService({
    store: cosmosBookingStore(cosmos(settings)),
    now: () => appClock().now(),
    rules,
    // Travel-aware: slots are offered and taken only where the visit joins the day's routes.
    routes: routesForBooking(rules.timeZone, settings),
  });
};

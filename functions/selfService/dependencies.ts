import { cosmosBookingStore } from '../../shared/adapters/cosmos/bookingStore';
import { cosmosJourneyRecords } from '../../shared/adapters/cosmos/journeyRecords';
import { bookingService, type BookingRules } from '../../shared/booking/bookingService';
import { appClock } from '../../shared/clock';
import { configFromEnvironment } from '../../shared/config/loadConfig';
import { FixedWindowLimiter } from '../../shared/rateLimit/fixedWindowLimiter';
import { blobs, cosmos } from '../platform';

type Env = Readonly<Record<string, string | undefined>>;

export const bookingSettingNames = {
  leadTimeHours: 'BookingLeadTimeHours',
  horizonDays: 'BookingHorizonDays',
  timeZone: 'BookingTimeZone',
} as const;

function wholeNumber(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name]?.trim();
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new Error(`${name}: must be a whole number between ${min} and ${max}`);
  }
  return value;
}

export function bookingRules(env: Env = process.env): BookingRules {
  return {
    leadTimeHours: wholeNumber(env, bookingSettingNames.leadTimeHours, 48, 0, 24 * 30),
    horizonDays: wholeNumber(env, bookingSettingNames.horizonDays, 28, 1, 180),
    timeZone: env[bookingSettingNames.timeZone]?.trim() || 'Europe/Brussels',
  };
}

/** Per instance; see FixedWindowLimiter for why that is enough here. */
export const limiters = {
  perLink: new FixedWindowLimiter(30, 60_000),
  perAddress: new FixedWindowLimiter(120, 60_000),
};

/** What the self-service functions need, built from the settings on each call (clients are shared). */
export function selfServiceDependencies(env: Env = process.env) {
  const config = configFromEnvironment(env);
  const store = cosmos(env);
  return {
    signingKeys: config.links.signingKeys,
    records: cosmosJourneyRecords(store),
    timeline: store.container('timeline'),
    booking: bookingService({
      store: cosmosBookingStore(store),
      now: () => appClock().now(),
      rules: bookingRules(env),
    }),
    rules: bookingRules(env),
    blobs: () => blobs(env),
    now: () => appClock().now(),
  };
}

export type SelfServiceDependencies = ReturnType<typeof selfServiceDependencies>;

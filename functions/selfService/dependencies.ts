import { cosmosJourneyRecords } from '../../shared/adapters/cosmos/journeyRecords';
import { appClock } from '../../shared/clock';
import { FixedWindowLimiter } from '../../shared/rateLimit/fixedWindowLimiter';
import { booking, bookingRules } from '../booking';
import { appConfig, blobs, cosmos } from '../platform';

type Env = Readonly<Record<string, string | undefined>>;

/** Per instance; see FixedWindowLimiter for why that is enough here. */
export const limiters = {
  perLink: new FixedWindowLimiter(30, 60_000),
  perAddress: new FixedWindowLimiter(120, 60_000),
};

/** What the self-service functions need, built from the settings on each call (clients are shared). */
export function selfServiceDependencies(env: Env = process.env) {
  const store = cosmos(env);
  return {
    signingKeys: appConfig(env).links.signingKeys,
    records: cosmosJourneyRecords(store),
    timeline: store.container('timeline'),
    booking: booking(env),
    rules: bookingRules(env),
    /** Times on the pages are shown in the customer's zone (see `customerTimeZone`). */
    utilityTimeZones: appConfig(env).journey.utilityTimeZones,
    blobs: () => blobs(env),
    now: () => appClock().now(),
  };
}

export type SelfServiceDependencies = ReturnType<typeof selfServiceDependencies>;

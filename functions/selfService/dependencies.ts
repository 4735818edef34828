import type { optionalSettingNames } from '../../shared/config/settingNames';
import { cosmosJourneyRecords } from '../../shared/adapters/cosmos/journeyRecords';
import { appClock } from '../../shared/clock';
import { parseUtilityContacts } from '../../shared/customers/utilityContact';
import { FixedWindowLimiter } from '../../shared/rateLimit/fixedWindowLimiter';
import { booking, bookingRules } from '../booking';
import { appConfig, blobs, cosmos } from '../platform';

type Env = Readonly<Record<string, string | undefined>>;

/** Per instance; see FixedWindowLimiter for why that is enough here. */
export const limiters = {
  perLink: new FixedWindowLimiter(30, 60_000),
  perAddress: new FixedWindowLimiter(120, 60_000),
  /** "Send me a new link": once per work order every ten minutes, whoever asks. */
  newLink: new FixedWindowLimiter(1, 10 * 60_000),
};

/** The app setting naming each utility's customer contact (see shared/customers/utilityContact). */
export const utilityContactsSetting: (typeof optionalSettingNames)[number] = 'UtilityContacts';

/** What the self-service functions need, built from the settings on each call (clients are shared). */
export function selfServiceDependencies(env: Env = process.env) {
  const store = cosmos(env);
  return {
    signingKeys: appConfig(env).links.signingKeys,
    publicBaseUrl: appConfig(env).links.publicBaseUrl,
    store,
    records: cosmosJourneyRecords(store),
    timeline: store.container('timeline'),
    booking: booking(env),
    rules: bookingRules(env),
    /** Times on the pages are shown in the customer's zone (see `customerTimeZone`). */
    utilityTimeZones: appConfig(env).journey.utilityTimeZones,
    blobs: () => blobs(env),
    contacts: parseUtilityContacts(env[utilityContactsSetting]),
    now: () => appClock().now(),
  };
}

export type SelfServiceDependencies = ReturnType<typeof selfServiceDependencies>;

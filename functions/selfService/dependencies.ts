import type { optionalSettingNames } from '../../shared/config/settingNames';
import { cosmosJourneyRecords } from '../../shared/adapters/cosmos/journeyRecords';
import { cosmosLinkRevocations } from '../../shared/adapters/cosmos/linkRevocations';
import { cosmosRateCounters } from '../../shared/adapters/cosmos/rateCounters';
import { appClock } from '../../shared/clock';
import { parseUtilityContacts } from '../../shared/customers/utilityContact';
import { fixedWindowLimiter } from '../../shared/rateLimit/fixedWindowLimiter';
import { booking, bookingRules } from '../booking';
import { appConfig, blobs, cosmos } from '../platform';

type Env = Readonly<Record<string, string | undefined>>;

/**
 * The self-service limits, counted in Cosmos so every instance sees the same count. Per client
 * address before the link is checked (guessing tokens), per work order once it is (however many
 * spellings or copies of its links a client uses).
 */
export const selfServiceLimits = {
  perAddress: { name: 'ip', limit: 120, windowMs: 60_000 },
  perWorkOrder: { name: 'wo', limit: 30, windowMs: 60_000 },
  /** "Send me a new link": once per work order every ten minutes, whoever asks. */
  newLink: { name: 'newlink', limit: 1, windowMs: 10 * 60_000 },
} as const;

/** The app setting naming each utility's customer contact (see shared/customers/utilityContact). */
export const utilityContactsSetting: (typeof optionalSettingNames)[number] = 'UtilityContacts';

/** What the self-service functions need, built from the settings on each call (clients are shared). */
export function selfServiceDependencies(env: Env = process.env) {
  const store = cosmos(env);
  const counters = cosmosRateCounters(store);
  return {
    signingKeys: appConfig(env).links.signingKeys,
    publicBaseUrl: appConfig(env).links.publicBaseUrl,
    store,
    records: cosmosJourneyRecords(store),
    revocations: cosmosLinkRevocations(store),
    limiters: {
      perAddress: fixedWindowLimiter(counters, selfServiceLimits.perAddress),
      perWorkOrder: fixedWindowLimiter(counters, selfServiceLimits.perWorkOrder),
      newLink: fixedWindowLimiter(counters, selfServiceLimits.newLink),
    },
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

import type { Container } from '@azure/cosmos';
import { createSmsClient } from '../../shared/adapters/clients';
import { createAcsSmsNotifier } from '../../shared/adapters/communication';
import type { BookingService } from '../../shared/booking/bookingService';
import { appClock } from '../../shared/clock';
import type { LinkIssuer } from '../../shared/journey/linkIssuer';
import type { Notifier } from '../../shared/journey/notifier';
import { hmacLinkIssuer } from '../../shared/links/linkIssuer';
import { cosmosRateCounters } from '../../shared/adapters/cosmos/rateCounters';
import { fixedWindowLimiter, type RateLimiter } from '../../shared/rateLimit/fixedWindowLimiter';
import type { SmsSlotOfferer } from '../../shared/smsReplies';
import { booking, bookingRules } from '../booking';
import { appConfig, cosmos } from '../platform';
import { smsSlotOfferer } from './offerStore';

type Env = Readonly<Record<string, string | undefined>>;

export interface SmsReplyDependencies {
  readonly customers: Container;
  readonly workOrders: Container;
  readonly timeline: Container;
  readonly idempotency: Container;
  readonly booking: BookingService;
  readonly links: LinkIssuer;
  /**
   * The two-way number configured for this deployment (AcsSmsFrom): SMS to any other number are
   * not ours to answer, and replies only ever go out from it. Undefined when SMS replies are off.
   */
  readonly ourNumber: string | undefined;
  /** Texts going out from `ourNumber`. */
  readonly replies: Notifier | undefined;
  /** The booking time zone: windows in replies are shown in it. */
  readonly timeZone: string;
  readonly now: () => Date;
  /** Keyed by the sender's contact-index id, so the number itself is not a key anywhere. */
  readonly perSender: RateLimiter;
}

/**
 * Counted in Cosmos, so every instance sees the same count. A person answering a message sends a
 * few texts a minute at most; more from one number is a loop (an auto-responder) or abuse, and is
 * dropped.
 */
export const perSenderLimit = { name: 'sms', limit: 10, windowMs: 60_000 } as const;

/** The journey's SMS invitation lists slots through this, over the same stores the replies read. */
export function invitationSlotOfferer(env: Env = process.env): SmsSlotOfferer {
  return smsSlotOfferer({
    workOrders: cosmos(env).container('workOrders'),
    booking: booking(env),
    timeZone: bookingRules(env).timeZone,
    now: () => appClock().now(),
  });
}

/** What the SMS reply function needs, from the app settings; SDK clients are process-wide. */
export function smsReplyDependencies(env: Env = process.env): SmsReplyDependencies {
  const config = appConfig(env);
  const store = cosmos(env);
  const client = createSmsClient(env);
  return {
    customers: store.container('customers'),
    workOrders: store.container('workOrders'),
    timeline: store.container('timeline'),
    idempotency: store.container('idempotency'),
    booking: booking(env),
    links: hmacLinkIssuer(config.links.signingKeys, config.links.publicBaseUrl),
    ourNumber: config.sms.replies ? config.sms.from : undefined,
    replies:
      config.sms.replies && config.sms.from !== undefined
        ? createAcsSmsNotifier({ client, from: config.sms.from })
        : undefined,
    timeZone: bookingRules(env).timeZone,
    now: () => appClock().now(),
    perSender: fixedWindowLimiter(cosmosRateCounters(store), perSenderLimit),
  };
}

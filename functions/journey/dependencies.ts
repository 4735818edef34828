import {
  createCosmosClient,
  cosmosStore,
  createEmailClient,
  createServiceBusClient,
  createSmsClient,
} from '../../shared/adapters/clients';
import {
  channelNotifier,
  createAcsEmailNotifier,
  createAcsSmsNotifier,
} from '../../shared/adapters/communication';
import { cosmosJourneyRecords } from '../../shared/adapters/cosmos/journeyRecords';
import { appClock } from '../../shared/clock';
import { configFromEnvironment } from '../../shared/config/loadConfig';
import { CadenceOverrides } from '../../shared/journey/cadence';
import type { JourneyRecords, UtilityOutbox } from '../../shared/journey/journeyRecords';
import type { LinkIssuer } from '../../shared/journey/linkIssuer';
import { queueName } from '../../shared/resources';
import type { JourneyActivityDependencies } from '../../orchestrations/journey';

type Env = Readonly<Record<string, string | undefined>>;

/** Settings only the journey reads; the shared ones come from `configFromEnvironment`. */
export const journeySettingNames = {
  cadenceByWorkType: 'JourneyCadenceByWorkType',
  senderName: 'JourneySenderName',
  linkValidityDays: 'JourneyLinkValidityDays',
} as const;

function cadenceOverridesFrom(env: Env): CadenceOverrides {
  const raw = env[journeySettingNames.cadenceByWorkType]?.trim();
  if (raw === undefined || raw === '') return {};
  let decoded: unknown;
  try {
    decoded = JSON.parse(raw);
  } catch {
    throw new Error(`${journeySettingNames.cadenceByWorkType}: is not valid JSON`);
  }
  const parsed = CadenceOverrides.safeParse(decoded);
  if (!parsed.success) {
    const reasons = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`${journeySettingNames.cadenceByWorkType}: ${reasons.join('; ')}`);
  }
  return parsed.data;
}

function linkValidityDaysFrom(env: Env): number {
  const raw = env[journeySettingNames.linkValidityDays]?.trim() || '30';
  const days = Number(raw);
  if (!Number.isInteger(days) || days < 1 || days > 365) {
    throw new Error(`${journeySettingNames.linkValidityDays}: must be a whole number of days, 1–365`);
  }
  return days;
}

/** The outbound queue through the Service Bus SDK; the sender is made once and reused. */
function serviceBusOutbox(env: Env): UtilityOutbox {
  const sender = createServiceBusClient(env).createSender(queueName('utilityOutbound'));
  return {
    publish: async (message) => {
      await sender.sendMessages({
        body: message.body,
        contentType: message.contentType,
        messageId: message.messageId,
        correlationId: message.correlationId,
        subject: message.subject,
        applicationProperties: { ...message.applicationProperties },
      });
    },
  };
}

let records: JourneyRecords | undefined;

/** The journey's Cosmos records, for the delivery-report and ops functions too. */
export function journeyRecords(env: Env = process.env): JourneyRecords {
  records ??= cosmosJourneyRecords(cosmosStore(createCosmosClient(env)));
  return records;
}

let activityDependencies: JourneyActivityDependencies | undefined;

/**
 * Built on the first activity call, from the app settings; the link issuer is passed in because
 * the signed-link module belongs to the booking pages.
 */
export function journeyDependencies(links: LinkIssuer, env: Env = process.env): JourneyActivityDependencies {
  if (activityDependencies !== undefined) return activityDependencies;
  const config = configFromEnvironment(env);
  const email = createAcsEmailNotifier({ client: createEmailClient(env), sender: config.email.sender });
  const sms =
    config.sms.from === undefined
      ? undefined
      : createAcsSmsNotifier({ client: createSmsClient(env), from: config.sms.from });
  activityDependencies = {
    records: journeyRecords(env),
    smsAvailable: sms !== undefined,
    notifier: channelNotifier({ sms, email }),
    links,
    outbox: serviceBusOutbox(env),
    tuning: config.journey,
    cadenceOverrides: cadenceOverridesFrom(env),
    senderName: env[journeySettingNames.senderName]?.trim() || 'Fieldline',
    linkValidityDays: linkValidityDaysFrom(env),
    now: () => appClock().now(),
  };
  return activityDependencies;
}

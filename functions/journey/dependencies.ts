import { parseUtilityContacts } from '../../shared/customers/utilityContact';
import { createEmailClient, createSmsClient } from '../../shared/adapters/clients';
import {
  channelNotifier,
  createAcsEmailNotifier,
  createAcsSmsNotifier,
} from '../../shared/adapters/communication';
import { cosmosJourneyRecords } from '../../shared/adapters/cosmos/journeyRecords';
import { cosmosJourneyProjections } from '../../shared/adapters/cosmos/journeyProjections';
import { appClock } from '../../shared/clock';
import { appSettingNames } from '../../shared/config/settingNames';
import { CadenceOverrides } from '../../shared/journey/cadence';
import type { JourneyRecords } from '../../shared/journey/journeyRecords';
import type { JourneyProjections } from '../../shared/journey/projectionQuery';
import { kpiRecorder } from '../kpis/recorders';
import { deadlineUpkeep, workOrderTimeline } from '../sla/deadlines';
import { withWorkOrderDeadlines } from '../../shared/sla/deadlineUpkeep';
import { casePorts } from '../cases/dependencies';
import { syncLinkedCases } from '../../shared/cases/caseService';
import { appConfig, cosmos, perSettings, utilityOutbox } from '../platform';
import { hmacLinkIssuer } from '../../shared/links/linkIssuer';
import { invitationSlotOfferer } from '../smsReplies/dependencies';
import type { JourneyActivityDependencies } from '../../orchestrations/journey';

type Env = Readonly<Record<string, string | undefined>>;

/** Settings only the journey reads; the shared ones come from `appConfig`. */
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

/** The journey's Cosmos records, for the delivery-report and ops functions too. */
export function journeyRecords(env: Env = process.env): JourneyRecords {
  return cosmosJourneyRecords(cosmos(env));
}

/** The ops list's journey documents, written by the journey and read by the ops API. */
export function journeyProjections(env: Env = process.env): JourneyProjections {
  return cosmosJourneyProjections(cosmos(env));
}

/** Built on the first activity call, from the app settings, and again if they change. */
export const journeyDependencies = (env: Env = process.env): JourneyActivityDependencies =>
  perSettings(
    `journey:${[...appSettingNames, ...Object.values(journeySettingNames)].map((name) => env[name] ?? '').join('\u0000')}`,
    () => buildJourneyDependencies(env),
  );

function buildJourneyDependencies(env: Env): JourneyActivityDependencies {
  const config = appConfig(env);
  const email = createAcsEmailNotifier({ client: createEmailClient(env), sender: config.email.sender });
  const sms =
    config.sms.from === undefined
      ? undefined
      : createAcsSmsNotifier({ client: createSmsClient(env), from: config.sms.from });
  return {
    records: withWorkOrderDeadlines(journeyRecords(env), deadlineUpkeep(env), workOrderTimeline(env)),
    smsAvailable: sms !== undefined,
    notifier: channelNotifier({ sms, email }),
    links: hmacLinkIssuer(config.links.signingKeys, config.links.publicBaseUrl),
    outbox: utilityOutbox(env),
    tuning: config.journey,
    cadenceOverrides: cadenceOverridesFrom(env),
    senderName: env[journeySettingNames.senderName]?.trim() || 'Fieldline',
    linkValidityDays: linkValidityDaysFrom(env),
    utilityContacts: parseUtilityContacts(env['UtilityContacts']),
    // A one-way sender (alphanumeric ID) cannot receive the digit a customer would reply with.
    smsOffers: sms === undefined || !config.sms.replies ? undefined : invitationSlotOfferer(env),
    now: () => appClock().now(),
    recordKpiFacts: kpiRecorder(cosmos(env)),
    syncCases: async (workOrder) => void (await syncLinkedCases(casePorts(env), workOrder)),
    projections: journeyProjections(env),
  };
}

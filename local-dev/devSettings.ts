import { randomBytes } from 'node:crypto';
import { hostMaxRequestBodyBytes } from '../functions/boundedBody';

/**
 * What a fresh checkout runs with, for `npm start` and the tests alike: an email sender on the
 * outbox's own domain, an SMS number in Belgium's fictional 555 range so phone-only customers are
 * reached, and a webhook secret made anew for each process (the Event Grid endpoints fail closed
 * without one, as they do in Azure).
 */
export const devSettings: Readonly<Record<string, string>> = {
  AcsEmailSender: 'DoNotReply@fieldline.localhost',
  AcsSmsFrom: '+3225550100',
  SmsEventsWebhookSecret: randomBytes(24).toString('hex'),
  // The topic the outbox's reply box names in its events (packages/functions-local/src/outbox/smsReply.ts).
  // Fixed, not random: the contact index persists across `npm start` runs and its ids depend on it.
  ContactIndexKey: 'fieldline-local-contact-index-key-0123456789',
  // The host's body cap, as infra/app/api.bicep sets it in Azure.
  FUNCTIONS_REQUEST_BODY_SIZE_LIMIT: String(hostMaxRequestBodyBytes),
  AcsResourceId:
    '/subscriptions/local/resourceGroups/local/providers/Microsoft.Communication/CommunicationServices/local',
};

/** Where the outbox page's reply box delivers an SMS-received event: as the Event Grid subscription does. */
export const smsReplyTarget = {
  path: '/api/events/sms-received',
  secretSetting: 'SmsEventsWebhookSecret',
  secretHeader: 'x-webhook-secret',
} as const;

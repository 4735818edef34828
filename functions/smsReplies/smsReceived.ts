import { app, type HttpRequest, type HttpResponseInit, type InvocationContext } from '@azure/functions';
import * as df from 'durable-functions';
import { raiseJourneyEvent } from '../../orchestrations/journey/client';
import { inboundSmsOf } from '../../shared/smsReplies';
import { eventsHandled, oncePerEvent, readEventGridRequest, webhookSecretSetting } from '../eventGridWebhook';
import type { ValidationIssue } from '../../shared/validation';
import { logLine } from '../http';
import { smsReplyDependencies } from './dependencies';
import { replyToSms, type RaiseJourneyEvent, type SmsLog } from './replyToSms';

/** The route is anonymous (Event Grid sends no function key): the webhook secret header guards it. */
export const smsWebhookSecretSetting = webhookSecretSetting;

/**
 * Event Grid webhook for customers' SMS replies (ACS `SMSReceived`). Answers the subscription
 * handshake (Event Grid schema in the POST, CloudEvents in an OPTIONS). Every SMS is acted on at
 * most once; one that cannot be handled now fails the request, so Event Grid delivers it again; a
 * malformed one is answered 400, so Event Grid dead-letters it.
 */
export async function smsReceived(
  request: HttpRequest,
  context: InvocationContext,
): Promise<HttpResponseInit> {
  const incoming = await readEventGridRequest(request);
  if (incoming.kind === 'answered') {
    if (incoming.validated) context.log(logLine('SMS reply subscription validated', {}));
    return incoming.response;
  }
  const deps = smsReplyDependencies();
  const raise: RaiseJourneyEvent = (workOrderId, event, payload) =>
    raiseJourneyEvent(df.getClient(context), workOrderId, event, payload);
  const log: SmsLog = (level, message, fields) =>
    level === 'warn' ? context.warn(logLine(message, fields)) : context.log(logLine(message, fields));
  const malformed: ValidationIssue[] = [];
  for (const [index, event] of incoming.events.entries()) {
    const sms = inboundSmsOf(event);
    if (sms === undefined) continue;
    if (typeof sms === 'string') {
      context.warn(logLine(sms, { eventId: event.id }));
      malformed.push({ path: `${index}.data`, message: sms });
      continue;
    }
    const once = await oncePerEvent(deps.idempotency, event, async () => {
      const handled = await replyToSms(sms, deps, raise, log);
      log(handled.outcome === 'replied' ? 'info' : 'warn', 'SMS reply handled', {
        eventId: event.id,
        ...handled,
      });
    });
    if (once === 'duplicate') log('info', 'SMS event already handled', { eventId: event.id });
  }
  return eventsHandled(malformed);
}

app.http('smsReceived', {
  route: 'events/sms-received',
  methods: ['POST', 'OPTIONS'],
  authLevel: 'anonymous',
  extraInputs: [df.input.durableClient()],
  handler: smsReceived,
});

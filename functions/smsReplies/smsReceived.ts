import { app, type HttpRequest, type HttpResponseInit, type InvocationContext } from '@azure/functions';
import * as df from 'durable-functions';
import { createHash, timingSafeEqual } from 'node:crypto';
import { raiseJourneyEvent } from '../../orchestrations/journey/client';
import { inboundSmsOf } from '../../shared/smsReplies';
import { readEventGridRequest } from '../eventGridWebhook';
import { logLine } from '../http';
import { smsReplyDependencies } from './dependencies';
import { replyToSms, type RaiseJourneyEvent, type SmsLog } from './replyToSms';

export const smsWebhookSecretSetting = 'SmsEventsWebhookSecret';

/**
 * The route is anonymous (Event Grid sends no function key), and a forged event could book or opt
 * out someone else's number. With the setting present, the subscription's endpoint URL must carry
 * it as `?secret=`, which only Event Grid knows.
 */
function webhookSecretMatches(given: string | null, env = process.env): boolean {
  const expected = env[smsWebhookSecretSetting]?.trim();
  if (!expected) return true;
  const a = createHash('sha256')
    .update(given ?? '')
    .digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

/**
 * Event Grid webhook for customers' SMS replies (ACS `SMSReceived`). Answers the subscription
 * handshake (Event Grid schema in the POST, CloudEvents in an OPTIONS). Every SMS is acted on at
 * most once; one that cannot be handled now fails the request, so Event Grid delivers it again.
 */
export async function smsReceived(
  request: HttpRequest,
  context: InvocationContext,
): Promise<HttpResponseInit> {
  if (!webhookSecretMatches(request.query.get('secret'))) return { status: 401 };
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
  for (const event of incoming.events) {
    const sms = inboundSmsOf(event);
    if (sms === undefined) continue;
    if (typeof sms === 'string') {
      context.warn(logLine(sms, {}));
      continue;
    }
    const handled = await replyToSms(sms, deps, raise, log);
    log(handled.outcome === 'rateLimited' ? 'warn' : 'info', 'SMS reply handled', {
      eventId: event.id,
      ...handled,
    });
  }
  return { status: 200 };
}

app.http('smsReceived', {
  route: 'events/sms-received',
  methods: ['POST', 'OPTIONS'],
  authLevel: 'anonymous',
  extraInputs: [df.input.durableClient()],
  handler: smsReceived,
});

import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { OutboxMessage } from './outboxMessage';

/** An SMS answer is short; ACS caps a message at 2,048 characters. */
const maxReplyLength = 2048;

/**
 * The event ACS publishes when a customer texts one of our numbers, in the Event Grid schema: the
 * data fields of `AcsSmsReceivedEventData` (messageId, from, to, message, receivedTimestamp,
 * segmentCount; learn.microsoft.com/javascript/api/@azure/eventgrid/acssmsreceivedeventdata) and
 * a subject naming our number, as the ACS SMS event reference shows it.
 */
export function smsReceivedEvent(answered: OutboxMessage, text: string, at: Date, id = randomUUID()) {
  const customer = answered.to[0] ?? '';
  return {
    id,
    topic:
      '/subscriptions/local/resourceGroups/local/providers/Microsoft.Communication/CommunicationServices/local',
    subject: `/phonenumber/${answered.from.replace(/^\+/, '')}`,
    eventType: 'Microsoft.Communication.SMSReceived',
    eventTime: at.toISOString(),
    dataVersion: '1.0',
    metadataVersion: '1',
    data: {
      messageId: `Incoming_${id}`,
      from: customer,
      to: answered.from,
      message: text,
      receivedTimestamp: at.toISOString(),
      segmentCount: Math.max(1, Math.ceil(text.length / 153)),
    },
  };
}

/**
 * Where an outbox reply is delivered: the app's endpoint for SMS-received events, and how Event
 * Grid would authenticate to it (a secret in a delivery header, read from one of the app's settings).
 */
export interface SmsReplyTarget {
  readonly path: string;
  readonly secretSetting?: string;
  readonly secretHeader?: string;
}

export interface SmsReplyOptions {
  readonly messages: () => readonly OutboxMessage[];
  readonly now: () => number;
  /** The app's webhook URL: Event Grid's delivery target. */
  readonly webhookUrl: (request: IncomingMessage) => string;
  /** Headers Event Grid's subscription adds to each delivery (the webhook secret). */
  readonly deliveryHeaders: Readonly<Record<string, string>>;
  /** Where to send the browser afterwards (post/redirect/get). */
  readonly pagePath: string;
}

async function readForm(request: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > 16 * 1024) break;
    chunks.push(chunk as Buffer);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

/**
 * The outbox page's reply box: answers one recorded SMS as the customer would, by delivering the
 * SMSReceived event to the app the way Event Grid does (one POST, a JSON array of events), then
 * back to the page with the outcome.
 */
export function smsReplyHandler(options: SmsReplyOptions) {
  return async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const back = (outcome: string) => {
      response.writeHead(303, {
        location: `${options.pagePath}?reply=${outcome}`,
        'cache-control': 'no-store',
      });
      response.end();
    };
    if (request.method !== 'POST') {
      response.writeHead(405, { allow: 'POST', 'content-type': 'text/plain; charset=utf-8' });
      response.end('Method Not Allowed');
      return;
    }
    const form = await readForm(request);
    const answered = options.messages().find((m) => m.id === form.get('messageId') && m.channel === 'sms');
    const text = (form.get('text') ?? '').slice(0, maxReplyLength);
    if (answered === undefined || text.trim() === '') return back('invalid');
    const delivered = await fetch(options.webhookUrl(request), {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'aeg-event-type': 'Notification',
        ...options.deliveryHeaders,
      },
      body: JSON.stringify([smsReceivedEvent(answered, text, new Date(options.now()))]),
    }).catch(() => undefined);
    back(delivered?.ok === true ? 'delivered' : `failed-${delivered?.status ?? 'unreachable'}`);
  };
}

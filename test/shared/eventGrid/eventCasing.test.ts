import { describe, expect, it } from 'vitest';
import { camelCaseFields, parseEventGridDelivery, type EventGridEvent } from '../../../shared/eventGrid';
import { deliveryReportOf } from '../../../shared/journey/deliveryReport';
import { inboundSmsOf } from '../../../shared/smsReplies';

/*
 * Samples in the two shapes ACS events are documented in: the Event Grid schema pages
 * (https://learn.microsoft.com/azure/event-grid/communication-services-sms-events,
 * .../communication-services-email-events) show PascalCase data fields, SDK models and CloudEvents
 * deliveries camelCase ones. Each sample is read through the webhook's own parser first.
 */
const topic =
  '/subscriptions/s/resourcegroups/rg/providers/microsoft.communication/communicationservices/acs-x';

const delivered = (eventType: string, data: unknown): EventGridEvent => {
  const parsed = parseEventGridDelivery([
    {
      id: 'e-1',
      topic,
      subject: '/phonenumber/32480000000',
      eventType,
      eventTime: '2026-11-23T10:00:05Z',
      data,
      dataVersion: '1.0',
      metadataVersion: '1',
    },
  ]);
  if (!parsed.ok || parsed.value.kind !== 'events') throw new Error('not an event batch');
  const [event] = parsed.value.events;
  if (event === undefined) throw new Error('empty batch');
  return event;
};

const smsReceived = {
  pascal: {
    MessageId: 'Incoming_20261123_1',
    From: '+32470123456',
    To: '+32480000000',
    Message: 'Ja',
    ReceivedTimestamp: '2026-11-23T10:00:00Z',
  },
  camel: {
    messageId: 'Incoming_20261123_1',
    from: '+32470123456',
    to: '+32480000000',
    message: 'Ja',
    receivedTimestamp: '2026-11-23T10:00:00Z',
  },
};

const smsReport = {
  pascal: {
    MessageId: 'Outgoing_20261123_1',
    From: '+32480000000',
    To: '+32470123456',
    DeliveryStatus: 'Failed',
    DeliveryStatusDetails: 'Unreachable handset',
    DeliveryAttempts: [{ Timestamp: '2026-11-23T10:00:03Z', SegmentsSucceeded: 0, SegmentsFailed: 1 }],
    ReceivedTimestamp: '2026-11-23T10:00:04Z',
    Tag: 'fieldline',
  },
  camel: {
    messageId: 'Outgoing_20261123_1',
    from: '+32480000000',
    to: '+32470123456',
    deliveryStatus: 'Failed',
    deliveryStatusDetails: 'Unreachable handset',
    deliveryAttempts: [{ timestamp: '2026-11-23T10:00:03Z', segmentsSucceeded: 0, segmentsFailed: 1 }],
    receivedTimestamp: '2026-11-23T10:00:04Z',
    tag: 'fieldline',
  },
};

const emailReport = {
  pascal: {
    Sender: 'DoNotReply@x.azurecomm.net',
    Recipient: 'someone@example.com',
    MessageId: 'email-1',
    Status: 'Bounced',
    DeliveryStatusDetails: { StatusMessage: 'Mailbox unavailable' },
    DeliveryAttemptTimestamp: '2026-11-23T10:00:04Z',
  },
  camel: {
    sender: 'DoNotReply@x.azurecomm.net',
    recipient: 'someone@example.com',
    messageId: 'email-1',
    status: 'Bounced',
    deliveryStatusDetails: { statusMessage: 'Mailbox unavailable' },
    deliveryAttemptTimestamp: '2026-11-23T10:00:04Z',
  },
};

describe('ACS event data in either casing', () => {
  it.each(['pascal', 'camel'] as const)('reads an inbound SMS in %sCase', (shape) => {
    expect(inboundSmsOf(delivered('Microsoft.Communication.SMSReceived', smsReceived[shape]))).toEqual({
      messageId: 'Incoming_20261123_1',
      from: '+32470123456',
      to: '+32480000000',
      text: 'Ja',
      receivedAt: '2026-11-23T10:00:00Z',
    });
  });

  it.each(['pascal', 'camel'] as const)('reads an SMS delivery report in %sCase', (shape) => {
    expect(
      deliveryReportOf(delivered('Microsoft.Communication.SMSDeliveryReportReceived', smsReport[shape])),
    ).toEqual({
      providerMessageId: 'Outgoing_20261123_1',
      channel: 'sms',
      outcome: 'failed',
      detail: 'Failed: Unreachable handset',
    });
  });

  it.each(['pascal', 'camel'] as const)(
    'reads an email delivery report in %sCase, nested fields too',
    (shape) => {
      expect(
        deliveryReportOf(
          delivered('Microsoft.Communication.EmailDeliveryReportReceived', emailReport[shape]),
        ),
      ).toEqual({
        providerMessageId: 'email-1',
        channel: 'email',
        outcome: 'failed',
        detail: 'Bounced: Mailbox unavailable',
      });
    },
  );

  it('still calls an event malformed when a required field is missing in both casings', () => {
    const { MessageId: _dropped, ...withoutId } = smsReceived.pascal;
    expect(typeof inboundSmsOf(delivered('Microsoft.Communication.SMSReceived', withoutId))).toBe('string');
  });

  it('keeps the camelCase value when a field comes in both casings', () => {
    expect(camelCaseFields({ From: 'pascal', from: 'camel', Nested: [{ A: 1 }] })).toEqual({
      from: 'camel',
      nested: [{ a: 1 }],
    });
  });
});

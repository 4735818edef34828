import { describe, expect, it } from 'vitest';
import { cloudEventsHandshakeHeaders, parseEventGridDelivery } from '../../shared/eventGrid';
import { deliveryReportOf } from '../../shared/journey/deliveryReport';

const event = (eventType: string, data: unknown) => ({
  id: 'e-1',
  topic: '/subscriptions/x/resourceGroups/y/providers/Microsoft.Communication/communicationServices/z',
  subject: 'phonenumber/32470123456',
  eventType,
  eventTime: '2026-01-05T10:00:05Z',
  data,
  dataVersion: '1.0',
});

describe('Event Grid deliveries', () => {
  it('recognises the subscription validation handshake', () => {
    const delivery = parseEventGridDelivery([
      event('Microsoft.EventGrid.SubscriptionValidationEvent', { validationCode: 'abc' }),
    ]);
    expect(delivery).toEqual({ ok: true, value: { kind: 'subscriptionValidation', validationCode: 'abc' } });
  });

  it('reports field paths for a malformed batch', () => {
    const delivery = parseEventGridDelivery([{ id: 'x', subject: 's', eventTime: 't' }]);
    expect(delivery.ok ? [] : delivery.error.map((issue) => issue.path)).toEqual(['0.eventType', '0.data']);
  });

  it('reads a CloudEvents-schema batch as the same events', () => {
    const delivery = parseEventGridDelivery([
      {
        specversion: '1.0',
        id: 'ce-1',
        source: '/subscriptions/x/resourceGroups/y/providers/Microsoft.Communication/communicationServices/z',
        type: 'Microsoft.Communication.SMSDeliveryReportReceived',
        subject: 'phonenumber/32470123456',
        time: '2026-01-05T10:00:05Z',
        data: { messageId: 'acs-1', deliveryStatus: 'Failed' },
      },
    ]);
    if (!delivery.ok || delivery.value.kind !== 'events') throw new Error('not read as events');
    const [read] = delivery.value.events;
    expect(read).toMatchObject({
      id: 'ce-1',
      eventType: 'Microsoft.Communication.SMSDeliveryReportReceived',
    });
    expect(read && deliveryReportOf(read)).toMatchObject({ providerMessageId: 'acs-1', outcome: 'failed' });
  });

  it('accepts the CloudEvents handshake only with an origin', () => {
    expect(cloudEventsHandshakeHeaders('eventgrid.azure.net')).toEqual({
      'WebHook-Allowed-Origin': 'eventgrid.azure.net',
      'WebHook-Allowed-Rate': '*',
    });
    expect(cloudEventsHandshakeHeaders(null)).toBeUndefined();
  });
});

describe('ACS delivery reports', () => {
  it('reads SMS and email outcomes', () => {
    const delivered = event('Microsoft.Communication.SMSDeliveryReportReceived', {
      messageId: 'm-1',
      from: '+3225551234',
      to: '+32470123456',
      deliveryStatus: 'Delivered',
      deliveryStatusDetails: 'No error.',
    });
    expect(deliveryReportOf(delivered)).toEqual({
      providerMessageId: 'm-1',
      channel: 'sms',
      outcome: 'delivered',
      detail: 'Delivered: No error.',
    });
    const bounced = event('Microsoft.Communication.EmailDeliveryReportReceived', {
      sender: 'noreply@fieldline.test',
      recipient: 'a@example.be',
      messageId: 'op-1',
      status: 'Quarantined',
      deliveryStatusDetails: { statusMessage: 'spam' },
    });
    expect(deliveryReportOf(bounced)).toMatchObject({
      providerMessageId: 'op-1',
      channel: 'email',
      outcome: 'failed',
    });
    const expanded = event('Microsoft.Communication.EmailDeliveryReportReceived', {
      messageId: 'op-2',
      status: 'Expanded',
    });
    expect(deliveryReportOf(expanded)).toMatchObject({ outcome: 'pending' });
  });

  it('ignores other events and flags a malformed report', () => {
    expect(deliveryReportOf(event('Microsoft.Communication.SMSReceived', {}))).toBeUndefined();
    expect(deliveryReportOf(event('Microsoft.Communication.SMSDeliveryReportReceived', {}))).toMatch(
      /malformed/,
    );
  });
});

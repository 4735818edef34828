import { describe, expect, it } from 'vitest';
import { AcceptedMessage, OutboundMessage } from '../../../shared/contracts/outbound/messages';
import { outboundServiceBusMessage } from '../../../shared/contracts/outbound/serviceBusMessage';
import { validate } from '../../../shared/validation';
import { fixture } from '../fixtures';

const accepted = () => fixture('outbound/accepted.json');

describe('outbound messages', () => {
  it('requires our work-order id on everything but a rejection', () => {
    const { workOrderId: _dropped, ...rest } = accepted();
    expect(validate(OutboundMessage, rest)).toEqual({
      ok: false,
      error: [{ path: 'workOrderId', message: expect.any(String) }],
    });
    const { workOrderId: _none, ...rejected } = fixture('outbound/rejected.json');
    expect(validate(OutboundMessage, rejected).ok).toBe(true);
  });

  it('lets a rejection echo an unreadable external id as it came', () => {
    const rejected = {
      ...fixture('outbound/rejected.json'),
      externalId: 'has spaces in it',
      utilityCode: 'lower',
    };
    expect(validate(OutboundMessage, rejected).ok).toBe(true);
  });

  it('does not let a rejection go out without saying what was wrong', () => {
    const rejected = { ...fixture('outbound/rejected.json'), issues: [] };
    expect(validate(OutboundMessage, rejected)).toMatchObject({ ok: false, error: [{ path: 'issues' }] });
  });

  it('validates nested report fields with their paths', () => {
    const completed = fixture('outbound/completed.json');
    const report = completed['report'] as Record<string, unknown>;
    const bad = {
      ...completed,
      report: { ...report, measurements: [{ name: 'optical power', value: 'low', unit: 'dBm' }] },
    };
    expect(validate(OutboundMessage, bad)).toMatchObject({
      ok: false,
      error: [{ path: 'report.measurements.0.value' }],
    });
  });
});

describe('outboundServiceBusMessage', () => {
  const message = AcceptedMessage.parse(accepted());

  it('carries the request it answers as the Service Bus correlation id, not in the body', () => {
    const sent = outboundServiceBusMessage(message, 'inbound-message-id-1');
    expect(sent.correlationId).toBe('inbound-message-id-1');
    expect(sent.body).toEqual(message);
    expect(sent.body).not.toHaveProperty('correlationId');
    expect(sent).toMatchObject({
      contentType: 'application/json',
      subject: 'accepted',
      applicationProperties: { schemaVersion: 1, kind: 'accepted', utilityCode: 'FLUVIUS' },
    });
  });

  it('gives a retried send the same message id and a different message a different one', () => {
    const first = outboundServiceBusMessage(message, 'c-1');
    expect(outboundServiceBusMessage(message, 'c-1').messageId).toBe(first.messageId);
    expect(outboundServiceBusMessage({ ...message, revision: 2 }, 'c-1').messageId).not.toBe(first.messageId);
    expect(first.messageId.length).toBeLessThanOrEqual(128);
  });

  it('gives the same answer to two different requests two message ids', () => {
    expect(outboundServiceBusMessage(message, 'c-2').messageId).not.toBe(
      outboundServiceBusMessage(message, 'c-1').messageId,
    );
  });
});

import { describe, expect, it } from 'vitest';
import type { EmailClient } from '@azure/communication-email';
import type { SmsClient, SmsSendResult } from '@azure/communication-sms';
import {
  createAcsEmailNotifier,
  createAcsSmsNotifier,
  type RetryPolicy,
} from '../../shared/adapters/communication';
import { operationIdFor } from '../../shared/journey/notificationId';

const noWait: RetryPolicy & { waits: number[] } = Object.assign(
  {
    maxAttempts: 3,
    baseDelayMs: 100,
    maxDelayMs: 1_000,
    sleep: async (ms: number) => void noWait.waits.push(ms),
  },
  { waits: [] as number[] },
);
const throttled = (status = 429) => Object.assign(new Error('Too many requests'), { statusCode: status });
const sms = { channel: 'sms', to: '+32470123456', text: 'hi', reference: 'NT-1' } as const;
const email = { channel: 'email', to: 'a@example.be', subject: 's', text: 't', reference: 'NT-2' } as const;

const smsClient = (answers: Array<SmsSendResult | Error>) => {
  const calls: unknown[] = [];
  const client: Pick<SmsClient, 'send'> = {
    send: async (request, options) => {
      calls.push({ request, options });
      const answer = answers.shift();
      if (answer instanceof Error || answer === undefined) throw answer ?? new Error('no answer');
      return [answer];
    },
  };
  return { client, calls };
};

describe('ACS SMS notifier', () => {
  it('sends with a delivery report tagged with the notification id', async () => {
    const { client, calls } = smsClient([
      { to: sms.to, messageId: 'm-1', httpStatusCode: 202, successful: true },
    ]);
    const result = await createAcsSmsNotifier({ client, from: '+3225551234', retry: noWait }).send(sms);
    expect(result).toEqual({ ok: true, value: { providerMessageId: 'm-1' } });
    expect(calls[0]).toEqual({
      request: { from: '+3225551234', to: [sms.to], message: 'hi' },
      options: { enableDeliveryReport: true, tag: 'NT-1' },
    });
  });

  it('retries when throttled, on the call or for the recipient', async () => {
    const { client, calls } = smsClient([
      throttled(),
      { to: sms.to, httpStatusCode: 429, successful: false, errorMessage: 'slow down' },
      { to: sms.to, messageId: 'm-2', httpStatusCode: 202, successful: true },
    ]);
    const result = await createAcsSmsNotifier({ client, from: '+3225551234', retry: noWait }).send(sms);
    expect(result.ok).toBe(true);
    expect(calls).toHaveLength(3);
  });

  it('reports unavailable after the last throttled try, and a refused number as rejected', async () => {
    const busy = smsClient([throttled(503), throttled(503), throttled(503)]);
    expect(
      await createAcsSmsNotifier({ client: busy.client, from: '+3225551234', retry: noWait }).send(sms),
    ).toEqual({
      ok: false,
      error: { kind: 'unavailable', reason: 'ACS SMS is throttling' },
    });
    const refused = smsClient([
      { to: sms.to, httpStatusCode: 400, successful: false, errorMessage: 'invalid number' },
    ]);
    const result = await createAcsSmsNotifier({
      client: refused.client,
      from: '+3225551234',
      retry: noWait,
    }).send(sms);
    expect(result).toMatchObject({ ok: false, error: { kind: 'rejected' } });
  });
});

const emailClient = (answers: Array<{ status: string; id: string; error?: { message: string } } | Error>) => {
  const calls: Array<{ message: unknown; options: unknown }> = [];
  const client = {
    beginSend: async (message: unknown, options: unknown) => {
      calls.push({ message, options });
      const answer = answers.shift();
      if (answer instanceof Error || answer === undefined) throw answer ?? new Error('no answer');
      return { pollUntilDone: async () => answer };
    },
  } as unknown as Pick<EmailClient, 'beginSend'>;
  return { client, calls };
};

describe('ACS email notifier', () => {
  it('waits for the send poller and uses an operation id derived from the notification', async () => {
    const operationId = operationIdFor('NT-2');
    const { client, calls } = emailClient([{ status: 'Succeeded', id: operationId }]);
    const result = await createAcsEmailNotifier({
      client,
      sender: 'noreply@fieldline.test',
      retry: noWait,
    }).send(email);
    expect(result).toEqual({ ok: true, value: { providerMessageId: operationId } });
    expect(operationId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(calls[0]?.options).toMatchObject({ operationId });
    expect(calls[0]?.message).toMatchObject({
      senderAddress: 'noreply@fieldline.test',
      recipients: { to: [{ address: 'a@example.be' }] },
      content: { subject: 's', plainText: 't' },
    });
  });

  it('retries a throttled send and treats a failed operation as a refusal', async () => {
    const retried = emailClient([throttled(), { status: 'Succeeded', id: 'op' }]);
    expect(
      (
        await createAcsEmailNotifier({ client: retried.client, sender: 'n@f.test', retry: noWait }).send(
          email,
        )
      ).ok,
    ).toBe(true);
    const failed = emailClient([{ status: 'Failed', id: 'op', error: { message: 'mailbox unknown' } }]);
    expect(
      await createAcsEmailNotifier({ client: failed.client, sender: 'n@f.test', retry: noWait }).send(email),
    ).toEqual({
      ok: false,
      error: { kind: 'rejected', reason: 'ACS email Failed: mailbox unknown' },
    });
  });

  it('honours Retry-After from the service', async () => {
    noWait.waits.length = 0;
    const error = Object.assign(throttled(), {
      response: { headers: { get: (name: string) => (name === 'retry-after' ? '0.5' : undefined) } },
    });
    const { client } = emailClient([error, { status: 'Succeeded', id: 'op' }]);
    await createAcsEmailNotifier({ client, sender: 'n@f.test', retry: noWait }).send(email);
    expect(noWait.waits).toEqual([500]);
  });
});

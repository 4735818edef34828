import { SmsClient } from '@azure/communication-sms';
import { connect } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { outboxMessageSchema, startOutbox, type Outbox } from '@fieldline/functions-local';
import { createEmailClient, createSmsClient } from '../../../shared/adapters/clients';
import { createLogger } from '../../../shared/observability';

const SENT_AT = Date.UTC(2026, 0, 5, 9, 30);

function statusOf(error: unknown): number | undefined {
  return typeof error === 'object' && error !== null && 'statusCode' in error
    ? Number(error.statusCode)
    : undefined;
}

function withKey(connectionString: string, accessKey: string): string {
  return connectionString.replace(/accesskey=[^;]+/, `accesskey=${accessKey}`);
}

describe('ACS outbox', () => {
  let outbox: Outbox;
  const logLines: string[] = [];

  beforeAll(async () => {
    outbox = await startOutbox({
      clock: { now: () => SENT_AT },
      logger: createLogger({ write: (line) => logLines.push(line), minLevel: 'debug' }),
    });
  });

  beforeEach(() => {
    outbox.clear();
    logLines.length = 0;
  });

  afterAll(async () => {
    await outbox?.stop();
  });

  it('accepts an email from the real EmailClient and records it with its links', async () => {
    const email = createEmailClient({ AcsConnection: outbox.connectionString });
    const poller = await email.beginSend({
      senderAddress: 'noreply@fieldline.test',
      content: {
        subject: 'Pick your appointment',
        plainText: 'Choose a slot: https://book.fieldline.test/s/abc?t=1.',
        html: '<p><a href="https://book.fieldline.test/s/abc?t=1&amp;lang=nl">Choose</a></p>',
      },
      recipients: { to: [{ address: 'ann@example.test' }], cc: [{ address: 'ops@example.test' }] },
    });
    const result = await poller.pollUntilDone();
    expect(result.status).toBe('Succeeded');

    expect(outbox.messages()).toEqual([
      {
        id: result.id,
        channel: 'email',
        to: ['ann@example.test', 'ops@example.test'],
        from: 'noreply@fieldline.test',
        subject: 'Pick your appointment',
        text: 'Choose a slot: https://book.fieldline.test/s/abc?t=1.',
        html: '<p><a href="https://book.fieldline.test/s/abc?t=1&amp;lang=nl">Choose</a></p>',
        at: new Date(SENT_AT).toISOString(),
        links: ['https://book.fieldline.test/s/abc?t=1', 'https://book.fieldline.test/s/abc?t=1&lang=nl'],
      },
    ]);
  });

  it('accepts an SMS from the real SmsClient with one result and one record per recipient', async () => {
    const sms = createSmsClient({ AcsConnection: outbox.connectionString });
    const results = await sms.send({
      from: '+3220000000',
      to: ['+32470000001', '+32470000002'],
      message: 'Reply 1 to confirm or open https://book.fieldline.test/s/xyz',
    });
    expect(results.map((result) => [result.to, result.successful, result.httpStatusCode])).toEqual([
      ['+32470000001', true, 202],
      ['+32470000002', true, 202],
    ]);

    const recorded = outbox.messages();
    expect(recorded.map((message) => [message.channel, message.id, message.to])).toEqual([
      ['sms', results[0]?.messageId, ['+32470000001']],
      ['sms', results[1]?.messageId, ['+32470000002']],
    ]);
    expect(recorded[0]).toMatchObject({
      from: '+3220000000',
      text: 'Reply 1 to confirm or open https://book.fieldline.test/s/xyz',
      links: ['https://book.fieldline.test/s/xyz'],
    });
  });

  it('answers 401 to clients signing with the wrong access key and records nothing', async () => {
    const wrongKey = withKey(outbox.connectionString, Buffer.alloc(32, 7).toString('base64'));
    const email = createEmailClient({ AcsConnection: wrongKey });
    const emailError = await email
      .beginSend({
        senderAddress: 'noreply@fieldline.test',
        content: { subject: 's', plainText: 't' },
        recipients: { to: [{ address: 'ann@example.test' }] },
      })
      .catch(statusOf);
    expect(emailError).toBe(401);

    const sms = createSmsClient({ AcsConnection: wrongKey });
    const smsError = await sms
      .send({ from: '+3220000000', to: ['+32470000001'], message: 'm' })
      .catch(statusOf);
    expect(smsError).toBe(401);

    const unsigned = await fetch(`${outbox.endpoint}sms?api-version=2021-03-07`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ from: '+3220000000', smsRecipients: [{ to: '+32470000001' }], message: 'm' }),
    });
    expect(unsigned.status).toBe(401);
    expect(outbox.messages()).toEqual([]);

    const problems = logLines.map((line) => (JSON.parse(line) as { problem?: string }).problem);
    expect(problems).toEqual(['signature-mismatch', 'signature-mismatch', 'missing-authorization']);
  });

  it('rejects a request whose body was altered after it was signed', async () => {
    const tampering = new SmsClient(outbox.connectionString, {
      allowInsecureConnection: true,
      additionalPolicies: [
        {
          // perRetry policies run after the access-key policy has signed the request.
          position: 'perRetry',
          policy: {
            name: 'tamper',
            sendRequest: (request, next) => {
              request.body = String(request.body).replace('+32470000001', '+32470000666');
              return next(request);
            },
          },
        },
      ],
    });
    const error = await tampering
      .send({ from: '+3220000000', to: ['+32470000001'], message: 'm' })
      .catch(statusOf);
    expect(error).toBe(401);
    expect(outbox.messages()).toEqual([]);
  });

  it('keeps phone numbers, addresses and message text out of its logs', async () => {
    const email = createEmailClient({ AcsConnection: outbox.connectionString });
    await (
      await email.beginSend({
        senderAddress: 'noreply@fieldline.test',
        content: { subject: 'Private subject', plainText: 'Private text' },
        recipients: { to: [{ address: 'ann@example.test' }] },
      })
    ).pollUntilDone();
    const sms = createSmsClient({ AcsConnection: outbox.connectionString });
    await sms.send({ from: '+3220000000', to: ['+32470000001'], message: 'Private text' });

    expect(logLines).toHaveLength(2);
    const logged = logLines.join('\n');
    for (const personal of ['ann@example.test', '+32470000001', '+3220000000', 'Private']) {
      expect(logged).not.toContain(personal);
    }
  });

  it('fails the next send to a planned recipient once, then delivers again', async () => {
    const email = createEmailClient({ AcsConnection: outbox.connectionString });
    const message = {
      senderAddress: 'noreply@fieldline.test',
      content: { subject: 'Reminder', plainText: 'See you tomorrow' },
      recipients: { to: [{ address: 'Bob@Example.test' }] },
    };
    outbox.failNext({ to: 'bob@example.test', status: 400 });
    expect(await email.beginSend(message).catch(statusOf)).toBe(400);
    expect(outbox.messages()).toEqual([]);
    expect((await (await email.beginSend(message)).pollUntilDone()).status).toBe('Succeeded');
    expect(outbox.messages()).toHaveLength(1);

    const sms = createSmsClient({ AcsConnection: outbox.connectionString });
    outbox.failNext({ to: '+32470000009', status: 400 });
    const results = await sms.send({
      from: '+3220000000',
      to: ['+32470000009', '+32470000001'],
      message: 'm',
    });
    expect(results.map((result) => [result.successful, result.httpStatusCode])).toEqual([
      [false, 400],
      [true, 202],
    ]);
    expect(outbox.messages().map((recorded) => recorded.to)).toEqual([
      ['Bob@Example.test'],
      ['+32470000001'],
    ]);
  });

  it('tells listeners about each message until they unsubscribe, even when one throws', async () => {
    const heard: string[] = [];
    const unsubscribe = outbox.onMessage((message) => heard.push(message.id));
    const unsubscribeFaulty = outbox.onMessage(() => {
      throw new Error('listener bug');
    });
    const sms = createSmsClient({ AcsConnection: outbox.connectionString });
    const [first] = await sms.send({ from: '+3220000000', to: ['+32470000001'], message: 'one' });
    expect(first?.successful).toBe(true);
    unsubscribe();
    unsubscribeFaulty();
    await sms.send({ from: '+3220000000', to: ['+32470000001'], message: 'two' });
    expect(heard).toEqual([first?.messageId]);
    expect(outbox.messages()).toHaveLength(2);
  });

  it('serves the recorded messages as JSON and as a page under /dev/', async () => {
    const sms = createSmsClient({ AcsConnection: outbox.connectionString });
    await sms.send({
      from: '+3220000000',
      to: ['+32470000001'],
      message: '<b>Hi</b> https://book.fieldline.test/s/1',
    });

    const json: unknown = await (await fetch(`${outbox.endpoint}dev/outbox.json`)).json();
    const parsed = outboxMessageSchema.array().parse(json);
    expect(parsed).toEqual(outbox.messages());

    const page = await fetch(`${outbox.endpoint}dev/outbox`);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await page.text();
    expect(html).toContain('&lt;b&gt;Hi&lt;/b&gt;');
    expect(html).not.toContain('<b>Hi</b>');
    expect(html).toContain('<a href="https://book.fieldline.test/s/1">');
  });
});

describe('ACS outbox lifecycle', () => {
  it('uses the given access key and closes its port on stop()', async () => {
    const accessKey = Buffer.alloc(32, 3).toString('base64');
    const outbox = await startOutbox({ accessKey });
    expect(outbox.connectionString).toBe(`endpoint=${outbox.endpoint};accesskey=${accessKey}`);
    const sms = createSmsClient({ AcsConnection: outbox.connectionString });
    expect((await sms.send({ from: '+3220000000', to: ['+32470000001'], message: 'm' }))[0]?.successful).toBe(
      true,
    );
    await outbox.stop();
    const port = Number(new URL(outbox.endpoint).port);
    const refused = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve(false);
      });
      socket.once('error', () => resolve(true));
    });
    expect(refused).toBe(true);
  });
});

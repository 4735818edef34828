import { describe, expect, it } from 'vitest';
import { createLogger, type LoggerOptions } from '../../../shared/observability/logger';
import { isPersonalDataKey } from '../../../shared/observability/personalData';

const capture = (options: Partial<LoggerOptions> = {}) => {
  const lines: Record<string, unknown>[] = [];
  const logger = createLogger({
    write: (line) => lines.push(JSON.parse(line) as Record<string, unknown>),
    now: () => new Date('2026-03-02T08:00:00Z'),
    ...options,
  });
  return { logger, lines };
};

describe('structured logger', () => {
  it('writes one JSON object per line with correlation fields', () => {
    const { logger, lines } = capture();
    logger.info('work order accepted', { workOrderId: 'WO-FLUVIUS-1', correlationId: 'm-1', revision: 2 });
    expect(lines).toEqual([
      {
        timestamp: '2026-03-02T08:00:00.000Z',
        level: 'info',
        message: 'work order accepted',
        workOrderId: 'WO-FLUVIUS-1',
        correlationId: 'm-1',
        revision: 2,
      },
    ]);
  });

  it('redacts personal-data keys however they are spelt', () => {
    const { logger, lines } = capture();
    logger.warn('contact', {
      phone: '+32470000001',
      customerEmail: 'an@example.com',
      site_address: 'Kerkstraat 12',
      name: 'An Peeters',
      lastName: 'Peeters',
      latitude: 51.2,
      queueName: 'workorders-inbound',
    });
    expect(lines[0]).toMatchObject({
      phone: '[redacted]',
      customerEmail: '[redacted]',
      site_address: '[redacted]',
      name: '[redacted]',
      lastName: '[redacted]',
      latitude: '[redacted]',
      queueName: 'workorders-inbound',
    });
  });

  it('masks phone numbers and email addresses inside free text and errors', () => {
    const { logger, lines } = capture();
    logger.error('send to +32470000001 failed', {
      error: new Error('ACS refused an.peeters@example.com'),
      detail: 'retry for +32470000001',
    });
    const line = JSON.stringify(lines[0]);
    expect(line).not.toContain('+32470000001');
    expect(line).not.toContain('an.peeters@example.com');
    expect(lines[0]).toMatchObject({
      message: 'send to [phone] failed',
      detail: 'retry for [phone]',
      error: { name: 'Error', message: 'ACS refused [email]' },
    });
  });

  it('never serialises nested objects, which could hide personal data under any key', () => {
    const { logger, lines } = capture();
    logger.info('customer loaded', { customer: { name: 'An', phone: '+32470000001' }, skills: ['a'] });
    expect(lines[0]).toMatchObject({ customer: '[object]', skills: '[object]' });
  });

  it('carries child fields on every line and lets a line override them', () => {
    const { logger, lines } = capture();
    const child = logger.child({ workOrderId: 'WO-1', correlationId: 'c-1' });
    child.info('one');
    child.info('two', { correlationId: 'c-2' });
    expect(lines.map((line) => [line['workOrderId'], line['correlationId']])).toEqual([
      ['WO-1', 'c-1'],
      ['WO-1', 'c-2'],
    ]);
  });

  it('drops lines below the minimum level', () => {
    const { logger, lines } = capture({ minLevel: 'warn' });
    logger.debug('noise');
    logger.info('noise');
    logger.warn('kept');
    expect(lines.map((line) => line['message'])).toEqual(['kept']);
  });

  it('keeps the standard fields from being overwritten by caller fields', () => {
    const { logger, lines } = capture();
    logger.info('real', { level: 'debug', message: 'fake', timestamp: 'then' });
    expect(lines[0]).toMatchObject({ level: 'info', message: 'real', timestamp: '2026-03-02T08:00:00.000Z' });
  });
});

describe('isPersonalDataKey', () => {
  it.each([
    'phone',
    'Phone',
    'customer_phone',
    'email',
    'emailAddress',
    'address',
    'street',
    'postcode',
    'firstName',
    'displayName',
  ])('%s is personal', (key) => expect(isPersonalDataKey(key)).toBe(true));
  it.each([
    'workOrderId',
    'correlationId',
    'queueName',
    'containerName',
    'templateName',
    'channel',
    'language',
  ])('%s is not personal', (key) => expect(isPersonalDataKey(key)).toBe(false));
});

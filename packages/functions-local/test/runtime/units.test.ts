import { describe, expect, it } from 'vitest';
import { parseHostConfig } from '../../src/runtime/hostConfig';
import { matchRoute, parseRouteTemplate } from '../../src/runtime/routeTemplate';
import { messageBodyData, outputMessages } from '../../src/runtime/serviceBusMessages';
import { resolveSettingExpression } from '../../src/runtime/settings';
import { parseTimerSchedule } from '../../src/runtime/timerSchedule';

const route = (template: string) => {
  const parsed = parseRouteTemplate(template);
  if (!parsed.ok) throw new Error(parsed.error);
  return (path: string) => matchRoute(parsed.value, path.split('/').filter(Boolean));
};

describe('route templates', () => {
  it('matches literals case-insensitively and captures parameters', () => {
    expect(route('Orders/{id}/items')('orders/7/ITEMS')).toEqual({ id: '7' });
    expect(route('orders/{id}/items')('orders/7')).toBeUndefined();
    expect(route('orders/{id}')('orders/7/extra')).toBeUndefined();
  });

  it('applies constraints, defaults and catch-alls', () => {
    expect(route('n/{id:int}')('n/12')).toEqual({ id: '12' });
    expect(route('n/{id:int}')('n/twelve')).toBeUndefined();
    expect(route('n/{id:int:range(1,9)}')('n/12')).toBeUndefined();
    expect(route('s/{code:regex(^[A-Z]{{2}}$)}')('s/BE')).toBeDefined();
    expect(route('p/{page=1}')('p')).toEqual({ page: '1' });
    expect(route('files/{*path}')('files/a/b/c.txt')).toEqual({ path: 'a/b/c.txt' });
  });

  it('refuses templates it cannot honour', () => {
    expect(parseRouteTemplate('a/{*rest}/b').ok).toBe(false);
    expect(parseRouteTemplate('a/{id:unknown}').ok).toBe(false);
    expect(parseRouteTemplate('a/x{id}').ok).toBe(false);
  });
});

describe('timer schedules', () => {
  const next = (expression: string, after: string) => {
    const schedule = parseTimerSchedule(expression);
    if (!schedule.ok) throw new Error(schedule.error);
    const at = schedule.value.next(Date.parse(after));
    return at === undefined ? undefined : new Date(at).toISOString();
  };

  it('reads six-field NCRONTAB with seconds', () => {
    expect(next('*/30 * * * * *', '2026-01-05T09:00:00Z')).toBe('2026-01-05T09:00:30.000Z');
    expect(next('0 30 9 * * 1-5', '2026-01-09T10:00:00Z')).toBe('2026-01-12T09:30:00.000Z');
  });

  it('requires both day-of-month and day-of-week, as NCRONTAB does', () => {
    // The 13th that is a Friday, not every 13th and every Friday.
    expect(next('0 0 0 13 * 5', '2026-01-01T00:00:00Z')).toBe('2026-02-13T00:00:00.000Z');
  });

  it('reads hh:mm:ss intervals and refuses five-field cron', () => {
    expect(next('00:10:00', '2026-01-05T09:00:00Z')).toBe('2026-01-05T09:10:00.000Z');
    expect(parseTimerSchedule('*/5 * * * *').ok).toBe(false);
  });

  it('honours a time zone', () => {
    const schedule = parseTimerSchedule('0 0 9 * * *', 'Europe/Brussels');
    expect(
      schedule.ok && new Date(schedule.value.next(Date.parse('2026-01-05T00:00:00Z'))!).toISOString(),
    ).toBe('2026-01-05T08:00:00.000Z');
  });
});

describe('binding helpers', () => {
  it('resolves %Setting% expressions and names the missing ones', () => {
    expect(resolveSettingExpression('%Prefix%-orders', { Prefix: 'dev' })).toEqual({
      ok: true,
      value: 'dev-orders',
    });
    expect(resolveSettingExpression('%Nope%', {})).toEqual({
      ok: false,
      error: 'app setting "Nope" is not set',
    });
  });

  it('hands text bodies over as strings and other bytes as bytes', () => {
    expect(messageBodyData(Buffer.from('{"a":1}'))).toEqual({ string: '{"a":1}' });
    expect(messageBodyData(Buffer.from([0xff, 0xfe]))).toEqual({ bytes: Buffer.from([0xff, 0xfe]) });
  });

  it('encodes output values as the host does, one message per array element', () => {
    let n = 0;
    const messages = outputMessages([{ a: 1 }, 'text'], () => `id-${++n}`);
    expect(messages).toEqual([
      { body: Buffer.from('{"a":1}'), contentType: 'application/json', messageId: 'id-1' },
      { body: Buffer.from('text'), messageId: 'id-2' },
    ]);
    expect(outputMessages(undefined)).toEqual([]);
  });

  it('reads the host.json settings it honours', () => {
    const parsed = parseHostConfig({
      extensions: {
        http: { routePrefix: '/v1/' },
        serviceBus: { maxConcurrentCalls: 4, maxAutoLockRenewalDuration: '00:01:30' },
      },
    });
    expect(parsed.ok && parsed.value.routePrefix).toBe('v1');
    expect(parsed.ok && parsed.value.serviceBus).toEqual({
      maxConcurrentCalls: 4,
      maxAutoLockRenewalMs: 90_000,
    });
    expect(
      parseHostConfig({ extensions: { serviceBus: { maxAutoLockRenewalDuration: '5 minutes' } } }).ok,
    ).toBe(false);
  });
});

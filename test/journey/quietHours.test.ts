import { describe, expect, it } from 'vitest';
import {
  isInQuietHours,
  lastAllowedTimeBefore,
  nextAllowedTime,
  type QuietHours,
} from '../../shared/journey/quietHours';

const overnight: QuietHours = { start: '21:00', end: '08:00', timeZone: 'Europe/Brussels' };

describe('quiet hours', () => {
  it('spans midnight when the start is after the end', () => {
    expect(isInQuietHours(new Date('2026-01-05T19:59:00Z'), overnight)).toBe(false); // 20:59
    expect(isInQuietHours(new Date('2026-01-05T20:00:00Z'), overnight)).toBe(true); // 21:00
    expect(isInQuietHours(new Date('2026-01-06T06:59:00Z'), overnight)).toBe(true); // 07:59
    expect(isInQuietHours(new Date('2026-01-06T07:00:00Z'), overnight)).toBe(false); // 08:00
  });

  it('reads the clock of the zone, not UTC, in summer too', () => {
    // 19:30 UTC is 21:30 in Brussels summer time.
    expect(isInQuietHours(new Date('2026-07-01T19:30:00Z'), overnight)).toBe(true);
  });

  it('shifts an evening time to the next morning and an early time to the same morning', () => {
    expect(nextAllowedTime(new Date('2026-01-05T22:15:00Z'), overnight).toISOString()).toBe(
      '2026-01-06T07:00:00.000Z',
    );
    expect(nextAllowedTime(new Date('2026-01-06T03:00:00Z'), overnight).toISOString()).toBe(
      '2026-01-06T07:00:00.000Z',
    );
    const allowed = new Date('2026-01-06T12:00:00Z');
    expect(nextAllowedTime(allowed, overnight)).toBe(allowed);
  });

  it('ends a night at 08:00 local across the spring-forward change', () => {
    // Night of 28–29 March 2026: 08:00 on the 29th is already summer time (06:00 UTC).
    expect(nextAllowedTime(new Date('2026-03-28T22:00:00Z'), overnight).toISOString()).toBe(
      '2026-03-29T06:00:00.000Z',
    );
  });

  it('finds the last allowed minute before a night began', () => {
    expect(lastAllowedTimeBefore(new Date('2026-01-06T05:00:00Z'), overnight).toISOString()).toBe(
      '2026-01-05T19:59:00.000Z',
    );
    expect(lastAllowedTimeBefore(new Date('2026-01-05T21:00:00Z'), overnight).toISOString()).toBe(
      '2026-01-05T19:59:00.000Z',
    );
  });

  it('supports a daytime window and no window at all', () => {
    const lunch: QuietHours = { start: '12:00', end: '13:00', timeZone: 'Europe/Brussels' };
    expect(isInQuietHours(new Date('2026-01-05T11:30:00Z'), lunch)).toBe(true);
    expect(isInQuietHours(new Date('2026-01-05T12:30:00Z'), lunch)).toBe(false);
    const none: QuietHours = { start: '00:00', end: '00:00', timeZone: 'Europe/Brussels' };
    expect(isInQuietHours(new Date('2026-01-05T23:30:00Z'), none)).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import {
  addLocalHours,
  instantAt,
  localDateTimeOf,
  utcOffsetMinutes,
} from '../../../shared/common/zonedTime';

const brussels = 'Europe/Brussels';

describe('wall-clock arithmetic in a time zone', () => {
  it('knows the Brussels offset in winter and summer', () => {
    expect(utcOffsetMinutes(new Date('2026-01-15T12:00:00Z'), brussels)).toBe(60);
    expect(utcOffsetMinutes(new Date('2026-07-15T12:00:00Z'), brussels)).toBe(120);
  });

  it('resolves a local time to the instant it names', () => {
    expect(instantAt({ year: 2026, month: 3, day: 10, hour: 8, minute: 0 }, brussels).toISOString()).toBe(
      '2026-03-10T07:00:00.000Z',
    );
    expect(instantAt({ year: 2026, month: 7, day: 10, hour: 8, minute: 0 }, brussels).toISOString()).toBe(
      '2026-07-10T06:00:00.000Z',
    );
  });

  it('moves a time skipped by spring-forward past the gap, and takes the first of a repeated time', () => {
    // 29 March 2026: 02:00 → 03:00 in Brussels, so 02:30 does not exist.
    expect(instantAt({ year: 2026, month: 3, day: 29, hour: 2, minute: 30 }, brussels).toISOString()).toBe(
      '2026-03-29T01:30:00.000Z',
    );
    // 25 October 2026: 03:00 → 02:00, so 02:30 happens twice; the first is still summer time.
    expect(instantAt({ year: 2026, month: 10, day: 25, hour: 2, minute: 30 }, brussels).toISOString()).toBe(
      '2026-10-25T00:30:00.000Z',
    );
  });

  it('keeps the local time when whole days cross a daylight-saving change', () => {
    const saturdayTen = new Date('2026-03-28T09:00:00Z'); // 10:00 CET
    const later = addLocalHours(saturdayTen, 48, brussels);
    expect(localDateTimeOf(later, brussels)).toEqual({ year: 2026, month: 3, day: 30, hour: 10, minute: 0 });
    // Only 47 hours elapsed: the night of the change was an hour short.
    expect(later.getTime() - saturdayTen.getTime()).toBe(47 * 3_600_000);
  });

  it('counts the part of a cadence below a day as elapsed time', () => {
    const mondayTen = new Date('2026-03-30T08:00:00Z'); // 10:00 CEST
    expect(addLocalHours(mondayTen, -2, brussels).toISOString()).toBe('2026-03-30T06:00:00.000Z');
    const before = addLocalHours(mondayTen, -50, brussels);
    expect(localDateTimeOf(before, brussels)).toEqual({ year: 2026, month: 3, day: 28, hour: 8, minute: 0 });
  });

  it('keeps the seconds of the instant it moves', () => {
    const start = new Date('2026-01-05T09:00:42.500Z');
    expect(addLocalHours(start, 48, brussels).toISOString()).toBe('2026-01-07T09:00:42.500Z');
  });
});

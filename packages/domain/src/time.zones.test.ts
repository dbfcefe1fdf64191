// Timezone offsets that are not whole hours, instants with seconds, the hour before a DST
// change, and the `@db.Date` conversions.
import { describe, expect, it } from 'vitest';
import { dateToDay, dayIn, dayToDate, offsetMinutes, timeIn, zonedTime } from './time.ts';

describe('offsetMinutes', () => {
  it('keeps the minutes of a half-hour and a quarter-hour zone', () => {
    const noon = new Date('2026-03-02T12:00:00Z');
    expect(offsetMinutes(noon, 'Asia/Kolkata')).toBe(330);
    expect(offsetMinutes(noon, 'Asia/Kathmandu')).toBe(345);
    expect(offsetMinutes(noon, 'America/St_Johns')).toBe(-210);
    expect(offsetMinutes(noon, 'Asia/Shanghai')).toBe(480);
    expect(offsetMinutes(noon, 'UTC')).toBe(0);
  });
  it('is the same whatever the seconds and milliseconds of the instant', () => {
    expect(offsetMinutes(new Date('2026-03-02T12:00:45.999Z'), 'Asia/Kolkata')).toBe(330);
    expect(offsetMinutes(new Date('2026-03-02T12:59:59.500Z'), 'Asia/Shanghai')).toBe(480);
  });
  it('follows daylight saving time', () => {
    expect(offsetMinutes(new Date('2026-03-29T00:59:59Z'), 'Europe/Berlin')).toBe(60);
    expect(offsetMinutes(new Date('2026-03-29T01:00:00Z'), 'Europe/Berlin')).toBe(120);
  });
});

describe('zonedTime', () => {
  it('places a time in a half-hour zone', () => {
    expect(zonedTime('2026-03-02', '09:15', 'Asia/Kolkata').toISOString()).toBe('2026-03-02T03:45:00.000Z');
  });
  it('places the hour before a spring-forward change on the winter offset', () => {
    // Berlin moves from 02:00 CET to 03:00 CEST on 2026-03-29 (01:00 UTC).
    expect(zonedTime('2026-03-29', '01:30', 'Europe/Berlin').toISOString()).toBe('2026-03-29T00:30:00.000Z');
    expect(zonedTime('2026-03-29', '03:30', 'Europe/Berlin').toISOString()).toBe('2026-03-29T01:30:00.000Z');
  });
  it('places the hour after a fall-back change on the winter offset', () => {
    // Berlin moves from 03:00 CEST back to 02:00 CET on 2026-10-25 (01:00 UTC).
    expect(zonedTime('2026-10-25', '04:00', 'Europe/Berlin').toISOString()).toBe('2026-10-25T03:00:00.000Z');
    expect(zonedTime('2026-10-24', '23:00', 'Europe/Berlin').toISOString()).toBe('2026-10-24T21:00:00.000Z');
  });
  it('round-trips with dayIn', () => {
    expect(dayIn(zonedTime('2026-03-02', '00:00', 'Asia/Kolkata'), 'Asia/Kolkata')).toBe('2026-03-02');
    expect(dayIn(zonedTime('2026-03-02', '23:59', 'America/St_Johns'), 'America/St_Johns')).toBe(
      '2026-03-02',
    );
  });
});

describe('@db.Date days', () => {
  it('maps a day to midnight UTC and back', () => {
    expect(dayToDate('2026-03-02').toISOString()).toBe('2026-03-02T00:00:00.000Z');
    expect(dateToDay(new Date('2026-03-02T23:59:59.999Z'))).toBe('2026-03-02');
    expect(dateToDay(dayToDate('2028-02-29'))).toBe('2028-02-29');
  });
});

describe('timeIn', () => {
  it('is the wall-clock time of an instant in the zone, midnight as 00:00', () => {
    expect(timeIn(new Date('2026-03-18T02:00:00Z'), 'Asia/Shanghai')).toBe('10:00');
    expect(timeIn(new Date('2026-03-18T16:00:00Z'), 'Asia/Shanghai')).toBe('00:00');
    expect(timeIn(new Date('2026-03-18T15:59:59Z'), 'Asia/Shanghai')).toBe('23:59');
    expect(timeIn(new Date('2026-07-01T12:30:00Z'), 'America/New_York')).toBe('08:30');
  });
});

import { describe, expect, it } from 'vitest';
import {
  addDays,
  addMonths,
  dayIn,
  daysBetween,
  monthBounds,
  monthIn,
  startOfDay,
  zonedTime,
} from './time.ts';

const SH = 'Asia/Shanghai';

describe('time in the organisation timezone', () => {
  it('puts the last evening of a month in Shanghai in that month, though UTC has not reached it', () => {
    const instant = new Date('2026-10-31T15:30:00Z'); // 23:30 on 31 Oct in Shanghai
    expect(dayIn(instant, SH)).toBe('2026-10-31');
    const next = new Date('2026-10-31T16:00:00Z'); // midnight 1 Nov in Shanghai
    expect(dayIn(next, SH)).toBe('2026-11-01');
    expect(monthIn(next, SH)).toBe('2026-11');
  });
  it('turns wall-clock times into instants', () => {
    expect(zonedTime('2026-11-24', '09:30', SH).toISOString()).toBe('2026-11-24T01:30:00.000Z');
    expect(startOfDay('2026-01-01', SH).toISOString()).toBe('2025-12-31T16:00:00.000Z');
    // across a DST change
    expect(zonedTime('2026-07-01', '12:00', 'Europe/Berlin').toISOString()).toBe('2026-07-01T10:00:00.000Z');
    expect(zonedTime('2026-01-01', '12:00', 'Europe/Berlin').toISOString()).toBe('2026-01-01T11:00:00.000Z');
  });
  it('does calendar arithmetic on days and months', () => {
    expect(addDays('2026-02-27', 2)).toBe('2026-03-01');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(daysBetween('2026-12-30', '2027-01-02')).toEqual([
      '2026-12-30',
      '2026-12-31',
      '2027-01-01',
      '2027-01-02',
    ]);
    expect(monthBounds('2026-02')).toEqual({ first: '2026-02-01', last: '2026-02-28' });
    expect(monthBounds('2028-02').last).toBe('2028-02-29');
    expect(addMonths('2026-12', 1)).toBe('2027-01');
    expect(addMonths('2026-01', -2)).toBe('2025-11');
  });
});

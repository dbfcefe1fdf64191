import { describe, expect, it } from 'vitest';
import {
  addWeeks,
  countsForAssignee,
  isoWeekBounds,
  isoWeekOf,
  isoWeeksInYear,
  onlineResponseRate,
} from './weekly.ts';

describe('ISO weeks', () => {
  it('names the week of a day, across year ends', () => {
    expect(isoWeekOf('2026-12-03')).toBe('2026-W49');
    expect(isoWeekOf('2026-12-27')).toBe('2026-W52'); // Sunday
    expect(isoWeekOf('2026-12-28')).toBe('2026-W53'); // Monday
    expect(isoWeekOf('2027-01-03')).toBe('2026-W53'); // Sunday, next calendar year
    expect(isoWeekOf('2027-01-04')).toBe('2027-W01');
    expect(isoWeekOf('2024-12-30')).toBe('2025-W01'); // Monday, calendar year before
    expect(isoWeekOf('2021-01-03')).toBe('2020-W53');
    expect(isoWeekOf('2021-01-04')).toBe('2021-W01');
    expect(isoWeekOf('2025-01-01')).toBe('2025-W01');
  });

  it('counts 53 weeks in years starting on a Thursday (or a leap year on a Wednesday)', () => {
    expect(isoWeeksInYear(2026)).toBe(53);
    expect(isoWeeksInYear(2020)).toBe(53); // leap, starts Wednesday
    expect(isoWeeksInYear(2015)).toBe(53);
    expect(isoWeeksInYear(2025)).toBe(52);
    expect(isoWeeksInYear(2027)).toBe(52);
    expect(isoWeeksInYear(2024)).toBe(52);
  });

  it('gives Monday to Sunday of a week and refuses what is not a week', () => {
    expect(isoWeekBounds('2026-W49')).toEqual({ first: '2026-11-30', last: '2026-12-06' });
    expect(isoWeekBounds('2026-W53')).toEqual({ first: '2026-12-28', last: '2027-01-03' });
    expect(isoWeekBounds('2027-W01')).toEqual({ first: '2027-01-04', last: '2027-01-10' });
    expect(isoWeekBounds('2025-W01')).toEqual({ first: '2024-12-30', last: '2025-01-05' });
    for (const bad of [
      '2025-W53',
      '2026-W54',
      '2026-W00',
      '2026-49',
      '2026-W1',
      '2026W49',
      '',
      '1969-W10',
      'x',
    ])
      expect(isoWeekBounds(bad)).toBeNull();
  });

  it('steps weeks back and forth across year ends', () => {
    expect(addWeeks('2027-W01', -1)).toBe('2026-W53');
    expect(addWeeks('2026-W53', 1)).toBe('2027-W01');
    expect(addWeeks('2026-W49', -7)).toBe('2026-W42');
    expect(addWeeks('2026-W02', -2)).toBe('2025-W52');
    expect(addWeeks('2026-W49', 0)).toBe('2026-W49');
    expect(() => addWeeks('2025-W53', 1)).toThrow(RangeError);
  });

  it('round-trips every day of 2019–2031 through its week', () => {
    let day = '2019-01-01';
    while (day < '2032-01-01') {
      const b = isoWeekBounds(isoWeekOf(day))!;
      expect(b.first <= day && day <= b.last).toBe(true);
      expect(new Date(`${b.first}T00:00:00Z`).getUTCDay()).toBe(1);
      const d = new Date(`${day}T00:00:00Z`);
      d.setUTCDate(d.getUTCDate() + 1);
      day = d.toISOString().slice(0, 10);
    }
  });
});

describe('online response rate', () => {
  it('is answered over sent, null when nothing was sent', () => {
    expect(onlineResponseRate(0, 0)).toEqual({ num: 0, den: 0, bp: null });
    expect(onlineResponseRate(0, 3)).toEqual({ num: 0, den: 3, bp: 0 });
    expect(onlineResponseRate(2, 3)).toEqual({ num: 2, den: 3, bp: 6667 });
    expect(onlineResponseRate(3, 3)).toEqual({ num: 3, den: 3, bp: 10000 });
    expect(() => onlineResponseRate(4, 3)).toThrow(RangeError);
  });
});

describe('whose completion a task counts in (R-KPI-13)', () => {
  const cases: Array<[string, { assigneeId: string; answeredLinkSentById: string | null }, boolean]> = [
    [
      'no online answer (a call, a rule task or a planned one)',
      { assigneeId: 'a', answeredLinkSentById: null },
      true,
    ],
    ['answered online, the assignee sent the link', { assigneeId: 'a', answeredLinkSentById: 'a' }, true],
    [
      'answered online, sent before the task was reassigned',
      { assigneeId: 'b', answeredLinkSentById: 'a' },
      false,
    ],
  ];
  it.each(cases)('%s', (_name, task, expected) => {
    expect(countsForAssignee(task)).toBe(expected);
  });
});

import { FUNNEL_STAGES } from '@huifang/contracts/values';
import { describe, expect, it } from 'vitest';
import {
  buildFunnel,
  FUNNEL_STAGE_ORDER,
  type FunnelEnquiry,
  type FunnelEvent,
  monthsBetween,
  stageReached,
} from './funnel.ts';
import { rateBp } from './report-math.ts';

const enq = (
  id: string,
  day: string,
  channel = 'PHONE',
  customerId: string | null = null,
  enrolledDay: string | null = null,
): FunnelEnquiry => ({
  id,
  day,
  channel,
  customerId,
  enrolledDay,
});
const ev = (customerId: string, kind: string, day: string): FunnelEvent => ({ customerId, kind, day });

describe('rateBp (report-math), as the funnel uses it', () => {
  it('is null when the stage before is zero', () => {
    expect(rateBp(0, 0)).toBeNull();
  });
  it('is an integer number of basis points, rounded half up', () => {
    expect(rateBp(1, 3)).toBe(3333);
    expect(rateBp(2, 3)).toBe(6667);
    expect(rateBp(1, 8)).toBe(1250);
    expect(rateBp(1, 20_000)).toBe(1); // 0.5 bp rounds up
    expect(rateBp(0, 7)).toBe(0);
    expect(rateBp(7, 7)).toBe(10_000);
    expect(Number.isInteger(rateBp(5, 7))).toBe(true);
  });
});

describe('monthsBetween', () => {
  it('crosses a year end', () => {
    expect(monthsBetween('2025-11', '2026-02')).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
  });
  it('is one month when from = to, none when to is before from', () => {
    expect(monthsBetween('2026-03', '2026-03')).toEqual(['2026-03']);
    expect(monthsBetween('2026-03', '2026-02')).toEqual([]);
  });
});

describe('the stage order', () => {
  it('is the contracts list', () => {
    expect([...FUNNEL_STAGE_ORDER]).toEqual([...FUNNEL_STAGES]);
  });
});

describe('stageReached', () => {
  it('an open or closed enquiry only enquired', () => {
    expect(stageReached(enq('a', '2026-01-05'), [])).toBe('ENQUIRED');
  });
  it('a converted enquiry without later events enrolled', () => {
    expect(
      stageReached(enq('a', '2026-01-05', 'WEB', 'c', '2026-01-10'), [ev('c', 'ENROLLED', '2026-01-10')]),
    ).toBe('ENROLLED');
  });
  it('ignores events before the conversion day', () => {
    expect(
      stageReached(enq('a', '2026-01-05', 'WEB', 'c', '2026-01-10'), [
        ev('c', 'COURSE_STARTED', '2026-01-09'),
        ev('c', 'COURSE_COMPLETED', '2025-06-01'),
      ]),
    ).toBe('ENROLLED');
  });
  it('counts an event on the conversion day itself', () => {
    expect(
      stageReached(enq('a', '2026-01-05', 'WEB', 'c', '2026-01-10'), [
        ev('c', 'COURSE_STARTED', '2026-01-10'),
      ]),
    ).toBe('ATTENDED');
  });
  it('a later stage without the earlier event still reaches it (a referral implies nothing skipped)', () => {
    expect(
      stageReached(enq('a', '2026-01-05', 'WEB', 'c', '2026-01-10'), [ev('c', 'REFERRAL', '2026-03-01')]),
    ).toBe('RETAINED');
  });
  it('other event kinds and other customers do not count', () => {
    expect(
      stageReached(enq('a', '2026-01-05', 'WEB', 'c', '2026-01-10'), [
        ev('c', 'REFUND', '2026-02-01'),
        ev('c', 'CONSULTATION', '2026-02-01'),
      ]),
    ).toBe('ENROLLED');
  });
});

describe('buildFunnel', () => {
  it('an empty period: every month listed with zeros and null rates', () => {
    const f = buildFunnel('2026-01', '2026-03', [], []);
    expect(f.months.map((m) => m.month)).toEqual(['2026-01', '2026-02', '2026-03']);
    for (const m of f.months) {
      expect(m.counts).toEqual({ ENQUIRED: 0, ENROLLED: 0, ATTENDED: 0, COMPLETED: 0, RETAINED: 0 });
      expect(m.rates).toEqual({ ENROLLED: null, ATTENDED: null, COMPLETED: null, RETAINED: null });
    }
    expect(f.cells).toEqual([]);
    expect(f.channels).toEqual([]);
    expect(f.total.counts.ENQUIRED).toBe(0);
  });

  it('a customer in two stages counts in both (and in every one before)', () => {
    const f = buildFunnel(
      '2026-01',
      '2026-01',
      [enq('a', '2026-01-05', 'PHONE', 'c', '2026-01-06'), enq('b', '2026-01-07')],
      [
        ev('c', 'ENROLLED', '2026-01-06'),
        ev('c', 'COURSE_STARTED', '2026-01-20'),
        ev('c', 'COURSE_COMPLETED', '2026-03-20'),
      ],
    );
    expect(f.total.counts).toEqual({ ENQUIRED: 2, ENROLLED: 1, ATTENDED: 1, COMPLETED: 1, RETAINED: 0 });
    expect(f.total.rates).toEqual({ ENROLLED: 5000, ATTENDED: 10_000, COMPLETED: 10_000, RETAINED: 0 });
  });

  it('re-enrolment after churn: a customer converted twice counts once per enquiry, each with its own course', () => {
    const f = buildFunnel(
      '2025-01',
      '2025-12',
      [
        enq('first', '2025-02-01', 'PHONE', 'c', '2025-02-03'),
        enq('second', '2025-09-01', 'WEB', 'c', '2025-09-02'),
      ],
      [
        ev('c', 'ENROLLED', '2025-02-03'),
        ev('c', 'COURSE_STARTED', '2025-02-10'),
        // dropped out; came back and enrolled again, this time completed
        ev('c', 'ENROLLED', '2025-09-02'),
        ev('c', 'COURSE_STARTED', '2025-09-05'),
        ev('c', 'COURSE_COMPLETED', '2025-11-30'),
      ],
    );
    expect(f.total.counts).toEqual({ ENQUIRED: 2, ENROLLED: 2, ATTENDED: 2, COMPLETED: 1, RETAINED: 0 });
    const feb = f.months.find((m) => m.month === '2025-02')!;
    expect(feb.counts).toEqual({ ENQUIRED: 1, ENROLLED: 1, ATTENDED: 1, COMPLETED: 0, RETAINED: 0 });
    const sep = f.months.find((m) => m.month === '2025-09')!;
    expect(sep.counts).toEqual({ ENQUIRED: 1, ENROLLED: 1, ATTENDED: 1, COMPLETED: 1, RETAINED: 0 });
  });

  it('months across a year end, each enquiry in its own month and channel', () => {
    const f = buildFunnel(
      '2025-12',
      '2026-01',
      [
        enq('a', '2025-12-31', 'PHONE'),
        enq('b', '2026-01-01', 'PHONE', 'c', '2026-01-01'),
        enq('c', '2026-01-15', 'WEB'),
        enq('out-before', '2025-11-30', 'PHONE'),
        enq('out-after', '2026-02-01', 'PHONE'),
      ],
      [ev('c', 'ENROLLED', '2026-01-01')],
    );
    expect(f.months.map((m) => [m.month, m.counts.ENQUIRED, m.counts.ENROLLED])).toEqual([
      ['2025-12', 1, 0],
      ['2026-01', 2, 1],
    ]);
    expect(f.cells.map((c) => [c.month, c.channel, c.counts.ENQUIRED])).toEqual([
      ['2025-12', 'PHONE', 1],
      ['2026-01', 'PHONE', 1],
      ['2026-01', 'WEB', 1],
    ]);
    expect(f.channels.map((c) => [c.channel, c.counts.ENQUIRED, c.rates.ENROLLED])).toEqual([
      ['PHONE', 2, 5000],
      ['WEB', 1, 0],
    ]);
  });

  it('an enquiry converted in a later month counts in its enquiry month', () => {
    const f = buildFunnel(
      '2026-01',
      '2026-03',
      [enq('a', '2026-01-28', 'EVENT', 'c', '2026-03-02')],
      [ev('c', 'ENROLLED', '2026-03-02'), ev('c', 'COURSE_STARTED', '2026-03-09')],
    );
    expect(f.months.map((m) => m.counts.ENROLLED)).toEqual([1, 0, 0]);
    expect(f.months[0]!.counts.ATTENDED).toBe(1);
    expect(f.months[2]!.rates.ENROLLED).toBeNull();
  });

  it('rates never exceed 100 % because a later stage counts in every earlier one', () => {
    const f = buildFunnel(
      '2026-01',
      '2026-01',
      [enq('a', '2026-01-02', 'SOCIAL', 'c', '2026-01-02')],
      [ev('c', 'RENEWED', '2026-06-01')],
    );
    expect(f.total.counts).toEqual({ ENQUIRED: 1, ENROLLED: 1, ATTENDED: 1, COMPLETED: 1, RETAINED: 1 });
    for (const r of Object.values(f.total.rates)) expect(r).toBe(10_000);
  });
});

// The cadence engine's boundaries (docs/rules.md#r-cad-1-cadence-rules): month and year ends, leap
// days, windows across a month, events recorded late or cancelled, rules edited after visits exist,
// and the reproducible sample.
import { describe, expect, it } from 'vitest';
import {
  addCadence,
  type CadenceEvent,
  type CadenceInput,
  type CadenceOffset,
  type CadenceRule,
  cadenceRuleProblems,
  dueVisits,
  eventReachDays,
  inSample,
  spreadOverCallers,
} from './cadence.ts';
import { addDays } from './time.ts';

const surgery: CadenceRule = {
  id: 'surgery',
  trigger: {
    kind: 'AFTER_EVENT',
    eventKind: 'SURGERY',
    offsets: [
      { key: 'd3', amount: 3, unit: 'DAY', windowDays: 2 },
      { key: 'w1', amount: 1, unit: 'WEEK', windowDays: 3 },
      { key: 'm1', amount: 1, unit: 'MONTH', windowDays: 7 },
    ],
  },
  shareBp: 10_000,
  seed: 1,
};

const owners: CadenceRule = {
  id: 'owners',
  trigger: {
    kind: 'EVERY_MONTHS',
    eventKind: 'PURCHASE',
    everyMonths: { HIGH: 3, MID: 6, LOW: 12 },
    windowDays: 14,
  },
  shareBp: 10_000,
  seed: 2,
};

const ev = (id: string, day: string, kind = 'SURGERY', over: Partial<CadenceEvent> = {}): CadenceEvent => ({
  id,
  customerId: `c-${id}`,
  kind,
  day,
  cancelled: false,
  ...over,
});

const run = (over: Partial<CadenceInput>) =>
  dueVisits({ rules: [surgery], events: [], from: '2026-01-01', to: '2026-12-31', made: new Set(), ...over });
const days = (r: ReturnType<typeof run>) => r.due.map((v) => `${v.key} ${v.dueDay}..${v.windowEnd}`);

describe('addCadence', () => {
  it.each([
    ['2026-01-30', 3, 'DAY', '2026-02-02'],
    ['2026-12-30', 3, 'DAY', '2027-01-02'],
    ['2028-02-27', 3, 'DAY', '2028-03-01'],
    ['2027-02-27', 3, 'DAY', '2027-03-02'],
    ['2026-12-28', 1, 'WEEK', '2027-01-04'],
    ['2026-01-31', 1, 'MONTH', '2026-02-28'],
    ['2028-01-31', 1, 'MONTH', '2028-02-29'],
    ['2026-03-31', 1, 'MONTH', '2026-04-30'],
    ['2026-01-31', 2, 'MONTH', '2026-03-31'],
    ['2026-11-30', 3, 'MONTH', '2027-02-28'],
    ['2026-12-15', 1, 'MONTH', '2027-01-15'],
    ['2024-02-29', 1, 'YEAR', '2025-02-28'],
    ['2024-02-29', 4, 'YEAR', '2028-02-29'],
    ['2026-05-10', 0, 'DAY', '2026-05-10'],
  ] as const)('%s + %i %s = %s', (day, amount, unit, expected) => {
    expect(addCadence(day, amount, unit)).toBe(expected);
  });
});

describe('dueVisits: after an event', () => {
  it('asks for each offset, across a month end and a year end', () => {
    const r = run({ events: [ev('a', '2026-12-29')], from: '2026-12-29', to: '2027-02-28' });
    expect(days(r)).toEqual([
      'surgery:a:d3 2027-01-01..2027-01-03',
      'surgery:a:w1 2027-01-05..2027-01-08',
      'surgery:a:m1 2027-01-29..2027-02-05',
    ]);
    expect(r.due.every((v) => !v.late && v.customerId === 'c-a' && v.ruleId === 'surgery')).toBe(true);
  });

  it('lists only what falls due by `to`: the daily job on one day', () => {
    const events = [ev('a', '2026-03-01'), ev('b', '2026-02-26'), ev('c', '2026-02-01')];
    const r = run({ events, from: '2026-03-04', to: '2026-03-04' });
    // a: +3 d is today. b: +3 d (1 March) closed on 3 March; +1 w is tomorrow. c: +3 d and +1 w closed
    // in February, but +1 m (1 March, open until 8 March) is still to be made: late.
    expect(r.due.map((v) => `${v.key} ${v.late ? 'late' : 'on time'}`)).toEqual([
      'surgery:c:m1 late',
      'surgery:a:d3 on time',
    ]);
    expect(r.skipped.map((s) => `${s.key} ${s.reason}`)).toEqual([
      'surgery:c:d3 WINDOW_PASSED',
      'surgery:c:w1 WINDOW_PASSED',
      'surgery:b:d3 WINDOW_PASSED',
    ]);
  });

  it('an event recorded late: a visit whose window is still open is due now and says it is late', () => {
    const r = run({ events: [ev('a', '2026-01-29')], from: '2026-02-02', to: '2026-02-02' });
    // +3 d = 1 Feb, window to 3 Feb: late; +1 w = 5 Feb: not yet; +1 m = 28 Feb: not yet
    expect(r.due).toEqual([
      {
        key: 'surgery:a:d3',
        ruleId: 'surgery',
        eventId: 'a',
        customerId: 'c-a',
        dueDay: '2026-02-01',
        windowEnd: '2026-02-03',
        late: true,
      },
    ]);
  });

  it('a window that crosses into the next month stays open until its last day, and not after', () => {
    const events = [ev('a', '2026-01-27')]; // +3 d = 30 Jan, window to 1 Feb
    expect(run({ events, from: '2026-02-01', to: '2026-02-01' }).due.map((v) => v.key)).toEqual([
      'surgery:a:d3',
    ]);
    const after = run({ events, from: '2026-02-02', to: '2026-02-02' });
    expect(after.due).toEqual([]);
    expect(after.skipped.map((s) => s.reason)).toEqual(['WINDOW_PASSED']);
  });

  it('a leap day: one month after 29 January 2028 is 29 February, in 2026 the 28th', () => {
    expect(days(run({ events: [ev('a', '2028-01-29')], from: '2028-02-29', to: '2028-02-29' }))).toEqual([
      'surgery:a:m1 2028-02-29..2028-03-07',
    ]);
    expect(days(run({ events: [ev('a', '2026-01-31')], from: '2026-02-28', to: '2026-02-28' }))).toEqual([
      'surgery:a:m1 2026-02-28..2026-03-07',
    ]);
  });

  it('never asks twice for a visit already made, even after the rule was edited', () => {
    const events = [ev('a', '2026-06-01')];
    const made = new Set(['surgery:a:d3']);
    // the rule now visits at +4 days under the same key, and adds +2 weeks
    const edited: CadenceRule = {
      ...surgery,
      trigger: {
        kind: 'AFTER_EVENT',
        eventKind: 'SURGERY',
        offsets: [
          { key: 'd3', amount: 4, unit: 'DAY', windowDays: 2 },
          { key: 'w2', amount: 2, unit: 'WEEK', windowDays: 3 },
        ],
      },
    };
    const r = dueVisits({ rules: [edited], events, from: '2026-06-01', to: '2026-06-30', made });
    expect(r.due.map((v) => v.key)).toEqual(['surgery:a:w2']);
    expect(r.skipped.map((s) => `${s.key} ${s.reason}`)).toEqual(['surgery:a:d3 ALREADY_MADE']);
  });

  it('a made visit whose window has passed is simply done: nothing said', () => {
    const r = run({
      events: [ev('a', '2026-01-01')],
      from: '2026-03-01',
      to: '2026-03-01',
      made: new Set(['surgery:a:d3']),
    });
    expect(r.skipped.map((s) => s.key)).toEqual(['surgery:a:w1', 'surgery:a:m1']);
  });

  it('a cancelled event asks for nothing, and the visits already made for it are to be withdrawn', () => {
    const events = [ev('a', '2026-06-01', 'SURGERY', { cancelled: true })];
    const r = run({ events, from: '2026-06-04', to: '2026-06-30', made: new Set(['surgery:a:d3']) });
    expect(r.due).toEqual([]);
    expect(r.withdraw).toEqual(['surgery:a:d3']);
    // +1 w is refused; +1 m (1 July) is after the range
    expect(r.skipped.map((s) => `${s.key} ${s.reason}`)).toEqual(['surgery:a:w1 EVENT_CANCELLED']);
  });

  it('ignores events of other kinds and visits after the range', () => {
    const r = run({
      events: [ev('a', '2026-06-01', 'DISCHARGE'), ev('b', '2026-06-28')],
      from: '2026-06-01',
      to: '2026-06-30',
    });
    expect(r.due.map((v) => v.key)).toEqual([]);
    expect(r.skipped).toEqual([]);
  });

  it('gives the same answer whatever the order of rules and events', () => {
    const events = Array.from({ length: 40 }, (_, i) =>
      ev(`e${i}`, `2026-05-${String((i % 28) + 1).padStart(2, '0')}`),
    );
    const a = dueVisits({
      rules: [surgery, { ...surgery, id: 'half', shareBp: 5000 }],
      events,
      from: '2026-05-01',
      to: '2026-07-31',
      made: new Set(),
    });
    const b = dueVisits({
      rules: [{ ...surgery, id: 'half', shareBp: 5000 }, surgery],
      events: [...events].reverse(),
      from: '2026-05-01',
      to: '2026-07-31',
      made: new Set(),
    });
    expect(b).toEqual(a);
  });
});

describe('dueVisits: every few months by tier, from a purchase', () => {
  const tiers = new Map([
    ['c-h', 'HIGH'],
    ['c-m', 'MID'],
    ['c-l', 'LOW'],
    ['c-x', 'NONE'],
  ]);
  const purchase = (id: string, day: string) => ev(id, day, 'PURCHASE');

  it('high quarterly, middle half-yearly, low yearly, counted from the purchase date each time', () => {
    const r = dueVisits({
      rules: [owners],
      events: [
        purchase('h', '2025-11-30'),
        purchase('m', '2025-08-31'),
        purchase('l', '2024-02-29'),
        purchase('x', '2025-01-01'),
      ],
      from: '2026-01-01',
      to: '2026-12-31',
      made: new Set(),
      tiers,
    });
    expect(r.due.map((v) => `${v.customerId} ${v.dueDay}`)).toEqual([
      'c-h 2026-02-28',
      'c-l 2026-02-28',
      'c-m 2026-02-28',
      'c-h 2026-05-30',
      'c-h 2026-08-30',
      'c-m 2026-08-31',
      'c-h 2026-11-30',
    ]);
    expect(r.skipped.filter((s) => s.reason === 'TIER_NOT_VISITED').map((s) => s.customerId)).toEqual([
      'c-x',
    ]);
    // the low-tier owner's 2025 visit closed its window before the range: said once
    expect(
      r.skipped.filter((s) => s.reason === 'WINDOW_PASSED').map((s) => `${s.customerId} ${s.dueDay}`),
    ).toEqual(['c-l 2025-02-28']);
  });

  it('a customer without a known tier is not visited by a tier rule', () => {
    const r = dueVisits({
      rules: [owners],
      events: [purchase('q', '2025-01-01')],
      from: '2026-01-01',
      to: '2026-12-31',
      made: new Set(),
    });
    expect(r.due).toEqual([]);
    expect(r.skipped.map((s) => s.reason)).toEqual(['TIER_NOT_VISITED']);
  });

  it('a leap-day purchase: yearly on 28 February, and on the 29th in a leap year', () => {
    const r = dueVisits({
      rules: [owners],
      events: [purchase('l', '2024-02-29')],
      from: '2025-01-01',
      to: '2028-12-31',
      made: new Set(),
      tiers,
    });
    expect(r.due.map((v) => v.dueDay)).toEqual(['2025-02-28', '2026-02-28', '2027-02-28', '2028-02-29']);
  });
});

describe('the sampled share', () => {
  const events = Array.from({ length: 2000 }, (_, i) =>
    ev(`complaint-${i}`, '2026-04-01', 'COMPLAINT_CLOSED'),
  );
  const complaints = (shareBp: number, seed = 7): CadenceRule => ({
    id: `complaints-${shareBp}`,
    trigger: {
      kind: 'AFTER_EVENT',
      eventKind: 'COMPLAINT_CLOSED',
      offsets: [{ key: 'd3', amount: 3, unit: 'DAY', windowDays: 0 }],
    },
    shareBp,
    seed,
  });

  it.each([
    [5000, 0.5],
    [3000, 0.3],
    [1000, 0.1],
  ])('%i bp takes about that share (within 4 standard deviations)', (shareBp, p) => {
    const r = dueVisits({
      rules: [complaints(shareBp)],
      events,
      from: '2026-04-04',
      to: '2026-04-04',
      made: new Set(),
    });
    const sd = Math.sqrt(events.length * p * (1 - p));
    expect(Math.abs(r.due.length - events.length * p)).toBeLessThan(4 * sd);
    expect(r.due.length + r.skipped.length).toBe(events.length);
    expect(r.skipped.every((s) => s.reason === 'NOT_SAMPLED')).toBe(true);
  });

  it('all and none', () => {
    expect(events.every((e) => inSample(complaints(10_000), e.id))).toBe(true);
    expect(events.some((e) => inSample(complaints(0), e.id))).toBe(false);
  });

  it('an event is in or out by the seed and its own id only, and another seed draws another sample', () => {
    const picked = (seed: number) =>
      events.filter((e) => inSample(complaints(5000, seed), e.id)).map((e) => e.id);
    expect(picked(7)).toEqual(picked(7));
    expect(
      events
        .slice(0, 100)
        .filter((e) => inSample(complaints(5000), e.id))
        .map((e) => e.id),
    ).toEqual(picked(7).filter((id) => Number(id.split('-')[1]) < 100));
    expect(picked(8)).not.toEqual(picked(7));
  });

  it('a larger share keeps every event a smaller one took (raising 30 % to 50 % adds, never swaps)', () => {
    const at = (bp: number) => new Set(events.filter((e) => inSample(complaints(bp), e.id)).map((e) => e.id));
    const small = at(3000);
    const large = at(5000);
    expect([...small].every((id) => large.has(id))).toBe(true);
  });
});

describe('cadenceRuleProblems', () => {
  it('accepts the shipped rules', () => {
    expect(cadenceRuleProblems(surgery)).toEqual([]);
    expect(cadenceRuleProblems(owners)).toEqual([]);
  });

  it('names each problem', () => {
    expect(
      cadenceRuleProblems({
        ...surgery,
        shareBp: 0,
        trigger: {
          kind: 'AFTER_EVENT',
          eventKind: 'SURGERY',
          offsets: [
            { key: 'a', amount: -1, unit: 'DAY', windowDays: 2 },
            { key: 'a', amount: 2, unit: 'DAY', windowDays: 400 },
          ],
        },
      }),
    ).toEqual([
      'shareBp must be a whole number from 1 to 10000',
      'offset a: amount must be a whole number from 0 to 3660',
      'offset key a appears twice',
      'offset a: windowDays must be a whole number from 0 to 365',
    ]);
    expect(
      cadenceRuleProblems({
        ...surgery,
        trigger: { kind: 'AFTER_EVENT', eventKind: 'SURGERY', offsets: [] },
      }),
    ).toEqual(['an AFTER_EVENT rule needs at least one visit']);
    expect(
      cadenceRuleProblems({
        ...owners,
        trigger: { kind: 'EVERY_MONTHS', eventKind: 'PURCHASE', everyMonths: { HIGH: 0 }, windowDays: -1 },
      }),
    ).toEqual([
      'tier HIGH: everyMonths must be a whole number from 1 to 120',
      'windowDays must be a whole number from 0 to 365',
    ]);
    expect(
      cadenceRuleProblems({
        ...owners,
        trigger: { kind: 'EVERY_MONTHS', eventKind: 'PURCHASE', everyMonths: {}, windowDays: 3 },
      }),
    ).toEqual(['an EVERY_MONTHS rule needs a period for at least one tier']);
  });
});

describe('eventReachDays: how old an event may still call for a visit', () => {
  it('is the last offset at its latest plus its window', () => {
    const after = (offsets: CadenceOffset[]) =>
      eventReachDays({ kind: 'AFTER_EVENT', eventKind: 'X', offsets });
    expect(after([{ key: 'a', amount: 3, unit: 'DAY', windowDays: 2 }])).toBe(5);
    expect(
      after([
        { key: 'a', amount: 1, unit: 'DAY', windowDays: 2 },
        { key: 'b', amount: 1, unit: 'MONTH', windowDays: 5 },
      ]),
    ).toBe(36);
    expect(after([{ key: 'a', amount: 2, unit: 'WEEK', windowDays: 0 }])).toBe(14);
    expect(after([{ key: 'a', amount: 1, unit: 'YEAR', windowDays: 1 }])).toBe(367);
  });

  it('covers every due day addCadence can give (31 January + 1 month, 29 February + 1 year)', () => {
    for (const [day, amount, unit] of [
      ['2026-01-31', 1, 'MONTH'],
      ['2028-02-29', 1, 'YEAR'],
      ['2026-12-31', 12, 'MONTH'],
    ] as const) {
      const due = addCadence(day, amount, unit);
      const days = (Date.parse(due) - Date.parse(day)) / 86_400_000;
      expect(days).toBeLessThanOrEqual(
        eventReachDays({
          kind: 'AFTER_EVENT',
          eventKind: 'X',
          offsets: [{ key: 'a', amount, unit, windowDays: 0 }],
        }),
      );
    }
  });

  it('is unbounded for periodic rules', () => {
    expect(
      eventReachDays({
        kind: 'EVERY_MONTHS',
        eventKind: 'PURCHASE',
        everyMonths: { HIGH: 3 },
        windowDays: 7,
      }),
    ).toBe(Number.POSITIVE_INFINITY);
  });
});

describe('spreadOverCallers', () => {
  it('gives each visit to the least loaded caller, ties by order, counting what it gave', () => {
    const got = spreadOverCallers(
      ['v1', 'v2', 'v3', 'v4'],
      ['a', 'b', 'c'],
      new Map([
        ['a', 2],
        ['b', 0],
        ['c', 1],
      ]),
    );
    expect([...got]).toEqual([
      ['v1', 'b'],
      ['v2', 'b'],
      ['v3', 'c'],
      ['v4', 'a'],
    ]);
  });
  it('gives nothing without callers', () => {
    expect(spreadOverCallers(['v1'], [], new Map()).size).toBe(0);
  });
});

describe('periodic rules over long histories', () => {
  const rule: CadenceRule = {
    id: 'tiers',
    seed: 1,
    shareBp: 10_000,
    trigger: {
      kind: 'EVERY_MONTHS',
      eventKind: 'PURCHASE',
      everyMonths: { HIGH: 3, MID: 7, LOW: 12 },
      windowDays: 365,
    },
  };
  /** every period from the first, by hand */
  const naive = (day: string, every: number, from: string, to: string, windowDays: number) => {
    const out: string[] = [];
    for (let k = 1; ; k++) {
      const due = addCadence(day, k * every, 'MONTH');
      if (due > to) break;
      if (addDays(due, windowDays) >= from) out.push(due);
    }
    return out;
  };

  it('finds the same due visits as counting every period from the first, for purchases years back', () => {
    const tiers = new Map([
      ['h', 'HIGH'],
      ['m', 'MID'],
      ['l', 'LOW'],
    ]);
    for (const day of ['2014-01-31', '2016-02-29', '2019-08-15', '2025-12-31']) {
      for (const [from, to] of [
        ['2026-03-18', '2026-03-18'],
        ['2026-01-01', '2026-12-31'],
        ['2028-02-29', '2028-02-29'],
      ] as const) {
        const events = [...tiers.keys()].map((c) => ({
          id: `${c}${day}`,
          customerId: c,
          kind: 'PURCHASE',
          day,
          cancelled: false,
        }));
        const { due } = dueVisits({ rules: [rule], events, from, to, made: new Set(), tiers });
        for (const [c, tier] of tiers) {
          const every = (rule.trigger as { everyMonths: Record<string, number> }).everyMonths[tier]!;
          expect(
            due.filter((v) => v.customerId === c).map((v) => v.dueDay),
            `${day} ${tier} ${from}`,
          ).toEqual(naive(day, every, from, to, 365));
        }
      }
    }
  });
});

describe('listSkipped: false', () => {
  it('gives the same due visits and withdrawals, and no skipped list', () => {
    const input: CadenceInput = {
      rules: [surgery],
      events: [
        { id: 'e1', customerId: 'c1', kind: 'SURGERY', day: '2026-01-01', cancelled: false },
        { id: 'e2', customerId: 'c2', kind: 'SURGERY', day: '2026-03-16', cancelled: false },
        { id: 'e3', customerId: 'c3', kind: 'SURGERY', day: '2026-03-16', cancelled: true },
      ],
      from: '2026-03-18',
      to: '2026-03-18',
      made: new Set([`surgery:e3:d3`]),
    };
    const all = dueVisits(input);
    const quiet = dueVisits({ ...input, listSkipped: false });
    expect(all.skipped.length).toBeGreaterThan(0);
    expect(quiet).toEqual({ due: all.due, skipped: [], withdraw: all.withdraw });
  });
});

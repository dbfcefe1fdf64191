// What the rules not approved propose for a monthly plan (docs/rules.md#r-cad-7-rule-proposals): the
// month's bounds, windows across months, this month's plan from today, visits made or planned,
// cancelled events, rules standing, off, of managers or of other teams, and the reproducible sample.
import { describe, expect, it } from 'vitest';
import { type CadenceEvent, type CadenceRule, proposingDefinition, ruleProposals } from './cadence.ts';

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
  trigger: { kind: 'EVERY_MONTHS', eventKind: 'PURCHASE', everyMonths: { HIGH: 3, LOW: 12 }, windowDays: 14 },
  shareBp: 10_000,
  seed: 2,
};
const ev = (id: string, day: string, kind = 'SURGERY', cancelled = false): CadenceEvent => ({
  id,
  customerId: `c-${id}`,
  kind,
  day,
  cancelled,
});
const none = new Set<string>();
const brief = (p: ReturnType<typeof ruleProposals>) =>
  p.map((v) => [v.key, v.dueDay, v.windowFrom, v.windowTo, v.late]);

describe('ruleProposals', () => {
  it('proposes the visits due in the month, each once, with its window', () => {
    const p = ruleProposals({
      rules: [surgery],
      events: [ev('e1', '2026-04-10')],
      month: '2026-04',
      today: '2026-03-25',
      made: none,
    });
    expect(brief(p)).toEqual([
      ['surgery:e1:d3', '2026-04-13', '2026-04-13', '2026-04-15', false],
      ['surgery:e1:w1', '2026-04-17', '2026-04-17', '2026-04-20', false],
    ]);
    expect(p[0]).toMatchObject({
      ruleId: 'surgery',
      eventId: 'e1',
      customerId: 'c-e1',
      windowEnd: '2026-04-15',
    });
  });

  it('clips a window that runs past the month end to the month, and the next month takes the rest', () => {
    // d3 due 31 January, window to 2 February
    const input = { rules: [surgery], events: [ev('e1', '2026-01-28')], today: '2026-01-01', made: none };
    expect(brief(ruleProposals({ ...input, month: '2026-01' }))).toEqual([
      ['surgery:e1:d3', '2026-01-31', '2026-01-31', '2026-01-31', false],
    ]);
    // a plan of February without it: the visit due before the month, its window reaching in (late)
    expect(brief(ruleProposals({ ...input, month: '2026-02' }))).toEqual([
      ['surgery:e1:d3', '2026-01-31', '2026-02-01', '2026-02-02', true],
      ['surgery:e1:w1', '2026-02-04', '2026-02-04', '2026-02-07', false],
      // 28 January + 1 month = 28 February; its window runs into March
      ['surgery:e1:m1', '2026-02-28', '2026-02-28', '2026-02-28', false],
    ]);
  });

  it('ends the month on its last day: 29 February in a leap year, 31 December', () => {
    const one: CadenceRule = {
      ...surgery,
      trigger: {
        kind: 'AFTER_EVENT',
        eventKind: 'SURGERY',
        offsets: [{ key: 'x', amount: 1, unit: 'MONTH', windowDays: 5 }],
      },
    };
    expect(
      brief(
        ruleProposals({
          rules: [one],
          events: [ev('e', '2028-01-31')],
          month: '2028-02',
          today: '2028-01-20',
          made: none,
        }),
      ),
    ).toEqual([['surgery:e:x', '2028-02-29', '2028-02-29', '2028-02-29', false]]);
    expect(
      brief(
        ruleProposals({
          rules: [one],
          events: [ev('e', '2026-11-30')],
          month: '2026-12',
          today: '2026-11-30',
          made: none,
        }),
      ),
    ).toEqual([['surgery:e:x', '2026-12-30', '2026-12-30', '2026-12-31', false]]);
    // nothing due on 1 January leaks into December
    expect(
      ruleProposals({
        rules: [one],
        events: [ev('e', '2026-12-01')],
        month: '2026-12',
        today: '2026-11-30',
        made: none,
      }),
    ).toEqual([]);
  });

  it('starts this month’s plan today: past days are gone, windows closed before today are not proposed', () => {
    const input = { rules: [surgery], events: [ev('e1', '2026-04-01')], month: '2026-04', made: none };
    // d3 due 4 April (window to 6), w1 due 8 April (window to 11), m1 due 1 May
    expect(brief(ruleProposals({ ...input, today: '2026-04-05' }))).toEqual([
      ['surgery:e1:d3', '2026-04-04', '2026-04-05', '2026-04-06', true],
      ['surgery:e1:w1', '2026-04-08', '2026-04-08', '2026-04-11', false],
    ]);
    expect(brief(ruleProposals({ ...input, today: '2026-04-09' }))).toEqual([
      ['surgery:e1:w1', '2026-04-08', '2026-04-09', '2026-04-11', true],
    ]);
    expect(ruleProposals({ ...input, today: '2026-04-30' })).toEqual([]);
  });

  it('proposes nothing for a month already past', () => {
    expect(
      ruleProposals({
        rules: [surgery],
        events: [ev('e1', '2026-04-01')],
        month: '2026-04',
        today: '2026-05-01',
        made: none,
      }),
    ).toEqual([]);
  });

  it('leaves out visits made or planned before, and those of cancelled events', () => {
    const p = ruleProposals({
      rules: [surgery],
      events: [
        ev('e1', '2026-04-10'),
        ev('e2', '2026-04-10', 'SURGERY', true),
        ev('e3', '2026-04-10', 'DISCHARGE'),
      ],
      month: '2026-04',
      today: '2026-04-01',
      made: new Set(['surgery:e1:d3']),
    });
    expect(p.map((v) => v.key)).toEqual(['surgery:e1:w1']);
  });

  it('proposes periodic visits by the customer’s tier', () => {
    const p = ruleProposals({
      rules: [owners],
      events: [
        ev('p1', '2026-01-15', 'PURCHASE'),
        ev('p2', '2026-01-15', 'PURCHASE'),
        ev('p3', '2025-04-10', 'PURCHASE'),
      ],
      month: '2026-04',
      today: '2026-03-20',
      made: none,
      tiers: new Map([
        ['c-p1', 'HIGH'],
        ['c-p2', 'MID'],
        ['c-p3', 'LOW'],
      ]),
    });
    expect(brief(p)).toEqual([
      ['owners:p3:@2026-04-10', '2026-04-10', '2026-04-10', '2026-04-24', false],
      ['owners:p1:@2026-04-15', '2026-04-15', '2026-04-15', '2026-04-29', false],
    ]);
  });

  it('samples a rule’s share reproducibly, whatever the order of the events', () => {
    const half: CadenceRule = { ...surgery, shareBp: 5000, seed: 7 };
    const events = Array.from({ length: 200 }, (_, i) => ev(`e${i}`, '2026-04-10'));
    const input = { rules: [half], month: '2026-04', today: '2026-04-01', made: none };
    const a = ruleProposals({ ...input, events });
    const b = ruleProposals({ ...input, events: [...events].reverse() });
    expect(b).toEqual(a);
    const sampled = new Set(a.map((v) => v.eventId)).size;
    expect(sampled).toBeGreaterThan(70);
    expect(sampled).toBeLessThan(130);
    // both visits of a sampled event, none of the others
    expect(a.length).toBe(sampled * 2);
  });
});

describe('proposingDefinition', () => {
  const def = (over: Partial<{ enabled: boolean; doer: string; teamId: string | null }> = {}) => ({
    enabled: true,
    doer: 'CALLER',
    teamId: null as string | null,
    ...over,
  });
  it('takes the draft of a rule never approved, for any team or the plan’s', () => {
    expect(proposingDefinition({ active: null, draft: def() }, 't1')).toEqual(def());
    expect(
      proposingDefinition({ active: null, draft: def({ teamId: 't1', doer: 'LEAD' }) }, 't1'),
    ).not.toBeNull();
  });
  it('leaves out standing rules, drafts that are off, managers’ visits and other teams’', () => {
    expect(proposingDefinition({ active: def(), draft: def() }, 't1')).toBeNull();
    expect(proposingDefinition({ active: null, draft: def({ enabled: false }) }, 't1')).toBeNull();
    expect(proposingDefinition({ active: null, draft: def({ doer: 'MANAGER' }) }, 't1')).toBeNull();
    expect(proposingDefinition({ active: null, draft: def({ teamId: 't2' }) }, 't1')).toBeNull();
  });
  it('takes the draft of a rule whose approved version is off (a draft turning it on awaits approval)', () => {
    expect(proposingDefinition({ active: def({ enabled: false }), draft: def() }, 't1')).toEqual(def());
  });
});

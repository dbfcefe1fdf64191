import { ZCadenceDefinition } from '@huifang/contracts';
import { describe, expect, it } from 'vitest';
import { addCadence, cadenceRuleProblems, dueVisits } from './cadence.ts';
import { DEFAULT_CADENCE_RULES } from './cadence-defaults.ts';
import { addDays } from './time.ts';

const rule = (code: string) => DEFAULT_CADENCE_RULES.find((r) => r.code === code)!;

describe('R-CAD-2 default rules', () => {
  it('are valid definitions the engine accepts, each code once', () => {
    expect(new Set(DEFAULT_CADENCE_RULES.map((r) => r.code)).size).toBe(DEFAULT_CADENCE_RULES.length);
    for (const r of DEFAULT_CADENCE_RULES) {
      expect(ZCadenceDefinition.safeParse(r.definition).success, r.code).toBe(true);
      expect(
        cadenceRuleProblems({
          id: r.code,
          seed: 1,
          shareBp: r.definition.shareBp,
          trigger: r.definition.trigger,
        }),
        r.code,
      ).toEqual([]);
    }
  });

  /** The last day each visit may be made, counted in days after the event. */
  const deadlines = (code: string) => {
    const t = rule(code).definition.trigger;
    if (t.kind !== 'AFTER_EVENT') throw new Error('not an event rule');
    const event = '2026-01-31';
    return t.offsets.map((o) => {
      const due = addCadence(event, o.amount, o.unit);
      const last = addDays(due, o.windowDays);
      return [
        Number(new Date(due)) - Number(new Date(event)),
        Number(new Date(last)) - Number(new Date(event)),
      ].map((ms) => ms / 86_400_000);
    });
  };

  it('meet the regulations’ deadlines: discharge, consultation and complaints within 3 days', () => {
    for (const code of ['DISCHARGE_3D', 'CONSULTATION_3D', 'COMPLAINT_3D_50'])
      expect(deadlines(code)).toEqual([[1, 3]]);
  });

  it('visit after surgery within 3 days, within a week and within a month, one span after another', () => {
    expect(deadlines('SURGERY_3D_1W_1M')).toEqual([
      [1, 3],
      [4, 7],
      [8, 30],
    ]);
  });

  it('visit after a treatment course within a week, after a repair within a month', () => {
    expect(deadlines('TREATMENT_1W')).toEqual([[1, 7]]);
    expect(deadlines('REPAIR_1M_30')).toEqual([[1, 30]]);
  });

  it('sample half of the closed complaints and 30 % of the repairs', () => {
    expect(rule('COMPLAINT_3D_50').definition.shareBp).toBe(5000);
    expect(rule('REPAIR_1M_30').definition.shareBp).toBe(3000);
    const events = Array.from({ length: 2000 }, (_, i) => ({
      id: `e${i}`,
      customerId: `c${i}`,
      kind: 'COMPLAINT_CLOSED',
      day: '2026-03-01',
      cancelled: false,
    }));
    const d = rule('COMPLAINT_3D_50').definition;
    const { due } = dueVisits({
      rules: [{ id: 'r', seed: 7, shareBp: d.shareBp, trigger: d.trigger }],
      events,
      from: '2026-03-02',
      to: '2026-03-02',
      made: new Set(),
    });
    expect(due.length / events.length).toBeGreaterThan(0.45);
    expect(due.length / events.length).toBeLessThan(0.55);
  });

  it('visit key customers quarterly, half-yearly and yearly by value from the purchase', () => {
    const t = rule('VALUE_TIERS').definition.trigger;
    expect(t).toMatchObject({
      kind: 'EVERY_MONTHS',
      eventKind: 'PURCHASE',
      everyMonths: { HIGH: 3, MID: 6, LOW: 12 },
    });
  });
});

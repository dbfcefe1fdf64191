import { DEFAULT_CADENCE_RULES } from '@huifang/domain';
import { describe, expect, it } from 'vitest';
import { BLANK, toDefinition, toValues } from './form-values';

describe('the rule form’s values', () => {
  it('give back every default rule unchanged', () => {
    for (const d of DEFAULT_CADENCE_RULES)
      expect(toDefinition(toValues(d.definition)), d.code).toEqual(d.definition);
  });

  it('keep the key of a kept visit and give a new visit a key not in use', () => {
    const surgery = DEFAULT_CADENCE_RULES.find((d) => d.code === 'SURGERY_3D_1W_1M')!.definition;
    const v = toValues(surgery);
    // the week visit removed, two added
    v.offsets = [
      v.offsets[0]!,
      v.offsets[2]!,
      { amount: 2, unit: 'MONTH', windowDays: 7 },
      { amount: 3, unit: 'MONTH', windowDays: 7 },
    ];
    const d = toDefinition(v);
    expect(d.trigger.kind === 'AFTER_EVENT' && d.trigger.offsets.map((o) => o.key)).toEqual([
      'd3',
      'm1',
      'v1',
      'v2',
    ]);
  });

  it('turn the share into basis points and drop tiers left empty', () => {
    const d = toDefinition({
      ...BLANK,
      name: ' 定期 ',
      purpose: ' p ',
      kind: 'EVERY_MONTHS',
      eventKind: 'PURCHASE',
      everyMonths: { HIGH: 3, MID: null },
      windowDays: 10,
      sharePercent: 12.5,
    });
    expect(d).toMatchObject({
      name: '定期',
      purpose: 'p',
      shareBp: 1250,
      trigger: { kind: 'EVERY_MONTHS', eventKind: 'PURCHASE', everyMonths: { HIGH: 3 }, windowDays: 10 },
    });
  });

  it('keep the week-ahead notice when asked for, and leave it out when not', () => {
    const tiers = DEFAULT_CADENCE_RULES.find((d) => d.code === 'VALUE_TIERS')!.definition;
    expect(tiers.noticeWeekAhead).toBe(true);
    expect(toValues(tiers).noticeWeekAhead).toBe(true);
    expect(toDefinition(toValues(tiers)).noticeWeekAhead).toBe(true);
    const off = toDefinition({ ...toValues(tiers), noticeWeekAhead: false });
    expect('noticeWeekAhead' in off).toBe(false);
    expect(toValues(off).noticeWeekAhead).toBe(false);
  });
});

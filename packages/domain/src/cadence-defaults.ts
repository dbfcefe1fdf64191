// The cadence rules an organisation starts with (docs/rules.md#r-cad-2-default-rules): the
// regulations' own follow-ups, as drafts to edit and approve. Until a manager approves one, the
// visits it finds are proposed to the lead, not given to callers.
import type { TCadenceDefinition } from '@huifang/contracts';

export interface DefaultCadenceRule {
  /** stable: the default an organisation's rule started as */
  code: string;
  definition: TCadenceDefinition;
}

const base = { channel: 'PHONE', questionnaireId: null, teamId: null, enabled: true } as const;

/**
 * "Within N days" is a visit due the day after the event with a window to the N-th day; the visits
 * of one event that follow ("within a week", "within a month") start the day after the previous
 * window ends, so each has its own span and none is due before the one before it.
 */
export const DEFAULT_CADENCE_RULES: readonly DefaultCadenceRule[] = [
  {
    code: 'DISCHARGE_3D',
    definition: {
      ...base,
      name: '出院回访',
      trigger: {
        kind: 'AFTER_EVENT',
        eventKind: 'DISCHARGE',
        offsets: [{ key: 'd3', amount: 1, unit: 'DAY', windowDays: 2 }],
      },
      shareBp: 10_000,
      purpose: '出院后3天内回访：恢复情况、用药与复诊提醒',
      doer: 'CALLER',
    },
  },
  {
    code: 'SURGERY_3D_1W_1M',
    definition: {
      ...base,
      name: '术后回访',
      trigger: {
        kind: 'AFTER_EVENT',
        eventKind: 'SURGERY',
        offsets: [
          { key: 'd3', amount: 1, unit: 'DAY', windowDays: 2 },
          { key: 'w1', amount: 4, unit: 'DAY', windowDays: 3 },
          { key: 'm1', amount: 8, unit: 'DAY', windowDays: 22 },
        ],
      },
      shareBp: 10_000,
      purpose: '术后3天内、1周内、1个月内分别回访：恢复情况与注意事项',
      doer: 'CALLER',
    },
  },
  {
    code: 'TREATMENT_1W',
    definition: {
      ...base,
      name: '疗程结束回访',
      trigger: {
        kind: 'AFTER_EVENT',
        eventKind: 'TREATMENT_COURSE_ENDED',
        offsets: [{ key: 'w1', amount: 1, unit: 'DAY', windowDays: 6 }],
      },
      shareBp: 10_000,
      purpose: '疗程结束后1周内回访：效果与满意度',
      doer: 'CALLER',
    },
  },
  {
    code: 'CONSULTATION_3D',
    definition: {
      ...base,
      name: '咨询回访',
      trigger: {
        kind: 'AFTER_EVENT',
        eventKind: 'CONSULTATION',
        offsets: [{ key: 'd3', amount: 1, unit: 'DAY', windowDays: 2 }],
      },
      shareBp: 10_000,
      purpose: '咨询后3天内回访：解答疑问',
      doer: 'CALLER',
    },
  },
  {
    code: 'COMPLAINT_3D_50',
    definition: {
      ...base,
      name: '投诉处理回访',
      trigger: {
        kind: 'AFTER_EVENT',
        eventKind: 'COMPLAINT_CLOSED',
        offsets: [{ key: 'd3', amount: 1, unit: 'DAY', windowDays: 2 }],
      },
      shareBp: 5_000,
      purpose: '投诉处理完毕后三天内回访，回访率50%：确认处理结果',
      doer: 'CALLER',
    },
  },
  {
    code: 'REPAIR_1M_30',
    definition: {
      ...base,
      name: '维修回访',
      trigger: {
        kind: 'AFTER_EVENT',
        eventKind: 'REPAIR_CLOSED',
        offsets: [{ key: 'm1', amount: 1, unit: 'DAY', windowDays: 29 }],
      },
      shareBp: 3_000,
      purpose: '维修处理完毕后一个月内回访，回访率30%：维修质量',
      doer: 'CALLER',
    },
  },
  {
    code: 'VALUE_TIERS',
    definition: {
      ...base,
      name: '重点客户定期回访',
      trigger: {
        kind: 'EVERY_MONTHS',
        eventKind: 'PURCHASE',
        everyMonths: { HIGH: 3, MID: 6, LOW: 12 },
        windowDays: 14,
      },
      shareBp: 10_000,
      purpose: '按价值等级定期回访：高价值每季度、中价值每半年、低价值每年',
      doer: 'CALLER',
      // seed 003 三.2.2 "并在回访前一周内通知相关客户" (docs/rules.md#r-cad-8-week-ahead-notice)
      noticeWeekAhead: true,
    },
  },
  {
    code: 'ENROLLED',
    definition: {
      ...base,
      name: '新报名回访',
      trigger: {
        kind: 'AFTER_EVENT',
        eventKind: 'ENROLLED',
        offsets: [{ key: 'w1', amount: 1, unit: 'DAY', windowDays: 6 }],
      },
      shareBp: 10_000,
      purpose: '了解报名体验',
      doer: 'CALLER',
    },
  },
  {
    code: 'GRADUATED',
    definition: {
      ...base,
      name: '结业回访',
      trigger: {
        kind: 'AFTER_EVENT',
        eventKind: 'GRADUATED',
        offsets: [{ key: 'm1', amount: 1, unit: 'MONTH', windowDays: 14 }],
      },
      shareBp: 10_000,
      purpose: '了解培训效果和就业情况',
      doer: 'CALLER',
    },
  },
];

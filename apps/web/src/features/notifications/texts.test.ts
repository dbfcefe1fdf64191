// What each notification says, from the real locale files in both languages and the payloads the
// server writes (apps/api: notify() callers): who and what, every placeholder filled, codes translated.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TNotification } from '@huifang/contracts';
import i18next, { type Resource, type TFunction } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { notificationValues } from './api';

const locales = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../i18n/locales');
const load = (lang: string, ns: string) =>
  JSON.parse(readFileSync(path.join(locales, lang, `${ns}.json`), 'utf8')) as Record<string, unknown>;
const i18n = i18next.createInstance();
const tr = {} as Record<'zh-CN' | 'en', TFunction>;

beforeAll(async () => {
  const resources: Resource = {};
  for (const lang of ['zh-CN', 'en']) {
    resources[lang] = {
      notifications: load(lang, 'notifications') as never,
      incentives: load(lang, 'incentives') as never,
    };
  }
  await i18n.init({
    resources,
    lng: 'zh-CN',
    fallbackLng: false,
    defaultNS: 'notifications',
    interpolation: { escapeValue: false },
  });
  tr['zh-CN'] = i18n.getFixedT('zh-CN');
  tr.en = i18n.getFixedT('en');
});

const ticket = { ticketNumber: 42, title: '课程进度太快' };
const SENT: Record<string, Record<string, unknown>> = {
  TASK_ASSIGNED: { month: '2026-12', count: 18 },
  TASK_REASSIGNED: { count: 2, by: '王丽华', reason: null },
  INSPECTION_RESULT: { total: 72, passed: false, inspector: '陈静', customer: '李明' },
  APPEAL_FILED: { caller: '张敏', total: 72 },
  APPEAL_DECIDED: { decision: 'OVERTURNED', decidedBy: '周建国', items: 1 },
  TICKET_ROUTED: ticket,
  TICKET_OVERDUE: { ...ticket, level: 1 },
  TICKET_ESCALATED: { ...ticket, level: 2 },
  TICKET_REOPENED: ticket,
  TICKET_RESPONDED: ticket,
  REPORT_RETURNED: { month: '2026-11', by: '陈静', comment: '请补充' },
  REPORT_APPROVED: { month: '2026-11', by: '陈静' },
  REPORT_FORWARDED: { month: '2026-11', by: '周副主任' },
  VISIT_SENT_BACK: { by: '王丽华', comment: '满意度与意见不一致' },
  MONTH_CLOSED: { month: '2026-11', proposed: 7 },
  INCENTIVES_APPROVED: { month: '2026-11' },
  INCENTIVE_APPEAL_FILED: { month: '2026-11', by: '张敏', rule: 'GRADE_BONUS' },
  INCENTIVE_APPEAL_DECIDED: { month: '2026-11', decision: 'UPHOLD', rule: 'GRADE_BONUS' },
  REMEDIATION_DEDUCTION: { month: '2026-12', warningMonth: '2026-11', openTasks: 3 },
  EXPENSE_DECIDED: { amountFen: 12050, status: 'APPROVED' },
  CADENCE_RULE_SUBMITTED: { name: '术后回访', by: '赵敏' },
  TASK_FROM_RULE: { count: 2, rule: '术后回访' },
  CADENCE_RULE_DECIDED: { name: '术后回访', by: '周建国', approved: false, comment: '比例再议' },
  MEASURE_APPROVED: { number: 3, title: '流失学员一周内回访', by: '周建国' },
  MEASURE_REJECTED: { number: 3, title: '流失学员一周内回访', by: '周建国', comment: '请细化里程碑' },
  MEASURE_DONE: { number: 3, title: '流失学员一周内回访', by: '王丽华' },
  MEASURE_EVALUATED: { number: 3, title: '流失学员一周内回访', outcome: 'EFFECTIVE' },
  MEASURE_OVERDUE: { number: 3, title: '流失学员一周内回访', deadline: '2026-03-17' },
  MEASURE_ESCALATED: { number: 3, title: '流失学员一周内回访', deadline: '2026-03-17', level: 2 },
  ABUSE_REPORT_FILED: { by: '张敏', customer: '李明' },
  ABUSE_REPORT_DECIDED: { customer: '李明', confirmed: true },
};

const text = (lang: 'zh-CN' | 'en', type: string, payload: Record<string, unknown>) => {
  const n: TNotification = {
    id: 'n',
    type,
    entity: null,
    entityId: null,
    payload,
    readAt: null,
    createdAt: '2026-12-03T02:00:00.000Z',
  };
  const t = tr[lang];
  return t(`type.${type}`, { ...notificationValues(n, t), defaultValue: t('type.OTHER') });
};

describe('notification texts', () => {
  for (const lang of ['zh-CN', 'en'] as const) {
    it(`fills every placeholder of every type (${lang})`, () => {
      for (const [type, payload] of Object.entries(SENT)) {
        const s = text(lang, type, payload);
        expect(s, type).not.toMatch(/\{\{|\}\}|undefined|null|[A-Z]{4,}_/);
        expect(s, type).not.toBe(text(lang, 'OTHER', {}));
      }
    });
  }

  it('say who and what', () => {
    expect(text('zh-CN', 'INSPECTION_RESULT', SENT.INSPECTION_RESULT!)).toBe(
      '您对 李明 的回访记录质检不合格，72 分（质检员 陈静）',
    );
    expect(text('en', 'INSPECTION_RESULT', { ...SENT.INSPECTION_RESULT!, passed: true })).toBe(
      'Your visit record of 李明 was inspected: passed, 72 points (inspector 陈静)',
    );
    expect(text('zh-CN', 'TICKET_ESCALATED', SENT.TICKET_ESCALATED!)).toBe(
      '逾期问题工单 #42「课程进度太快」已升级给您',
    );
    expect(text('zh-CN', 'APPEAL_DECIDED', SENT.APPEAL_DECIDED!)).toBe('周建国 已处理您的质检申诉：已改判');
    expect(text('en', 'APPEAL_DECIDED', { ...SENT.APPEAL_DECIDED!, decision: 'UPHELD' })).toBe(
      '周建国 decided your inspection appeal: upheld',
    );
    expect(text('zh-CN', 'EXPENSE_DECIDED', SENT.EXPENSE_DECIDED!)).toBe('您的回访费用 ¥120.50 已批准报销');
    expect(text('en', 'EXPENSE_DECIDED', { amountFen: 12050, status: 'REJECTED' })).toBe(
      'Your visit expense of ¥120.50 was rejected',
    );
    expect(text('zh-CN', 'CADENCE_RULE_DECIDED', SENT.CADENCE_RULE_DECIDED!)).toBe(
      '周建国 退回了您提交的回访规则「术后回访」',
    );
    expect(text('en', 'CADENCE_RULE_DECIDED', { name: '术后回访', by: '周建国', approved: true })).toBe(
      '周建国 approved the visit rule “术后回访” you submitted',
    );
    expect(text('zh-CN', 'REPORT_RETURNED', SENT.REPORT_RETURNED!)).toBe('陈静 退回了 2026-11 月度回访报告');
  });

  it('reads a result written before it named the customer', () => {
    expect(text('zh-CN', 'INSPECTION_RESULT', { total: 90, passed: true, inspector: '陈静' })).toBe(
      '您的一条回访记录质检合格，90 分（质检员 陈静）',
    );
  });
});

// Payroll export of an approved incentive sheet (docs/rules.md#r-inc-15-payroll-export): the approved items with money or a
// measure, as CSV (lib/csv.ts: formula-like names neutralised) or XLSX (lib/xlsx.ts), in Chinese or English. Amounts in yuan with
// two decimals, signed: a deduction is negative. Withdrawn items (an overturned appeal) are left out.
// A deduction cut by the month's cap (docs/rules.md#r-inc-11-deduction-cap) carries the amount
// actually deducted; its grounds name the uncapped amount and the cap.
import type { TIncentiveItem } from '@huifang/contracts';
import { toCsv } from '../../lib/csv.ts';
import { writeXlsx } from '../../lib/xlsx.ts';

export type ExportLang = 'zh-CN' | 'en';

const RULES: Record<TIncentiveItem['rule'], [string, string]> = {
  EXCELLENT_CALLER: ['月度优秀回访员', 'Monthly excellent caller'],
  GRADE_BONUS: ['等级绩效奖励', 'Grade bonus'],
  COMPLETION_WARNING: ['警告（完成率不足）', 'Warning (completion below the bar)'],
  REMEDIATION_DEDUCTION: ['整改期满未完成扣除', 'Deduction after the remediation window'],
  PASS_RATE_RETRAINING: ['再培训（质量合格率不足）', 'Retraining (pass rate below the bar)'],
  PASS_RATE_DEDUCTION: ['再培训扣除培训期间日薪', "Retraining: the training days' pay deducted"],
  CONDUCT_DEDUCTION: ['违规投诉扣除绩效奖金', 'Conduct complaint deduction'],
  CONDUCT_CRITICISM: ['公开批评', 'Public criticism'],
  GRADE_E_DEDUCTION: ['连续E等扣除', 'Consecutive E grades deduction'],
  HEAD_REVIEW: ['部门负责人书面检讨', "Department head's written review"],
  HEAD_REVIEW_DEDUCTION: ['部门未达标扣除', 'Department missed targets: deduction'],
  TEAM_AWARD: ['团队奖励', 'Team award'],
  SPECIAL_AWARD: ['专项奖励', 'Special award'],
  MEASURE_FAILED: ['通报批评（改进措施未完成或无效）', 'Notice of criticism (improvement measure failed)'],
  KEY_CUSTOMER_RETAINED: ['专项奖励（挽回重要客户）', 'Special award (key customer won back)'],
  RETRAINING_RECHECK: [
    '培训后仍不合格（建议降职或辞退）',
    'Still below after retraining (demotion or dismissal proposed)',
  ],
  GRADE_E_IMPROVEMENT: ['E等限期改进', 'Grade E: improve by the deadline'],
  TRAINING_TEST_FAILED: ['培训考核不合格（补考或重新培训）', 'Training test failed (retake or retrain)'],
  MANUAL_ITEM: ['人工添加（附理由与证据）', 'Added by hand (reason and evidence)'],
};

const KINDS: Record<TIncentiveItem['kind'], [string, string]> = {
  BONUS: ['奖励', 'Bonus'],
  DEDUCTION: ['扣除绩效奖金', 'Deduction'],
  WARNING: ['警告', 'Warning'],
  RETRAINING: ['再培训', 'Retraining'],
  PUBLIC_CRITICISM: ['公开批评', 'Public criticism'],
  HEAD_REVIEW: ['书面检讨', 'Written review'],
  DEMOTION_PROPOSAL: ['建议降职', 'Demotion proposed'],
  DISMISSAL_PROPOSAL: ['建议辞退', 'Dismissal proposed'],
  HONOUR_CERTIFICATE: ['荣誉证书', 'Certificate of honour'],
  PROMOTION_RECOMMENDATION: ['晋升推荐', 'Promotion recommendation'],
};

/** The figures' names, as the sheet on screen shows them (locales' incentives.figure.*). */
const FIGURES: Record<string, [string, string]> = {
  assigned: ['应回访', 'assigned'],
  done: ['已完成', 'done'],
  completionBp: ['完成率', 'completion'],
  thresholdBp: ['标准', 'threshold'],
  remediationDays: ['整改期（天）', 'remediation days'],
  inspected: ['质检数', 'inspected'],
  passed: ['合格数', 'passed'],
  passRateBp: ['合格率', 'pass rate'],
  deductionDays: ['扣除天数', 'days deducted'],
  dailyPayFen: ['日薪（元）', 'daily pay (CNY)'],
  ticketNumber: ['工单号', 'ticket no.'],
  deductionBp: ['扣除比例', 'deduction'],
  performanceBonusFen: ['绩效奖金（元）', 'performance bonus (CNY)'],
  scoreHundredths: ['考核得分', 'score'],
  grade: ['等级', 'grade'],
  satisfactionHundredths: ['满意度', 'satisfaction'],
  prevSatisfactionHundredths: ['上月满意度', "last month's satisfaction"],
  satisfactionChangeBp: ['满意度提升率', 'satisfaction change'],
  minImprovementBp: ['提升标准', 'improvement needed'],
  targetCompletionBp: ['完成率目标', 'completion target'],
  targetPassRateBp: ['合格率目标', 'pass rate target'],
  targetSatisfactionHundredths: ['满意度目标', 'satisfaction target'],
  consecutiveMonths: ['连续月数', 'months running'],
  quarter: ['季度', 'quarter'],
  warningMonth: ['警告月份', 'warning month'],
  openTasks: ['未完成任务', 'open tasks'],
  proposedBy: ['提议人', 'proposed by'],
  prevQuarterSatisfactionHundredths: ['上季度满意度', "last quarter's satisfaction"],
  uncappedFen: ['按规则应扣（元）', 'before the cap (CNY)'],
  deductionCapFen: ['当月扣除上限（元）', "month's deduction cap (CNY)"],
  daysAttended: ['实际培训天数', 'days trained'],
  retrainingMonth: ['再培训月份', 'retraining month'],
  sessionDay: ['培训日期', 'training day'],
  score: ['考核成绩', 'test score'],
  passMark: ['及格分', 'pass mark'],
  earlierEscalations: ['此前建议次数', 'earlier proposals'],
  improvementDays: ['改进期限（天）', 'days to improve'],
  sessionTitle: ['培训课程', 'session'],
};

const HEADERS: [string, string][] = [
  ['月份', 'Month'],
  ['姓名', 'Name'],
  ['部门', 'Department'],
  ['项目', 'Item'],
  ['类型', 'Type'],
  ['金额（元）', 'Amount (CNY)'],
  ['依据', 'Grounds'],
  ['批准人', 'Approved by'],
  ['批准时间', 'Approved at'],
];

/** 12345 fen → "123.45"; signed. */
export function yuan(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const a = Math.abs(fen);
  return `${sign}${Math.floor(a / 100)}.${String(a % 100).padStart(2, '0')}`;
}

/** A figure for people: basis points as percent, hundredths as decimals, fen as yuan. */
function figure(key: string, v: number | string | null): string {
  if (v === null) return '—';
  if (typeof v === 'string') return v;
  if (key.endsWith('Bp')) return `${yuan(v)}%`;
  if (key.endsWith('Hundredths')) return yuan(v);
  if (key.endsWith('Fen')) return yuan(v);
  return String(v);
}

/** An instant as YYYY-MM-DD HH:mm in the organisation's timezone. */
function localTime(iso: string | null, tz: string): string {
  if (!iso) return '';
  const f = new Intl.DateTimeFormat('sv-SE', { timeZone: tz, dateStyle: 'short', timeStyle: 'short' });
  return f.format(new Date(iso));
}

export function exportRows(items: readonly TIncentiveItem[], lang: ExportLang, tz: string): string[][] {
  const l = lang === 'en' ? 1 : 0;
  return items
    .filter((i) => i.status === 'APPROVED')
    .map((i) => [
      i.month,
      i.userName ?? '',
      i.departmentName ?? '',
      RULES[i.rule][l],
      KINDS[i.kind][l],
      i.amountFen === null ? '' : yuan(i.kind === 'DEDUCTION' ? -i.amountFen : i.amountFen),
      [
        ...Object.entries(i.figures)
          .filter(([k]) => k !== 'ticketId')
          .map(([k, v]) => `${FIGURES[k]?.[l] ?? k} ${figure(k, v)}`),
        ...(i.reason ? [i.reason] : []),
      ].join('; '),
      i.decidedByName ?? '',
      localTime(i.decidedAt, tz),
    ]);
}

export function headers(lang: ExportLang): string[] {
  return HEADERS.map((h) => h[lang === 'en' ? 1 : 0]);
}

export function sheetCsv(items: readonly TIncentiveItem[], lang: ExportLang, tz: string): string {
  // A byte-order mark so that Excel opens the UTF-8 Chinese correctly.
  return toCsv([headers(lang), ...exportRows(items, lang, tz)]);
}

export async function sheetXlsx(
  month: string,
  items: readonly TIncentiveItem[],
  lang: ExportLang,
  tz: string,
): Promise<Buffer> {
  const rows = exportRows(items, lang, tz);
  const total = rows.reduce((s, r) => s + (r[5] ? Math.round(Number(r[5]) * 100) : 0), 0);
  return writeXlsx([
    {
      name: lang === 'en' ? `Incentives ${month}` : `绩效奖惩 ${month}`,
      rows: [
        headers(lang),
        // The amount as a number cell, so payroll can add it up.
        ...rows.map((r) => r.map((cell, i) => (i === 5 && cell ? Number(cell) : cell))),
        [lang === 'en' ? 'Total' : '合计', '', '', '', '', Number(yuan(total))],
      ],
      boldRows: [0, rows.length + 1],
      columns: [10, 12, 14, 24, 12, 12, 60, 12, 24].map((width, i) => ({
        width,
        ...(i === 5 ? { format: '0.00' as const } : {}),
      })),
    },
  ]);
}

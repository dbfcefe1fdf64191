// The analysis group's week as a workbook (docs/rules.md#r-churn-5-weekly-analysis): the figures, the
// reasons in Pareto order, the 12-week trend, the week's cases and the minutes, in Chinese or English.
import type { TChurnWeekly } from '@huifang/contracts';
import { writeXlsx } from '../../lib/xlsx.ts';

export type ExportLang = 'zh-CN' | 'en';

const STAGES: Record<string, [string, string]> = {
  NOT_ENROLLED: ['咨询未报名', 'Enquired, never enrolled'],
  NEVER_ATTENDED: ['报名未上课', 'Enrolled, never attended'],
  DROPPED_OUT: ['中途退学', 'Dropped out'],
  REFUNDED: ['退费', 'Refunded'],
  NOT_RENEWED: ['未续费', 'Did not renew'],
  NONE: ['未定', 'Not set'],
};
const CATEGORIES: Record<string, [string, string]> = {
  MARKET: ['市场', 'Market'],
  TEACHING: ['教学', 'Teaching'],
  SERVICE: ['服务', 'Service'],
  FACILITY: ['硬件', 'Facility'],
  NONE: ['未定', 'Not set'],
};
const HEAD: Record<string, [string, string]> = {
  summary: ['概要', 'Summary'],
  reasons: ['流失原因', 'Reasons'],
  trend: ['趋势', 'Trend'],
  cases: ['案例', 'Cases'],
  minutes: ['会议纪要', 'Minutes'],
  week: ['周', 'Week'],
  from: ['起', 'From'],
  to: ['止', 'To'],
  total: ['新增流失', 'New cases'],
  stage: ['阶段', 'Stage'],
  category: ['类别', 'Category'],
  reason: ['原因', 'Reason'],
  count: ['数量', 'Count'],
  share: ['占比 %', 'Share %'],
  cumulative: ['累计占比 %', 'Cumulative %'],
  vital: ['关键少数', 'Vital few'],
  name: ['客户', 'Customer'],
  day: ['流失日期', 'Day left'],
  department: ['责任部门', 'Department'],
  note: ['说明', 'Note'],
  deepDive: ['深度分析', 'Deep dive'],
  heldOn: ['会议日期', 'Held on'],
  attendees: ['参会人员', 'Attendees'],
  decisions: ['决议', 'Decisions'],
  yes: ['是', 'yes'],
  none: ['本周未记录会议纪要', 'No minutes recorded for this week'],
};

export async function weeklyXlsx(w: TChurnWeekly, lang: ExportLang): Promise<Buffer> {
  const i = lang === 'en' ? 1 : 0;
  const h = (k: string) => HEAD[k]![i];
  const stage = (s: string | null) => STAGES[s ?? 'NONE']![i];
  const category = (c: string | null) => CATEGORIES[c ?? 'NONE']![i];
  const pct = (bp: number) => bp / 100;
  const reasonLabel = (r: { label: string | null; labelEn: string | null }) =>
    (lang === 'en' ? (r.labelEn ?? r.label) : r.label) ?? category(null);
  return writeXlsx([
    {
      name: h('summary'),
      boldRows: [5, 7 + w.byStage.length],
      rows: [
        [h('week'), w.week],
        [h('from'), w.first],
        [h('to'), w.last],
        [h('total'), w.total],
        [],
        [h('stage'), h('count')],
        ...w.byStage.map((s) => [stage(s.stage), s.n]),
        [],
        [h('category'), h('count')],
        ...w.byCategory.map((c) => [category(c.category), c.n]),
      ],
      columns: [{ width: 22 }, { width: 14 }],
    },
    {
      name: h('reasons'),
      freezeHeader: true,
      boldRows: [0],
      rows: [
        [h('category'), h('reason'), h('count'), h('share'), h('cumulative'), h('vital')],
        ...w.pareto.map((r) => [
          category(r.category),
          reasonLabel(r),
          r.n,
          pct(r.shareBp),
          pct(r.cumulativeBp),
          r.vital ? h('yes') : '',
        ]),
      ],
      columns: [
        { width: 12 },
        { width: 22 },
        { width: 10 },
        { width: 10, format: '0.00' },
        { width: 12, format: '0.00' },
        { width: 12 },
      ],
    },
    {
      name: h('trend'),
      freezeHeader: true,
      boldRows: [0],
      rows: [
        [h('week'), h('total'), ...Object.keys(STAGES).map((s) => stage(s))],
        ...w.trend.map((t) => [t.week, t.total, ...Object.keys(STAGES).map((s) => t.byStage[s] ?? 0)]),
      ],
      columns: [{ width: 12 }, { width: 12 }],
    },
    {
      name: h('cases'),
      freezeHeader: true,
      boldRows: [0],
      rows: [
        [
          h('day'),
          h('name'),
          h('stage'),
          h('category'),
          h('reason'),
          h('department'),
          h('note'),
          h('deepDive'),
        ],
        ...w.cases.map((c) => [
          c.day,
          c.name,
          stage(c.stage),
          category(c.category),
          (lang === 'en' ? (c.reasonLabelEn ?? c.reasonLabel) : c.reasonLabel) ?? '',
          c.departmentName ?? '',
          c.note ?? '',
          c.deepDive ? h('yes') : '',
        ]),
      ],
      columns: [
        { width: 12 },
        { width: 14 },
        { width: 16 },
        { width: 10 },
        { width: 16 },
        { width: 12 },
        { width: 40 },
        { width: 10 },
      ],
    },
    {
      name: h('minutes'),
      rows: w.meeting
        ? [
            [h('heldOn'), w.meeting.heldOn],
            [h('attendees'), w.meeting.attendees ?? ''],
            [h('minutes'), w.meeting.minutes],
            [],
            [h('decisions')],
            ...w.meeting.decisions.map((d, n) => [`${n + 1}.`, d.text]),
          ]
        : [[h('none')]],
      columns: [{ width: 14 }, { width: 80 }],
    },
  ]);
}

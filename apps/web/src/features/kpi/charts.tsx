import type { TGrade, TKpiPoint } from '@huifang/contracts';
import { Empty } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { CountChart } from '../../components/plain-chart/CountChart';
import { type ChartBar, type ChartRule, PlainChart } from '../../components/plain-chart/PlainChart';
import { bp, bpToChart, hundredths, hundredthsToChart } from './format';
import { CHART_HEIGHT, GRADE_COLORS } from './parts';

// The KPI pages' charts, drawn as plain elements (components/plain-chart): they render with the
// figures, in one pass, with nothing to load or measure first (docs/performance.md#web).

const HEIGHT = CHART_HEIGHT;
const BLUE = '#1677ff';
const GREEN = '#52c41a';
const PURPLE = '#722ed1';
const ORANGE = '#fa8c16';
const RED = '#cf1322';
const GREY = '#8c8c8c';
const PERCENT_TICKS = [0, 25, 50, 75, 100];
/** The height (percent of the axis) of the red stub that draws a rate of exactly 0 %. */
const ZERO_STUB = 1.5;

function NoData({ text }: { text: string }) {
  return (
    <div style={{ height: HEIGHT, display: 'flex', alignItems: 'center', justifyContent: 'center' }}>
      <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={text} data-testid="chart-empty" />
    </div>
  );
}

const EMPTY_POINT = {
  subjectId: '',
  name: '',
  completionBp: null,
  passRateBp: null,
  satisfactionHundredths: null,
  scoreHundredths: null,
  grade: null,
  closed: false,
  partial: false,
};

/** The `months` months up to the last point's month, each once; months without figures stay empty (a gap). */
export function padMonths(points: TKpiPoint[], months = 12): TKpiPoint[] {
  const last = points.at(-1)?.month;
  if (!last) return points;
  const byMonth = new Map(points.map((p) => [p.month, p]));
  return Array.from({ length: months }, (_, i) => {
    const month = dayjs(`${last}-01`)
      .subtract(months - 1 - i, 'month')
      .format('YYYY-MM');
    return byMonth.get(month) ?? { ...EMPTY_POINT, month };
  });
}

/**
 * What a trend chart shares: its months, the month in progress (its points drawn hollow with a
 * dashed ring and a 进行中 / In progress line, docs/rules.md#r-kpi-12-a-month-in-progress), and a
 * tooltip value that says it is partial.
 */
function useTrend(points: TKpiPoint[]) {
  const { t } = useTranslation('kpi');
  const months = padMonths(points);
  const partialIndex = months.findIndex((p) => p.partial);
  return {
    t,
    months,
    /** the props every trend chart passes: months as categories, labels thinned, targets' labels first */
    frame: {
      height: HEIGHT,
      categories: months.map((p) => ({ key: p.month, label: p.month })),
      thinLabels: true,
      ruleLabelsAt: 'start' as const,
      partialIndex: partialIndex < 0 ? undefined : partialIndex,
      marker: partialIndex < 0 ? undefined : { index: partialIndex, label: t('chart.partial') },
    },
    value: (text: string, p: TKpiPoint) => (p.partial ? t('chart.partialTooltip', { value: text }) : text),
  };
}

export interface CallerRate {
  id: string;
  name: string;
  completionBp: number | null;
  passRateBp: number | null;
}

/** One rate per caller as bars, with the target as a dashed line; a bar opens that caller's dashboard. */
export function RateByCallerChart({
  rows,
  field,
  targetBp,
  onSelect,
}: {
  rows: CallerRate[];
  field: 'completionBp' | 'passRateBp';
  targetBp: number;
  onSelect?: (id: string) => void;
}) {
  const { t } = useTranslation('kpi');
  if (!rows.some((r) => r[field] !== null))
    return <NoData text={t(field === 'completionBp' ? 'empty.noTasks' : 'empty.noInspections')} />;
  const label = t(field === 'completionBp' ? 'metric.completion' : 'metric.passRate');
  const color = field === 'completionBp' ? BLUE : GREEN;
  // 0 % and "no data" are drawn differently: 0 % is a short red stub on the axis, a caller with
  // nothing to measure a grey dashed placeholder the height of the chart labelled 无数据 / No data.
  const bars: ChartBar[] = rows.map((r, index) => {
    const value = r[field];
    if (value === null)
      return {
        index,
        from: 0,
        to: 100,
        color: GREY,
        className: 'kpi-bar-nodata',
        dashed: true,
        label: t('chart.noData'),
      };
    if (value === 0) return { index, from: 0, to: ZERO_STUB, color: RED, className: 'kpi-bar-zero' };
    return { index, from: 0, to: bpToChart(value) as number, color, className: 'kpi-bar-value' };
  });
  const valueText = (r: CallerRate) => (r[field] === null ? t('chart.noData') : bp(r[field]));
  return (
    <PlainChart
      height={HEIGHT}
      categories={rows.map((r) => ({ key: r.id, label: r.name }))}
      domain={[0, 100]}
      ticks={PERCENT_TICKS}
      unit="%"
      bars={bars}
      rules={[{ y: targetBp / 100, label: t('chart.targetLine', { value: bp(targetBp) }), color: ORANGE }]}
      tooltip={(i) => ({ title: rows[i]!.name, rows: [{ label, value: valueText(rows[i]!), color }] })}
      onSelect={onSelect ? (i) => onSelect(rows[i]!.id) : undefined}
      selectLabel={(i) => `${rows[i]!.name} ${label} ${valueText(rows[i]!)}`}
    />
  );
}

/** Completion and pass rate over the months, with both target lines; months not measured leave a gap. */
export function RatesTrendChart({
  points,
  targets,
}: {
  points: TKpiPoint[];
  targets: { completionBp: number; passRateBp: number };
}) {
  const { t, months, frame, value } = useTrend(points);
  if (!points.some((p) => p.completionBp !== null || p.passRateBp !== null))
    return <NoData text={t('empty.noTrend')} />;
  const rules: ChartRule[] = [
    {
      y: targets.completionBp / 100,
      color: BLUE,
      label: t('chart.completionTarget', { value: bp(targets.completionBp) }),
      below: targets.completionBp < targets.passRateBp,
    },
  ];
  if (targets.passRateBp !== targets.completionBp)
    rules.push({
      y: targets.passRateBp / 100,
      color: GREEN,
      label: t('chart.passRateTarget', { value: bp(targets.passRateBp) }),
      below: targets.passRateBp < targets.completionBp,
    });
  return (
    <PlainChart
      {...frame}
      domain={[0, 100]}
      ticks={PERCENT_TICKS}
      unit="%"
      series={[
        { key: 'completion', values: months.map((p) => bpToChart(p.completionBp)), color: BLUE },
        { key: 'passRate', values: months.map((p) => bpToChart(p.passRateBp)), color: GREEN },
      ]}
      rules={rules}
      legend={[
        { label: t('metric.completion'), color: BLUE },
        { label: t('metric.passRate'), color: GREEN },
      ]}
      tooltip={(i) => ({
        title: months[i]!.month,
        rows: [
          {
            label: t('metric.completion'),
            value: value(bp(months[i]!.completionBp), months[i]!),
            color: BLUE,
          },
          { label: t('metric.passRate'), value: value(bp(months[i]!.passRateBp), months[i]!), color: GREEN },
        ],
      })}
    />
  );
}

/** Mean satisfaction (1–5) over the months, with its target. */
export function SatisfactionTrendChart({
  points,
  targetHundredths,
}: {
  points: TKpiPoint[];
  targetHundredths: number;
}) {
  const { t, months, frame, value } = useTrend(points);
  if (!points.some((p) => p.satisfactionHundredths !== null))
    return <NoData text={t('empty.noSatisfaction')} />;
  const label = t('metric.satisfaction');
  return (
    <PlainChart
      {...frame}
      domain={[1, 5]}
      ticks={[1, 2, 3, 4, 5]}
      series={[
        {
          key: 'satisfaction',
          values: months.map((p) => hundredthsToChart(p.satisfactionHundredths)),
          color: PURPLE,
        },
      ]}
      rules={[
        {
          y: targetHundredths / 100,
          color: ORANGE,
          label: t('chart.targetLine', { value: hundredths(targetHundredths) }),
        },
      ]}
      tooltip={(i) => ({
        title: months[i]!.month,
        rows: [
          { label, value: value(hundredths(months[i]!.satisfactionHundredths), months[i]!), color: PURPLE },
        ],
      })}
    />
  );
}

/** The 100-point score over the months, with the grade letter in the tooltip. */
export function ScoreTrendChart({ points }: { points: TKpiPoint[] }) {
  const { t, months, frame, value } = useTrend(points);
  if (!points.some((p) => p.scoreHundredths !== null)) return <NoData text={t('empty.noTrend')} />;
  const label = t('metric.score');
  const scoreText = (p: TKpiPoint) =>
    p.grade
      ? `${hundredths(p.scoreHundredths)} (${t('grade.label', { letter: p.grade, name: t(`grade.${p.grade}`) })})`
      : hundredths(p.scoreHundredths);
  return (
    <PlainChart
      {...frame}
      domain={[0, 100]}
      ticks={PERCENT_TICKS}
      series={[
        { key: 'score', values: months.map((p) => hundredthsToChart(p.scoreHundredths)), color: BLUE },
      ]}
      tooltip={(i) => ({
        title: months[i]!.month,
        rows: [{ label, value: value(scoreText(months[i]!), months[i]!), color: BLUE }],
      })}
    />
  );
}

const GRADES: TGrade[] = ['A', 'B', 'C', 'D', 'E'];

/** How many callers got each grade this month. */
export function GradeDistributionChart({ rows }: { rows: { grade: TGrade; count: number }[] }) {
  const { t } = useTranslation('kpi');
  if (!rows.some((r) => r.count > 0)) return <NoData text={t('empty.noGrades')} />;
  const byGrade = new Map(rows.map((r) => [r.grade, r.count]));
  return (
    <CountChart
      height={HEIGHT}
      items={GRADES.map((g) => ({
        key: g,
        label: t('grade.label', { letter: g, name: t(`grade.${g}`) }),
        count: byGrade.get(g) ?? 0,
        color: GRADE_COLORS[g],
      }))}
      label={t('chart.callers')}
      className="kpi-bar-grade"
    />
  );
}

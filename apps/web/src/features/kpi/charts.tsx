import type { TGrade, TKpiPoint } from '@huifang/contracts';
import { Empty } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  LabelList,
  Legend,
  Line,
  LineChart,
  ReferenceLine,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { ChartFrame } from '../../components/ChartFrame';
import i18n from '../../i18n';
import { bp, bpToChart, hundredths, hundredthsToChart } from './format';
import { CHART_HEIGHT, GRADE_COLORS } from './parts';

const HEIGHT = CHART_HEIGHT;
const BLUE = '#1677ff';
const GREEN = '#52c41a';
const PURPLE = '#722ed1';
const ORANGE = '#fa8c16';
const RED = '#cf1322';
const GREY = '#8c8c8c';
/** The height (percent of the axis) of the red stub that draws a rate of exactly 0 %. */
const ZERO_STUB = 1.5;

function NoData({ text }: { text: string }) {
  return (
    <div style={{ height: HEIGHT, display: 'flex', alignItems: 'center', justifyContent: 'center' }}>
      <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={text} data-testid="chart-empty" />
    </div>
  );
}

function Target({
  y,
  label,
  color = ORANGE,
  below = false,
}: {
  y: number;
  label: string;
  color?: string;
  /** the label under the line rather than above it (when two target lines lie close) */
  below?: boolean;
}) {
  return (
    <ReferenceLine
      y={y}
      stroke={color}
      strokeDasharray="6 4"
      ifOverflow="extendDomain"
      label={{
        value: label,
        position: below ? 'insideTopRight' : 'insideBottomRight',
        fontSize: 12,
        fill: color,
      }}
    />
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

/** A tooltip value of a month in progress says it is partial. */
function partialValue(value: string, p: TKpiPoint): string {
  return p.partial ? i18n.t('kpi:chart.partialTooltip', { value }) : value;
}

/** The month of a trend's partial point (a month in progress), if any. */
const partialMonth = (points: TKpiPoint[]) => points.find((p) => p.partial)?.month;

/**
 * A trend's dot: a month in progress is drawn hollow with a dashed ring (its figures are partial,
 * docs/rules.md#r-kpi-12-a-month-in-progress); a month without figures draws nothing (a gap).
 */
function trendDot(color: string) {
  return (props: { cx?: number; cy?: number; index?: number; payload?: TKpiPoint; value?: unknown }) => {
    const key = `dot-${props.index}`;
    if (props.cx === undefined || props.cy === undefined || props.value === null || props.value === undefined)
      return <g key={key} />;
    return props.payload?.partial ? (
      <circle
        key={key}
        className="kpi-partial-dot"
        cx={props.cx}
        cy={props.cy}
        r={6}
        fill="#fff"
        stroke={color}
        strokeWidth={2}
        strokeDasharray="3 2"
      />
    ) : (
      <circle key={key} cx={props.cx} cy={props.cy} r={3} fill="#fff" stroke={color} strokeWidth={2} />
    );
  };
}

/** A vertical dashed line at the month in progress, labelled 进行中 / In progress. */
function PartialMarker({ month }: { month: string | undefined }) {
  const { t } = useTranslation('kpi');
  if (!month) return null;
  return (
    <ReferenceLine
      x={month}
      stroke={GREY}
      strokeDasharray="2 4"
      label={{ value: t('chart.partial'), position: 'insideBottomRight', fontSize: 12, fill: GREY }}
    />
  );
}

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
  const measured = rows.filter((r) => r[field] !== null);
  if (!measured.length)
    return <NoData text={t(field === 'completionBp' ? 'empty.noTasks' : 'empty.noInspections')} />;
  const label = t(field === 'completionBp' ? 'metric.completion' : 'metric.passRate');
  // 0 % and "no data" are drawn differently: 0 % is a short red stub on the axis, a caller with
  // nothing to measure a grey dashed placeholder the height of the chart labelled 无数据 / No data.
  const data = rows.map((r) => ({
    id: r.id,
    name: r.name,
    raw: r[field],
    value: r[field] === 0 ? null : bpToChart(r[field]),
    zero: r[field] === 0 ? ZERO_STUB : null,
    noData: r[field] === null ? 100 : null,
    noDataLabel: r[field] === null ? t('chart.noData') : '',
  }));
  const click = (d: unknown) => {
    const id = (d as { payload?: { id?: string } } | undefined)?.payload?.id;
    if (id && onSelect) onSelect(id);
  };
  return (
    <ChartFrame height={HEIGHT}>
      <BarChart data={data} margin={{ top: 16, right: 16, left: -8, bottom: 0 }}>
        <CartesianGrid strokeDasharray="3 3" vertical={false} />
        <XAxis dataKey="name" tick={{ fontSize: 12 }} interval={0} />
        <YAxis domain={[0, 100]} unit="%" tick={{ fontSize: 12 }} />
        <Tooltip
          formatter={(_v, n, item) =>
            n === 'noData' ? [t('chart.noData'), label] : [bp(item.payload.raw), label]
          }
          filterNull
        />
        <Bar
          className="kpi-bar-value"
          dataKey="value"
          name={label}
          stackId="rate"
          fill={field === 'completionBp' ? BLUE : GREEN}
          maxBarSize={40}
          isAnimationActive={false}
          cursor={onSelect ? 'pointer' : undefined}
          onClick={click}
        />
        <Bar
          className="kpi-bar-zero"
          dataKey="zero"
          name="zero"
          stackId="rate"
          fill={RED}
          maxBarSize={40}
          isAnimationActive={false}
          legendType="none"
          cursor={onSelect ? 'pointer' : undefined}
          onClick={click}
        />
        <Bar
          className="kpi-bar-nodata"
          dataKey="noData"
          name="noData"
          stackId="rate"
          fill="#fafafa"
          stroke="#d9d9d9"
          strokeDasharray="4 3"
          maxBarSize={40}
          isAnimationActive={false}
          legendType="none"
          cursor={onSelect ? 'pointer' : undefined}
          onClick={click}
        >
          <LabelList dataKey="noDataLabel" position="insideBottom" fill={GREY} fontSize={11} />
        </Bar>
        <Target y={targetBp / 100} label={t('chart.targetLine', { value: bp(targetBp) })} />
      </BarChart>
    </ChartFrame>
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
  const { t } = useTranslation('kpi');
  if (!points.some((p) => p.completionBp !== null || p.passRateBp !== null))
    return <NoData text={t('empty.noTrend')} />;
  const data = padMonths(points).map((p) => ({
    ...p,
    completion: bpToChart(p.completionBp),
    passRate: bpToChart(p.passRateBp),
  }));
  return (
    <ChartFrame height={HEIGHT}>
      <LineChart data={data} margin={{ top: 16, right: 16, left: -8, bottom: 0 }}>
        <CartesianGrid strokeDasharray="3 3" vertical={false} />
        <XAxis dataKey="month" tick={{ fontSize: 12 }} padding={{ left: 16, right: 16 }} />
        <YAxis domain={[0, 100]} unit="%" tick={{ fontSize: 12 }} />
        <Tooltip
          formatter={(_v, name, item) => [
            partialValue(
              bp(name === 'completion' ? item.payload.completionBp : item.payload.passRateBp),
              item.payload,
            ),
            t(name === 'completion' ? 'metric.completion' : 'metric.passRate'),
          ]}
        />
        <Legend formatter={(v) => t(v === 'completion' ? 'metric.completion' : 'metric.passRate')} />
        <Line
          dataKey="completion"
          name="completion"
          stroke={BLUE}
          strokeWidth={2}
          dot={trendDot(BLUE)}
          isAnimationActive={false}
        />
        <Line
          dataKey="passRate"
          name="passRate"
          stroke={GREEN}
          strokeWidth={2}
          dot={trendDot(GREEN)}
          isAnimationActive={false}
        />
        <PartialMarker month={partialMonth(points)} />
        <Target
          y={targets.completionBp / 100}
          color={BLUE}
          label={t('chart.completionTarget', { value: bp(targets.completionBp) })}
          below={targets.completionBp < targets.passRateBp}
        />
        {targets.passRateBp !== targets.completionBp ? (
          <Target
            y={targets.passRateBp / 100}
            color={GREEN}
            label={t('chart.passRateTarget', { value: bp(targets.passRateBp) })}
            below={targets.passRateBp < targets.completionBp}
          />
        ) : null}
      </LineChart>
    </ChartFrame>
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
  const { t } = useTranslation('kpi');
  if (!points.some((p) => p.satisfactionHundredths !== null))
    return <NoData text={t('empty.noSatisfaction')} />;
  const data = padMonths(points).map((p) => ({
    ...p,
    satisfaction: hundredthsToChart(p.satisfactionHundredths),
  }));
  const label = t('metric.satisfaction');
  return (
    <ChartFrame height={HEIGHT}>
      <LineChart data={data} margin={{ top: 16, right: 16, left: -8, bottom: 0 }}>
        <CartesianGrid strokeDasharray="3 3" vertical={false} />
        <XAxis dataKey="month" tick={{ fontSize: 12 }} padding={{ left: 16, right: 16 }} />
        <YAxis domain={[1, 5]} tick={{ fontSize: 12 }} />
        <Tooltip
          formatter={(_v, _n, item) => [
            partialValue(hundredths(item.payload.satisfactionHundredths), item.payload),
            label,
          ]}
        />
        <Line
          dataKey="satisfaction"
          name={label}
          stroke={PURPLE}
          strokeWidth={2}
          dot={trendDot(PURPLE)}
          isAnimationActive={false}
        />
        <PartialMarker month={partialMonth(points)} />
        <Target
          y={targetHundredths / 100}
          label={t('chart.targetLine', { value: hundredths(targetHundredths) })}
        />
      </LineChart>
    </ChartFrame>
  );
}

/** The 100-point score over the months, with the grade letter in the tooltip. */
export function ScoreTrendChart({ points }: { points: TKpiPoint[] }) {
  const { t } = useTranslation('kpi');
  if (!points.some((p) => p.scoreHundredths !== null)) return <NoData text={t('empty.noTrend')} />;
  const data = padMonths(points).map((p) => ({ ...p, score: hundredthsToChart(p.scoreHundredths) }));
  const label = t('metric.score');
  return (
    <ChartFrame height={HEIGHT}>
      <LineChart data={data} margin={{ top: 16, right: 16, left: -8, bottom: 0 }}>
        <CartesianGrid strokeDasharray="3 3" vertical={false} />
        <XAxis dataKey="month" tick={{ fontSize: 12 }} padding={{ left: 16, right: 16 }} />
        <YAxis domain={[0, 100]} tick={{ fontSize: 12 }} />
        <Tooltip
          formatter={(_v, _n, item) => [
            partialValue(
              item.payload.grade
                ? `${hundredths(item.payload.scoreHundredths)} (${t('grade.label', { letter: item.payload.grade, name: t(`grade.${item.payload.grade}`) })})`
                : hundredths(item.payload.scoreHundredths),
              item.payload,
            ),
            label,
          ]}
        />
        <Line
          dataKey="score"
          name={label}
          stroke={BLUE}
          strokeWidth={2}
          dot={trendDot(BLUE)}
          isAnimationActive={false}
        />
        <PartialMarker month={partialMonth(points)} />
      </LineChart>
    </ChartFrame>
  );
}

/** How many callers got each grade this month. */
export function GradeDistributionChart({ rows }: { rows: { grade: TGrade; count: number }[] }) {
  const { t } = useTranslation('kpi');
  const byGrade = new Map(rows.map((r) => [r.grade, r.count]));
  const grades: TGrade[] = ['A', 'B', 'C', 'D', 'E'];
  if (!rows.some((r) => r.count > 0)) return <NoData text={t('empty.noGrades')} />;
  const data = grades.map((g) => ({
    grade: g,
    label: t('grade.label', { letter: g, name: t(`grade.${g}`) }),
    count: byGrade.get(g) ?? 0,
  }));
  const label = t('chart.callers');
  return (
    <ChartFrame height={HEIGHT}>
      <BarChart data={data} margin={{ top: 16, right: 16, left: -8, bottom: 0 }}>
        <CartesianGrid strokeDasharray="3 3" vertical={false} />
        <XAxis dataKey="label" tick={{ fontSize: 12 }} interval={0} />
        <YAxis allowDecimals={false} tick={{ fontSize: 12 }} />
        <Tooltip formatter={(v) => [v, label]} />
        <Bar dataKey="count" name={label} maxBarSize={48}>
          {data.map((d) => (
            <Cell key={d.grade} fill={GRADE_COLORS[d.grade]} />
          ))}
        </Bar>
      </BarChart>
    </ChartFrame>
  );
}

import type { TGrade, TKpiPoint } from '@huifang/contracts';
import { Empty } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  Legend,
  Line,
  LineChart,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { bp, bpToChart, hundredths, hundredthsToChart } from './format';
import { GRADE_COLORS } from './parts';

const HEIGHT = 260;
const BLUE = '#1677ff';
const GREEN = '#52c41a';
const PURPLE = '#722ed1';
const ORANGE = '#fa8c16';

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
  const data = rows.map((r) => ({ id: r.id, name: r.name, raw: r[field], value: bpToChart(r[field]) }));
  return (
    <div style={{ height: HEIGHT }} data-testid="chart-svg">
      <ResponsiveContainer>
        <BarChart data={data} margin={{ top: 16, right: 16, left: -8, bottom: 0 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="name" tick={{ fontSize: 12 }} interval={0} />
          <YAxis domain={[0, 100]} unit="%" tick={{ fontSize: 12 }} />
          <Tooltip formatter={(_v, _n, item) => [bp(item.payload.raw), label]} />
          <Bar
            dataKey="value"
            name={label}
            fill={field === 'completionBp' ? BLUE : GREEN}
            maxBarSize={40}
            cursor={onSelect ? 'pointer' : undefined}
            onClick={(d) => {
              const id = (d.payload as { id?: string } | undefined)?.id;
              if (id && onSelect) onSelect(id);
            }}
          />
          <Target y={targetBp / 100} label={t('chart.targetLine', { value: bp(targetBp) })} />
        </BarChart>
      </ResponsiveContainer>
    </div>
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
    <div style={{ height: HEIGHT }} data-testid="chart-svg">
      <ResponsiveContainer>
        <LineChart data={data} margin={{ top: 16, right: 16, left: -8, bottom: 0 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="month" tick={{ fontSize: 12 }} padding={{ left: 16, right: 16 }} />
          <YAxis domain={[0, 100]} unit="%" tick={{ fontSize: 12 }} />
          <Tooltip
            formatter={(_v, name, item) => [
              bp(name === 'completion' ? item.payload.completionBp : item.payload.passRateBp),
              t(name === 'completion' ? 'metric.completion' : 'metric.passRate'),
            ]}
          />
          <Legend formatter={(v) => t(v === 'completion' ? 'metric.completion' : 'metric.passRate')} />
          <Line
            dataKey="completion"
            name="completion"
            stroke={BLUE}
            strokeWidth={2}
            dot
            isAnimationActive={false}
          />
          <Line
            dataKey="passRate"
            name="passRate"
            stroke={GREEN}
            strokeWidth={2}
            dot
            isAnimationActive={false}
          />
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
      </ResponsiveContainer>
    </div>
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
    <div style={{ height: HEIGHT }} data-testid="chart-svg">
      <ResponsiveContainer>
        <LineChart data={data} margin={{ top: 16, right: 16, left: -8, bottom: 0 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="month" tick={{ fontSize: 12 }} padding={{ left: 16, right: 16 }} />
          <YAxis domain={[1, 5]} tick={{ fontSize: 12 }} />
          <Tooltip formatter={(_v, _n, item) => [hundredths(item.payload.satisfactionHundredths), label]} />
          <Line
            dataKey="satisfaction"
            name={label}
            stroke={PURPLE}
            strokeWidth={2}
            dot
            isAnimationActive={false}
          />
          <Target
            y={targetHundredths / 100}
            label={t('chart.targetLine', { value: hundredths(targetHundredths) })}
          />
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}

/** The 100-point score over the months, with the grade letter in the tooltip. */
export function ScoreTrendChart({ points }: { points: TKpiPoint[] }) {
  const { t } = useTranslation('kpi');
  if (!points.some((p) => p.scoreHundredths !== null)) return <NoData text={t('empty.noTrend')} />;
  const data = padMonths(points).map((p) => ({ ...p, score: hundredthsToChart(p.scoreHundredths) }));
  const label = t('metric.score');
  return (
    <div style={{ height: HEIGHT }} data-testid="chart-svg">
      <ResponsiveContainer>
        <LineChart data={data} margin={{ top: 16, right: 16, left: -8, bottom: 0 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="month" tick={{ fontSize: 12 }} padding={{ left: 16, right: 16 }} />
          <YAxis domain={[0, 100]} tick={{ fontSize: 12 }} />
          <Tooltip
            formatter={(_v, _n, item) => [
              item.payload.grade
                ? `${hundredths(item.payload.scoreHundredths)} (${t('grade.label', { letter: item.payload.grade, name: t(`grade.${item.payload.grade}`) })})`
                : hundredths(item.payload.scoreHundredths),
              label,
            ]}
          />
          <Line dataKey="score" name={label} stroke={BLUE} strokeWidth={2} dot isAnimationActive={false} />
        </LineChart>
      </ResponsiveContainer>
    </div>
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
    <div style={{ height: HEIGHT }} data-testid="chart-svg">
      <ResponsiveContainer>
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
      </ResponsiveContainer>
    </div>
  );
}

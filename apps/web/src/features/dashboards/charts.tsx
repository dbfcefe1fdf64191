import type { TCallerPassRate, TFindingCount, TMonthPassRate } from '@huifang/contracts';
import { Empty } from 'antd';
import { useTranslation } from 'react-i18next';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Line,
  LineChart,
  ReferenceLine,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { ChartFrame } from '../../components/ChartFrame';

const HEIGHT = 260;
const pct = (passed: number, inspected: number) =>
  inspected ? Math.round((passed / inspected) * 1000) / 10 : null;

/** The target as a dashed line; `targetBp` in basis points (9500 → 95 %). */
function TargetLine({ targetBp }: { targetBp: number }) {
  const { t } = useTranslation('dashboards');
  const rate = targetBp / 100;
  return (
    <ReferenceLine
      y={rate}
      stroke="#fa8c16"
      strokeDasharray="6 4"
      label={{ value: t('chart.targetLine', { rate }), position: 'insideTopRight', fontSize: 12 }}
    />
  );
}

function NoData({ text }: { text: string }) {
  return (
    <div style={{ height: HEIGHT, display: 'flex', alignItems: 'center', justifyContent: 'center' }}>
      <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={text} data-testid="chart-empty" />
    </div>
  );
}

/** Pass rate (after appeals) per caller in the month, with the policy's target. */
export function PassRateByCallerChart({ rows, targetBp }: { rows: TCallerPassRate[]; targetBp: number }) {
  const { t } = useTranslation('dashboards');
  if (!rows.length) return <NoData text={t('chart.noInspections')} />;
  const data = rows.map((r) => ({ ...r, rate: pct(r.passed, r.inspected) }));
  return (
    <ChartFrame height={HEIGHT}>
      <BarChart data={data} margin={{ top: 16, right: 16, left: -8, bottom: 0 }}>
        <CartesianGrid strokeDasharray="3 3" vertical={false} />
        <XAxis dataKey="name" tick={{ fontSize: 12 }} interval={0} />
        <YAxis domain={[0, 100]} unit="%" tick={{ fontSize: 12 }} />
        <Tooltip
          formatter={(value, _name, item) => [
            `${value}% (${t('chart.passedOf', { passed: item.payload.passed, inspected: item.payload.inspected })})`,
            t('chart.passRate'),
          ]}
        />
        <Bar dataKey="rate" name={t('chart.passRate')} fill="#1677ff" maxBarSize={40} />
        <TargetLine targetBp={targetBp} />
      </BarChart>
    </ChartFrame>
  );
}

/** Pass rate per month over the six months up to the chosen one; months without inspections leave a gap. */
export function PassRateTrendChart({ rows, targetBp }: { rows: TMonthPassRate[]; targetBp: number }) {
  const { t } = useTranslation('dashboards');
  if (!rows.some((r) => r.inspected > 0)) return <NoData text={t('chart.noInspections')} />;
  const data = rows.map((r) => ({ ...r, rate: pct(r.passed, r.inspected) }));
  return (
    <ChartFrame height={HEIGHT}>
      <LineChart data={data} margin={{ top: 16, right: 16, left: -8, bottom: 0 }}>
        <CartesianGrid strokeDasharray="3 3" vertical={false} />
        <XAxis dataKey="month" tick={{ fontSize: 12 }} padding={{ left: 16, right: 16 }} />
        <YAxis domain={[0, 100]} unit="%" tick={{ fontSize: 12 }} />
        <Tooltip
          formatter={(value, _name, item) => [
            `${value}% (${t('chart.passedOf', { passed: item.payload.passed, inspected: item.payload.inspected })})`,
            t('chart.passRate'),
          ]}
        />
        <Line dataKey="rate" name={t('chart.passRate')} stroke="#1677ff" strokeWidth={2} dot />
        <TargetLine targetBp={targetBp} />
      </LineChart>
    </ChartFrame>
  );
}

/** How often each finding was recorded in the month's inspections. */
export function FindingsChart({ rows }: { rows: TFindingCount[] }) {
  const { t } = useTranslation('dashboards');
  if (!rows.length) return <NoData text={t('chart.noFindings')} />;
  const data = rows.map((r) => ({ ...r, label: t(`supervision:finding.${r.finding}`) }));
  return (
    <ChartFrame height={HEIGHT}>
      <BarChart data={data} layout="vertical" margin={{ top: 8, right: 24, left: 16, bottom: 0 }}>
        <CartesianGrid strokeDasharray="3 3" horizontal={false} />
        <XAxis type="number" allowDecimals={false} tick={{ fontSize: 12 }} />
        <YAxis type="category" dataKey="label" width={110} tick={{ fontSize: 12 }} />
        <Tooltip />
        <Bar dataKey="count" name={t('chart.count')} fill="#f5222d" maxBarSize={28} />
      </BarChart>
    </ChartFrame>
  );
}

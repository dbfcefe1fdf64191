import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis } from 'recharts';
import { ChartFrame } from '../../components/ChartFrame';
import { CALLER_LOAD_HEIGHT } from './caller-load';

/** Tasks per caller as bars: the plan's load (loaded apart from the plan page, docs/performance.md#web). */
export default function CallerLoadChart({
  data,
  label,
}: {
  data: Array<{ name: string; count: number }>;
  label: string;
}) {
  return (
    <ChartFrame height={CALLER_LOAD_HEIGHT}>
      <BarChart data={data} margin={{ top: 8, right: 8, left: -16, bottom: 0 }}>
        <CartesianGrid strokeDasharray="3 3" vertical={false} />
        <XAxis dataKey="name" tick={{ fontSize: 12 }} />
        <YAxis allowDecimals={false} tick={{ fontSize: 12 }} />
        <Tooltip />
        <Bar dataKey="count" name={label} fill="#1677ff" maxBarSize={48} />
      </BarChart>
    </ChartFrame>
  );
}

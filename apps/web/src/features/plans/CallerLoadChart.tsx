import { PlainChart } from '../../components/plain-chart/PlainChart';
import { countTicks } from '../../components/plain-chart/scale';

/** The height of the plan's caller-load chart. */
export const CALLER_LOAD_HEIGHT = 200;

/** Tasks per caller as bars: the plan's load, drawn with the figures (docs/performance.md#web). */
export function CallerLoadChart({
  data,
  label,
}: {
  data: Array<{ id: string; name: string; count: number }>;
  label: string;
}) {
  const ticks = countTicks(Math.max(0, ...data.map((d) => d.count)));
  return (
    <PlainChart
      height={CALLER_LOAD_HEIGHT}
      categories={data.map((d) => ({ key: d.id, label: d.name }))}
      domain={[0, ticks.at(-1) as number]}
      ticks={ticks}
      maxBarWidth={48}
      bars={data.map((d, index) => ({
        index,
        from: 0,
        to: d.count,
        color: '#1677ff',
        className: 'plan-load-bar',
      }))}
      tooltip={(i) => ({
        title: data[i]!.name,
        rows: [{ label, value: String(data[i]!.count), color: '#1677ff' }],
      })}
    />
  );
}

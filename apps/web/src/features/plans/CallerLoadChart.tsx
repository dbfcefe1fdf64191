import { CountChart } from '../../components/plain-chart/CountChart';

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
  return (
    <CountChart
      height={CALLER_LOAD_HEIGHT}
      items={data.map((d) => ({ key: d.id, label: d.name, count: d.count, color: '#1677ff' }))}
      label={label}
      className="plan-load-bar"
    />
  );
}

import { PlainChart } from './PlainChart';
import { countTicks } from './scale';

export interface CountItem {
  key: string;
  label: string;
  count: number;
  color: string;
}

/** A count per category as bars on whole-number ticks from 0 (callers per grade, tasks per caller). */
export function CountChart({
  height,
  items,
  label,
  className,
}: {
  height: number;
  items: readonly CountItem[];
  /** what is counted, for the tooltip */
  label: string;
  /** the bars' class, for the browser tests */
  className: string;
}) {
  const ticks = countTicks(Math.max(0, ...items.map((d) => d.count)));
  return (
    <PlainChart
      height={height}
      categories={items.map((d) => ({ key: d.key, label: d.label }))}
      domain={[0, ticks.at(-1) as number]}
      ticks={ticks}
      maxBarWidth={48}
      bars={items.map((d, index) => ({ index, from: 0, to: d.count, color: d.color, className }))}
      tooltip={(i) => ({
        title: items[i]!.label,
        rows: [{ label, value: String(items[i]!.count), color: items[i]!.color }],
      })}
    />
  );
}

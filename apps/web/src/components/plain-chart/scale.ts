// The arithmetic of a plain chart (PlainChart.tsx), apart from React so that it is tested alone.
// Horizontal positions are percentages of the plot's width and vertical ones pixels from its top:
// the browser lays the chart out at any width, with nothing to measure (docs/performance.md#web).

/** The centre of category `index` of `count`, in percent of the plot's width. */
export function bandCenter(index: number, count: number): number {
  return ((index + 0.5) / count) * 100;
}

/** One category's width, in percent of the plot's width. */
export function bandWidth(count: number): number {
  return 100 / count;
}

/** A value's distance from the plot's top, in pixels; values outside the domain stay on its edge. */
export function yPixel(value: number, [low, high]: readonly [number, number], plotHeight: number): number {
  const clamped = Math.min(high, Math.max(low, value));
  return plotHeight * (1 - (clamped - low) / (high - low));
}

/**
 * Whole-number ticks from 0 up to at least `max` (a count: callers per grade), at most about five,
 * on a step of 1, 2 or 5 times a power of ten.
 */
export function countTicks(max: number): number[] {
  const top = Math.max(1, Math.ceil(max));
  const rough = top / 4;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = Math.max(1, [1, 2, 5, 10].map((m) => m * power).find((s) => s >= rough) ?? 10 * power);
  const ticks: number[] = [];
  for (let v = 0; v < top + step; v += step) ticks.push(v);
  return ticks;
}

/**
 * The segments of a series drawn as a line: between neighbouring categories that both have a
 * value. A category without one leaves a gap (no line across a month without figures).
 */
export function lineSegments(values: readonly (number | null)[]): Array<[number, number]> {
  const segments: Array<[number, number]> = [];
  for (let i = 1; i < values.length; i++)
    if (values[i - 1] !== null && values[i] !== null) segments.push([i - 1, i]);
  return segments;
}

/**
 * The every-how-many-th label a chart narrower than a threshold keeps (months: global.css hides
 * the rest below 660 px and 400 px of plot). Counted from the last, so that the latest category
 * always keeps its label. Returns the class names of the widths under which label `index` hides.
 */
export function thinnedLabel(index: number, count: number): string | undefined {
  const fromLast = count - 1 - index;
  const names = [fromLast % 2 ? 'pc-x-half' : '', fromLast % 3 ? 'pc-x-third' : ''].filter(Boolean);
  return names.length ? names.join(' ') : undefined;
}

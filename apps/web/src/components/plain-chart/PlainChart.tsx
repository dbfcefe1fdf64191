import { type ReactNode, useState } from 'react';
import { bandCenter, bandWidth, lineSegments, thinnedLabel, yPixel } from './scale';

/**
 * A bar or line chart drawn with plain elements: no chart library, no measuring, one render.
 * Horizontal positions are percentages of the plot's width and vertical ones pixels (scale.ts), so
 * the browser lays it out at any width. The KPI pages draw their charts with it: recharts' first
 * render of a chart cost 80–190 ms of script on load (docs/performance.md#web). Text drawn here
 * meets WCAG's 4.5:1 on white (`TEXT_COLORS`); the series' own colours are for lines and bars only.
 */

export interface ChartCategory {
  key: string;
  label: string;
}

/** A horizontal dashed line across the plot (a target), its label at the right end. */
export interface ChartRule {
  y: number;
  label: string;
  color: string;
  /** the label under the line rather than above it (when two lines lie close) */
  below?: boolean;
}

/** A bar from `from` to `to` (axis values) in one category; several in a category stack. */
export interface ChartBar {
  index: number;
  from: number;
  to: number;
  color: string;
  className: string;
  /** a placeholder: a pale dashed outline rather than a filled bar */
  dashed?: boolean;
  /** text inside the bar, at its foot */
  label?: string;
}

export interface ChartSeries {
  key: string;
  values: readonly (number | null)[];
  color: string;
}

export interface TooltipRow {
  label: string;
  value: string;
  color: string;
}

/** Colours of lines and bars → a darker shade of the same hue for their text (≥ 4.5:1 on white). */
const TEXT_COLORS: Record<string, string> = {
  '#1677ff': '#0958d9',
  '#52c41a': '#237804',
  '#722ed1': '#531dab',
  '#fa8c16': '#ad4e00',
  '#8c8c8c': '#595959',
};
const textColor = (color: string) => TEXT_COLORS[color] ?? color;

const TOP = 16;
const X_AXIS = 24;
const LEGEND = 28;
const GRID = '#e8e8e8';
const AXIS = '#bfbfbf';

export function PlainChart({
  height,
  categories,
  domain,
  ticks,
  unit = '',
  rules = [],
  marker,
  bars = [],
  series = [],
  partialIndex,
  legend,
  maxBarWidth = 40,
  tooltip,
  onSelect,
  selectLabel,
  thinLabels = false,
  ruleLabelsAt = 'end',
}: {
  height: number;
  categories: readonly ChartCategory[];
  domain: readonly [number, number];
  ticks: readonly number[];
  /** after each tick's number (%) */
  unit?: string;
  rules?: readonly ChartRule[];
  /** a vertical dashed line at a category (the month in progress), labelled */
  marker?: { index: number; label: string };
  bars?: readonly ChartBar[];
  series?: readonly ChartSeries[];
  /** the category whose points are partial: drawn hollow with a dashed ring (class kpi-partial-dot) */
  partialIndex?: number;
  legend?: readonly { label: string; color: string }[];
  maxBarWidth?: number;
  /** the title and rows shown while a category is pointed at or focused */
  tooltip: (index: number) => { title: string; rows: TooltipRow[] } | null;
  /** makes each category a button (a caller's bar opens their dashboard) */
  onSelect?: (index: number) => void;
  /** the button's accessible name */
  selectLabel?: (index: number) => string;
  /** a narrow chart labels every other category (months: see scale.ts `thinnedLabel`) */
  thinLabels?: boolean;
  /** where the rules' labels sit: a trend's latest points are at its end, so its labels go first */
  ruleLabelsAt?: 'start' | 'end';
}) {
  const [active, setActive] = useState<number | null>(null);
  const plot = height - TOP - X_AXIS - (legend ? LEGEND : 0);
  const y = (v: number) => yPixel(v, domain, plot);
  const n = categories.length;
  const band = bandWidth(n);
  const x = (i: number) => `${bandCenter(i, n)}%`;
  const tip = active === null ? null : tooltip(active);

  let bands: ReactNode[];
  if (onSelect)
    bands = categories.map((c, i) => (
      <button
        key={c.key}
        type="button"
        className="pc-band pc-band-button"
        style={{ left: `${i * band}%`, width: `${band}%` }}
        aria-label={selectLabel?.(i) ?? c.label}
        onMouseEnter={() => setActive(i)}
        onMouseLeave={() => setActive(null)}
        onFocus={() => setActive(i)}
        onBlur={() => setActive(null)}
        onClick={() => onSelect(i)}
      />
    ));
  else
    bands = categories.map((c, i) => (
      // biome-ignore lint/a11y/noStaticElementInteractions: a pointer's tooltip; its figures are in the page's cards and tables
      <div
        key={c.key}
        className="pc-band"
        style={{ left: `${i * band}%`, width: `${band}%` }}
        onMouseEnter={() => setActive(i)}
        onMouseLeave={() => setActive(null)}
      />
    ));

  return (
    <div
      className="plain-chart"
      style={{ height, gridTemplateRows: `${plot}px ${X_AXIS}px${legend ? ` ${LEGEND}px` : ''}` }}
    >
      <div className="pc-y" aria-hidden="true">
        {ticks.map((t) => (
          <span key={t} style={{ top: y(t) }}>
            {t}
            {unit}
          </span>
        ))}
      </div>
      <div className="pc-plot">
        <svg className="pc-svg" width="100%" height={plot} aria-hidden="true">
          {ticks.map((t) => (
            <line key={t} x1="0" x2="100%" y1={y(t)} y2={y(t)} stroke={GRID} strokeDasharray="3 3" />
          ))}
          <line x1="0" x2="100%" y1={plot} y2={plot} stroke={AXIS} />
          {active !== null ? (
            <rect x={`${active * band}%`} width={`${band}%`} y={0} height={plot} fill="rgba(0, 0, 0, 0.04)" />
          ) : null}
          {marker ? (
            <line
              x1={x(marker.index)}
              x2={x(marker.index)}
              y1={0}
              y2={plot}
              stroke="#8c8c8c"
              strokeDasharray="2 4"
            />
          ) : null}
          {rules.map((r) => (
            <line
              key={`${r.label}-${r.y}`}
              x1="0"
              x2="100%"
              y1={y(r.y)}
              y2={y(r.y)}
              stroke={r.color}
              strokeDasharray="6 4"
            />
          ))}
          {series.map((s) =>
            lineSegments(s.values).map(([a, b]) => (
              <line
                key={`${s.key}-${a}`}
                x1={x(a)}
                x2={x(b)}
                y1={y(s.values[a] as number)}
                y2={y(s.values[b] as number)}
                stroke={s.color}
                strokeWidth={2}
              />
            )),
          )}
          {series.map((s) =>
            s.values.map((v, i) =>
              v === null ? null : (
                <circle
                  key={`${s.key}-${i}`}
                  cx={x(i)}
                  cy={y(v)}
                  fill="#fff"
                  stroke={s.color}
                  strokeWidth={2}
                  {...(i === partialIndex
                    ? { className: 'kpi-partial-dot', r: 6, strokeDasharray: '3 2' }
                    : { r: 3 })}
                />
              ),
            ),
          )}
        </svg>
        {bars.map((b) => (
          <div
            key={`${b.className}-${b.index}`}
            className={`pc-bar ${b.className}`}
            style={{
              left: x(b.index),
              width: `min(${maxBarWidth}px, ${band * 0.7}%)`,
              top: y(b.to),
              height: Math.max(0, y(b.from) - y(b.to)),
              background: b.dashed ? '#fafafa' : b.color,
              border: b.dashed ? `1px dashed ${b.color}` : undefined,
            }}
          >
            {b.label ? <span className="pc-bar-label">{b.label}</span> : null}
          </div>
        ))}
        {rules.map((r) => (
          <span
            key={`${r.label}-${r.y}`}
            className="pc-rule-label"
            style={{
              top: r.below ? y(r.y) + 2 : y(r.y) - 18,
              color: textColor(r.color),
              ...(ruleLabelsAt === 'end' ? { right: 4 } : { left: 4 }),
            }}
          >
            {r.label}
          </span>
        ))}
        {marker ? (
          <span
            className="pc-marker-label"
            style={{ right: `${100 - bandCenter(marker.index, n)}%`, top: plot - 20 }}
          >
            {marker.label}
          </span>
        ) : null}
        {bands}
        {tip && active !== null ? (
          <div
            className="pc-tooltip"
            // beside the category, on the side with more room
            style={
              active < n / 2 ? { left: `${(active + 1) * band}%` } : { right: `${100 - active * band}%` }
            }
          >
            <div className="pc-tooltip-title">{tip.title}</div>
            {tip.rows.map((r) => (
              <div key={r.label} className="pc-tooltip-row">
                <span className="pc-swatch" style={{ background: r.color }} />
                {r.label}: {r.value}
              </div>
            ))}
          </div>
        ) : null}
      </div>
      <div />
      <div className={`pc-x${thinLabels ? ' pc-x-thin' : ''}`}>
        {categories.map((c, i) => (
          <span
            key={c.key}
            className={thinLabels ? thinnedLabel(i, n) : undefined}
            // months keep their whole label, centred; names are cut to their category's width
            style={
              thinLabels
                ? { left: x(i), transform: 'translateX(-50%)' }
                : { left: `${i * band}%`, width: `${band}%` }
            }
          >
            {c.label}
          </span>
        ))}
      </div>
      {legend ? (
        <div className="pc-legend">
          {legend.map((l) => (
            <span key={l.label}>
              <span className="pc-swatch" style={{ background: l.color }} />
              {l.label}
            </span>
          ))}
        </div>
      ) : null}
    </div>
  );
}

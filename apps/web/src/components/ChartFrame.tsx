import type { ReactElement } from 'react';
import { ResponsiveContainer } from 'recharts';
import { Staggered } from './Staggered';

/**
 * A chart tooltip's rows in the body text colour: recharts paints them in the series colour, which on
 * white may fall below WCAG's 4.5:1 (antd's blue does).
 */
export const TOOLTIP_TEXT = { color: 'rgba(0, 0, 0, 0.88)' } as const;

/**
 * A chart's box on a screen: a fixed height (nothing moves when the chart comes), the chart drawn
 * when it comes near the screen, one at a time (Staggered), at the box's size. Not for printed pages,
 * which must draw every chart at once.
 */
export function ChartFrame({
  height,
  testId = 'chart-svg',
  children,
}: {
  height: number;
  testId?: string;
  children: ReactElement;
}) {
  return (
    <div style={{ width: '100%', height }} data-testid={testId}>
      <Staggered>
        <ResponsiveContainer>{children}</ResponsiveContainer>
      </Staggered>
    </div>
  );
}

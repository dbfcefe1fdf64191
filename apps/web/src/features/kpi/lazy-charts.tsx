import { lazy } from 'react';

/**
 * The KPI pages' charts, loaded apart from the pages: recharts is the largest library on them, and a
 * page's title and figures need not wait for it (docs/performance.md#web). A page starts the load
 * once its figures have been painted (`loadCharts`); ChartCard keeps each chart's height meanwhile.
 */
export const loadCharts = () => import('./charts');

export const RateByCallerChart = lazy(() => loadCharts().then((m) => ({ default: m.RateByCallerChart })));
export const RatesTrendChart = lazy(() => loadCharts().then((m) => ({ default: m.RatesTrendChart })));
export const SatisfactionTrendChart = lazy(() =>
  loadCharts().then((m) => ({ default: m.SatisfactionTrendChart })),
);
export const ScoreTrendChart = lazy(() => loadCharts().then((m) => ({ default: m.ScoreTrendChart })));
export const GradeDistributionChart = lazy(() =>
  loadCharts().then((m) => ({ default: m.GradeDistributionChart })),
);

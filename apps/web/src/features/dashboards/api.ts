import type { TQualityDashboard } from '@huifang/contracts';
import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { api } from '../../lib/api';

export const dashboardKeys = {
  quality: (month: string) => ['dashboards', 'quality', month] as const,
};

/** GET /api/dashboards/quality: the supervisor's figures of a month (organisation time). */
export const qualityDashboardQuery = (month: string) =>
  queryOptions({
    queryKey: dashboardKeys.quality(month),
    queryFn: () => api<TQualityDashboard>('/dashboards/quality', { query: { month } }),
    placeholderData: keepPreviousData,
  });

import type { TQualityDashboard, TTicketDashboard } from '@huifang/contracts';
import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { api } from '../../lib/api';

export const dashboardKeys = {
  quality: (month: string) => ['dashboards', 'quality', month] as const,
  tickets: (month: string) => ['dashboards', 'tickets', month] as const,
};

/** GET /api/dashboards/quality: the supervisor's figures of a month (organisation time). */
export const qualityDashboardQuery = (month: string) =>
  queryOptions({
    queryKey: dashboardKeys.quality(month),
    queryFn: () => api<TQualityDashboard>('/dashboards/quality', { query: { month } }),
    placeholderData: keepPreviousData,
  });

/** GET /api/dashboards/tickets: the tickets the user may see; refreshes every minute like the ticket lists. */
export const ticketDashboardQuery = (month: string) =>
  queryOptions({
    queryKey: dashboardKeys.tickets(month),
    queryFn: () => api<TTicketDashboard>('/dashboards/tickets', { query: { month } }),
    placeholderData: keepPreviousData,
    refetchInterval: 60_000,
  });

import type { TCallerDashboard, TLeadDashboard, TManagerDashboard } from '@huifang/contracts';
import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { PREFETCHED_STALE_MS } from '../../app/features';
import { api } from '../../lib/api';

export const kpiKeys = {
  all: ['kpi-dashboards'] as const,
  manager: (month: string) => ['kpi-dashboards', 'manager', month] as const,
  caller: (month: string, userId: string | undefined) =>
    ['kpi-dashboards', 'caller', month, userId ?? 'me'] as const,
  lead: (month: string) => ['kpi-dashboards', 'lead', month] as const,
};

/** GET /api/dashboards/manager: the organisation's month by caller and department, trend, grades, incentives, tickets. */
export const managerDashboardQuery = (month: string) =>
  queryOptions({
    queryKey: kpiKeys.manager(month),
    queryFn: () => api<TManagerDashboard>('/dashboards/manager', { query: { month } }),
    placeholderData: keepPreviousData,
    // fetched early while the screen's code downloads (kpi/routes.tsx): not again when it mounts
    staleTime: PREFETCHED_STALE_MS,
  });

/** GET /api/dashboards/caller: one's own month so far, or (with `userId`) a caller's for their manager or lead. */
export const callerDashboardQuery = (month: string, userId?: string) =>
  queryOptions({
    queryKey: kpiKeys.caller(month, userId),
    queryFn: () => api<TCallerDashboard>('/dashboards/caller', { query: { month, userId } }),
    placeholderData: keepPreviousData,
  });

/** GET /api/dashboards/lead: the lead's team, its callers and who is at risk at the month's end. */
export const leadDashboardQuery = (month: string) =>
  queryOptions({
    queryKey: kpiKeys.lead(month),
    queryFn: () => api<TLeadDashboard>('/dashboards/lead', { query: { month } }),
    placeholderData: keepPreviousData,
  });

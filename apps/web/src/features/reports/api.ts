import type {
  TPage,
  TReportCreate,
  TReportDetail,
  TReportReturn,
  TReportStatus,
  TReportSummary,
  TReportUpdate,
} from '@huifang/contracts';
import { keepPreviousData, queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api';

export interface ReportListQuery {
  month?: string;
  status?: TReportStatus;
  page: number;
  size: number;
}

export const reportKeys = {
  all: ['reports'] as const,
  list: (q: ReportListQuery) => ['reports', 'list', q] as const,
  detail: (id: string) => ['reports', 'detail', id] as const,
};

export const reportsQuery = (q: ReportListQuery) =>
  queryOptions({
    queryKey: reportKeys.list(q),
    queryFn: ({ signal }) => api<TPage<TReportSummary>>('/reports', { query: { ...q }, signal }),
    placeholderData: keepPreviousData,
  });

export const reportQuery = (id: string) =>
  queryOptions({
    queryKey: reportKeys.detail(id),
    queryFn: ({ signal }) => api<TReportDetail>(`/reports/${id}`, { signal }),
  });

/** Every write answers the report; it replaces the cached one and the lists are refetched. */
function useReportWrite<V>(fn: (v: V) => Promise<TReportDetail>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: (r) => {
      qc.setQueryData(reportKeys.detail(r.id), r);
      void qc.invalidateQueries({ queryKey: ['reports', 'list'] });
    },
  });
}

export const useCreateReport = () =>
  useReportWrite((body: TReportCreate) => api<TReportDetail>('/reports', { method: 'POST', body }));

export const useUpdateReport = (id: string) =>
  useReportWrite((body: TReportUpdate) => api<TReportDetail>(`/reports/${id}`, { method: 'PATCH', body }));

export const useReportAction = (id: string) =>
  useReportWrite(
    ({ action, body }: { action: 'refresh' | 'submit' | 'approve' | 'return'; body?: TReportReturn }) =>
      api<TReportDetail>(`/reports/${id}/${action}`, { method: 'POST', body: body ?? {} }),
  );

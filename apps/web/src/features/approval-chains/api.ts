import type {
  TApprovalChains,
  TApprovalChainsPut,
  TReportDetail,
  TSignOffDecision,
  TSignOffItem,
  TSignOffQueue,
} from '@huifang/contracts';
import { keepPreviousData, queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api';

export const chainsQuery = queryOptions({
  queryKey: ['approval-chains'],
  queryFn: ({ signal }) => api<TApprovalChains>('/approval-chains', { signal }),
});

export function useSaveChains() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: TApprovalChainsPut) =>
      api<TApprovalChains>('/approval-chains', { method: 'PUT', body }),
    onSuccess: (data) => qc.setQueryData(chainsQuery.queryKey, data),
  });
}

export type SignOffFilter = 'WAITING' | 'SIGNED_OFF' | 'SENT_BACK';

export const signOffQuery = (month: string, status: SignOffFilter) =>
  queryOptions({
    queryKey: ['visit-sign-offs', month, status],
    queryFn: ({ signal }) => api<TSignOffQueue>('/visit-sign-offs', { query: { month, status }, signal }),
    placeholderData: keepPreviousData,
  });

export function useDecideSignOff() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: TSignOffDecision }) =>
      api<TSignOffItem>(`/visits/${id}/sign-off`, { method: 'POST', body }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['visit-sign-offs'] }),
  });
}

export function useCreateRollup() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (month: string) => api<TReportDetail>('/reports/rollup', { method: 'POST', body: { month } }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['reports', 'list'] }),
  });
}

import type {
  TDirectoryUser,
  TIncentiveItem,
  TIncentiveList,
  TIncentivePolicy,
  TIncentivePolicyCreate,
  TIncentivePolicyList,
  TManualItemCreate,
  TMonthClose,
  TSpecialAwardCreate,
} from '@huifang/contracts';
import { policyInForce } from '@huifang/domain';
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api';

export const incentiveKeys = {
  all: ['incentives'] as const,
  sheet: (month: string) => ['incentives', 'sheet', month] as const,
  list: (month: string) => ['incentives', 'list', month] as const,
  policies: ['incentives', 'policies'] as const,
};

export const sheetQuery = (month: string) =>
  queryOptions({
    queryKey: incentiveKeys.sheet(month),
    queryFn: ({ signal }) => api<TMonthClose>(`/month-closes/${month}`, { signal }),
  });

export const myIncentivesQuery = (month: string) =>
  queryOptions({
    queryKey: incentiveKeys.list(month),
    queryFn: ({ signal }) => api<TIncentiveList>('/incentives', { query: { month }, signal }),
  });

export const policiesQuery = queryOptions({
  queryKey: incentiveKeys.policies,
  queryFn: ({ signal }) => api<TIncentivePolicyList>('/incentive-policies', { signal }),
});

export const activeUsersQuery = queryOptions({
  queryKey: ['users', { active: 'true' }],
  queryFn: ({ signal }) => api<{ items: TDirectoryUser[] }>('/users', { query: { active: 'true' }, signal }),
  staleTime: 60_000,
});

/** The version in force for a month: the newest one effective from that month or before. */
export function policyFor(list: TIncentivePolicyList | undefined, month: string): TIncentivePolicy | null {
  return policyInForce(list?.items ?? [], month);
}

/** Every write of this feature refreshes the sheet, the lists and the notifications. */
function useInvalidate() {
  const qc = useQueryClient();
  return () =>
    Promise.all([
      qc.invalidateQueries({ queryKey: incentiveKeys.all }),
      qc.invalidateQueries({ queryKey: ['notifications'] }),
    ]);
}

export function useCloseMonth() {
  const qc = useQueryClient();
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (month: string) => api<TMonthClose>('/month-closes', { method: 'POST', body: { month } }),
    onSuccess: (data) => {
      qc.setQueryData(incentiveKeys.sheet(data.month), data);
      return invalidate();
    },
  });
}

export function useApproveSheet() {
  const qc = useQueryClient();
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ month, version }: { month: string; version: number }) =>
      api<TMonthClose>(`/month-closes/${month}/approve`, { method: 'POST', body: { version } }),
    onSuccess: (data) => {
      qc.setQueryData(incentiveKeys.sheet(data.month), data);
      return invalidate();
    },
  });
}

export function useBulkDecide() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (body: { ids: string[]; decision: 'APPROVE' | 'REJECT'; comment?: string }) =>
      api<{ decided: number }>('/incentives/decide', { method: 'POST', body }),
    onSuccess: () => invalidate(),
  });
}

export function useDecideItem() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({
      id,
      decision,
      comment,
      version,
    }: {
      id: string;
      decision: 'APPROVE' | 'REJECT';
      comment?: string;
      version: number;
    }) =>
      api<TIncentiveItem>(`/incentives/${id}/${decision === 'APPROVE' ? 'approve' : 'reject'}`, {
        method: 'POST',
        body: { ...(comment ? { comment } : {}), version },
      }),
    onSuccess: () => invalidate(),
  });
}

export function useDecideAppeal() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ id, decision, reason }: { id: string; decision: 'UPHOLD' | 'OVERTURN'; reason: string }) =>
      api<TIncentiveItem>(`/incentive-appeals/${id}/decide`, { method: 'POST', body: { decision, reason } }),
    onSuccess: () => invalidate(),
  });
}

export function useFileAppeal() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ id, reason }: { id: string; reason: string }) =>
      api<TIncentiveItem>(`/incentives/${id}/appeal`, { method: 'POST', body: { reason } }),
    onSuccess: () => invalidate(),
  });
}

export function useSpecialAward() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (body: TSpecialAwardCreate) => api<TIncentiveItem>('/incentives', { method: 'POST', body }),
    onSuccess: () => invalidate(),
  });
}

export function useManualItem() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (body: TManualItemCreate) =>
      api<TIncentiveItem>('/incentives/manual', { method: 'POST', body }),
    onSuccess: () => invalidate(),
  });
}

export function useCreatePolicy() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (body: TIncentivePolicyCreate) =>
      api<TIncentivePolicy>('/incentive-policies', { method: 'POST', body }),
    onSuccess: () => invalidate(),
  });
}

/** The payroll file of an approved sheet, served by the API as an attachment. */
export function exportUrl(month: string, format: 'csv' | 'xlsx', lang: string): string {
  const l = lang === 'en' ? 'en' : 'zh-CN';
  return `/api/incentives/export?month=${month}&format=${format}&lang=${l}`;
}

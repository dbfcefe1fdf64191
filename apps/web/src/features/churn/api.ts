// Data of the churn register (docs/product.md#the-churn-register): reasons, cases and their actions.
import type {
  TChurnCase,
  TChurnCaseCreate,
  TChurnCaseDetail,
  TChurnCaseListQuery,
  TChurnReason,
  TChurnReasonCreate,
  TChurnReasonUpdate,
  TChurnStage,
  TPage,
} from '@huifang/contracts';
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api';

export const churnKeys = {
  all: ['churn'] as const,
  reasons: ['churn', 'reasons'] as const,
  list: (q: TChurnCaseListQuery) => ['churn', 'cases', q] as const,
  detail: (id: string) => ['churn', 'case', id] as const,
};

export const churnReasonsQuery = queryOptions({
  queryKey: churnKeys.reasons,
  queryFn: ({ signal }) => api<{ items: TChurnReason[] }>('/churn-reasons', { signal }),
  staleTime: 60_000,
});

export const churnCasesQuery = (q: TChurnCaseListQuery) =>
  queryOptions({
    queryKey: churnKeys.list(q),
    queryFn: ({ signal }) =>
      api<TPage<TChurnCase>>('/churn-cases', { signal, query: q as Record<string, string | number> }),
  });

export const churnCaseQuery = (id: string) =>
  queryOptions({
    queryKey: churnKeys.detail(id),
    queryFn: ({ signal }) => api<TChurnCaseDetail>(`/churn-cases/${id}`, { signal }),
  });

export type ChurnStep =
  | { action: 'create'; body: TChurnCaseCreate }
  | {
      action: 'confirm';
      id: string;
      body: {
        version: number;
        stage: TChurnStage;
        reasonId: string;
        day?: string;
        departmentId?: string;
        note?: string;
      };
    }
  | { action: 'dismiss'; id: string; body: { version: number; reason: string } }
  | { action: 'win-back'; id: string; body: { version: number; assigneeId?: string; dueDay?: string } };

/** Every change of a case; the register and the case are read again afterwards. */
export function useChurnStep() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (s: ChurnStep) =>
      s.action === 'create'
        ? api<TChurnCase>('/churn-cases', { method: 'POST', body: s.body })
        : api<TChurnCase>(`/churn-cases/${s.id}/${s.action}`, { method: 'POST', body: s.body }),
    onSettled: () => void qc.invalidateQueries({ queryKey: churnKeys.all }),
  });
}

export function useChurnReasonSave() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (s: { id?: string; body: TChurnReasonCreate | TChurnReasonUpdate }) =>
      s.id
        ? api<TChurnReason>(`/churn-reasons/${s.id}`, { method: 'PATCH', body: s.body })
        : api<TChurnReason>('/churn-reasons', { method: 'POST', body: s.body }),
    onSettled: () => void qc.invalidateQueries({ queryKey: churnKeys.all }),
  });
}

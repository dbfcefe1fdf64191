import type {
  TDirectoryUser,
  TPage,
  TPlanCreate,
  TPlanDetail,
  TPlanFigures,
  TPlanItem,
  TPlanItemsAdd,
  TPlanItemsAddResult,
  TPlanItemUpdate,
  TPlanProposals,
  TPlanProposalsAdd,
  TPlanProposalsAddResult,
  TPlanStatus,
  TPlanSummary,
  TPlanUpdate,
  TQuestionnaire,
} from '@huifang/contracts';
import { keepPreviousData, queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { PREFETCHED_STALE_MS } from '../../app/features';
import { api } from '../../lib/api';

export interface PlanListQuery {
  status?: TPlanStatus;
  month?: string;
  teamId?: string;
  page: number;
  size: number;
}

export interface PlanItemsQuery {
  callerId?: string;
  q?: string;
  page: number;
  size: number;
}

export const planKeys = {
  all: ['plans'] as const,
  list: (q: PlanListQuery) => ['plans', 'list', q] as const,
  detail: (id: string) => ['plans', 'detail', id] as const,
  proposals: (id: string) => ['plans', 'proposals', id] as const,
  items: (id: string, q?: PlanItemsQuery) =>
    (q ? ['plans', 'items', id, q] : ['plans', 'items', id]) as readonly unknown[],
};

export const plansQuery = (q: PlanListQuery) =>
  queryOptions({
    queryKey: planKeys.list(q),
    queryFn: ({ signal }) => api<TPage<TPlanSummary>>('/plans', { query: { ...q }, signal }),
    placeholderData: keepPreviousData,
  });

export const planQuery = (id: string) =>
  queryOptions({
    queryKey: planKeys.detail(id),
    queryFn: ({ signal }) => api<TPlanDetail>(`/plans/${id}`, { signal }),
    // fetched early while the screen's code downloads (plans/routes.tsx): not again when it mounts
    staleTime: PREFETCHED_STALE_MS,
  });

/** The first page of a plan's customers, as its table opens (PlanItemsTable; prefetched by routes.tsx). */
export const FIRST_ITEMS_PAGE: PlanItemsQuery = { page: 1, size: 20 };

export const planItemsQuery = (id: string, q: PlanItemsQuery) =>
  queryOptions({
    queryKey: planKeys.items(id, q),
    queryFn: ({ signal }) => api<TPage<TPlanItem>>(`/plans/${id}/items`, { query: { ...q }, signal }),
    placeholderData: keepPreviousData,
    // the first page is fetched early with the plan (plans/routes.tsx): not again when it mounts
    staleTime: PREFETCHED_STALE_MS,
  });

/** What the cadence rules not approved propose for the plan's month (an editable plan only). */
export const planProposalsQuery = (id: string) =>
  queryOptions({
    queryKey: planKeys.proposals(id),
    queryFn: ({ signal }) => api<TPlanProposals>(`/plans/${id}/proposals`, { signal }),
  });

/** Active questionnaires; an empty list when the route answers nothing usable. */
export const questionnairesQuery = queryOptions({
  queryKey: ['questionnaires', 'list', { active: 'true' }],
  queryFn: async ({ signal }) => {
    try {
      const res = await api<{ items: TQuestionnaire[] } | TQuestionnaire[]>('/questionnaires', {
        query: { active: 'true' },
        signal,
      });
      const list = Array.isArray(res) ? res : (res?.items ?? []);
      return list.filter((q) => q.active !== false);
    } catch {
      return [] as TQuestionnaire[];
    }
  },
  staleTime: 60_000,
});

export const teamCallersQuery = (teamId: string | undefined) =>
  queryOptions({
    queryKey: ['directory', 'users', { role: 'CALLER', teamId, active: 'true' }],
    queryFn: ({ signal }) =>
      api<{ items: TDirectoryUser[] }>('/users', {
        query: { role: 'CALLER', teamId, active: 'true' },
        signal,
      }),
    enabled: !!teamId,
    staleTime: 60_000,
  });

function useInvalidatePlans() {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: planKeys.all });
}

export function useCreatePlan() {
  const invalidate = useInvalidatePlans();
  return useMutation({
    mutationFn: (body: TPlanCreate) => api<TPlanDetail>('/plans', { method: 'POST', body }),
    onSuccess: () => invalidate(),
  });
}

export function useUpdatePlan(id: string) {
  const invalidate = useInvalidatePlans();
  return useMutation({
    mutationFn: (body: TPlanUpdate) => api<TPlanDetail>(`/plans/${id}`, { method: 'PATCH', body }),
    onSettled: () => invalidate(),
  });
}

export function useAddItems(id: string) {
  const invalidate = useInvalidatePlans();
  return useMutation({
    mutationFn: (body: TPlanItemsAdd) =>
      api<TPlanItemsAddResult>(`/plans/${id}/items`, { method: 'POST', body }),
    onSettled: () => invalidate(),
  });
}

export function useAddProposals(id: string) {
  const invalidate = useInvalidatePlans();
  return useMutation({
    mutationFn: (body: TPlanProposalsAdd) =>
      api<TPlanProposalsAddResult>(`/plans/${id}/proposals`, { method: 'POST', body }),
    onSettled: () => invalidate(),
  });
}

export function useBalance(id: string) {
  const invalidate = useInvalidatePlans();
  return useMutation({
    mutationFn: (body: { dailyCap?: number }) =>
      api<TPlanFigures>(`/plans/${id}/balance`, { method: 'POST', body }),
    onSettled: () => invalidate(),
  });
}

export function useUpdateItem(id: string) {
  const invalidate = useInvalidatePlans();
  return useMutation({
    mutationFn: ({ itemId, ...body }: TPlanItemUpdate & { itemId: string }) =>
      api<TPlanItem>(`/plans/${id}/items/${itemId}`, { method: 'PATCH', body }),
    onSettled: () => invalidate(),
  });
}

export function useDeleteItem(id: string) {
  const invalidate = useInvalidatePlans();
  return useMutation({
    mutationFn: (itemId: string) => api<void>(`/plans/${id}/items/${itemId}`, { method: 'DELETE' }),
    onSettled: () => invalidate(),
  });
}

export function useSubmitPlan(id: string) {
  const invalidate = useInvalidatePlans();
  return useMutation({
    mutationFn: () => api<TPlanDetail>(`/plans/${id}/submit`, { method: 'POST', body: {} }),
    onSettled: () => invalidate(),
  });
}

export function useDecidePlan(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ decision, comment }: { decision: 'approve' | 'reject'; comment?: string }) =>
      api<TPlanDetail>(`/plans/${id}/${decision}`, {
        method: 'POST',
        body: comment ? { comment } : {},
      }),
    onSuccess: (plan) => qc.setQueryData(planKeys.detail(id), plan),
    onSettled: () =>
      Promise.all([
        qc.invalidateQueries({ queryKey: planKeys.all }),
        qc.invalidateQueries({ queryKey: ['tasks'] }),
        qc.invalidateQueries({ queryKey: ['board'] }),
      ]),
  });
}

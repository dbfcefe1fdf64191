import type {
  TAppealCreate,
  TAppealDecide,
  TAppealListItem,
  TAppealStatus,
  TDirectoryUser,
  TInspectionDetail,
  TInspectionDraft,
  TInspectionListItem,
  TInspectionStatus,
  TPage,
  TRubric,
  TRubricCreate,
  TRubricUpdate,
  TSamplingPreview,
  TSamplingRun,
  TSamplingRunInput,
} from '@huifang/contracts';
import { keepPreviousData, queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api';

export interface InspectionQuery {
  status?: TInspectionStatus;
  inspectorId?: string;
  callerId?: string;
  month?: string;
  passed?: 'true' | 'false';
  open?: 'true';
  page: number;
  size: number;
}

export const supervisionKeys = {
  all: ['supervision'] as const,
  inspections: (q: InspectionQuery) => ['supervision', 'inspections', q] as const,
  inspection: (id: string) => ['supervision', 'inspection', id] as const,
  rubrics: ['supervision', 'rubrics'] as const,
  runs: ['supervision', 'runs'] as const,
  appeals: (status?: TAppealStatus, page = 1) => ['supervision', 'appeals', status ?? 'all', page] as const,
};

export const inspectionsQuery = (q: InspectionQuery) =>
  queryOptions({
    queryKey: supervisionKeys.inspections(q),
    queryFn: ({ signal }) => api<TPage<TInspectionListItem>>('/inspections', { query: { ...q }, signal }),
    placeholderData: keepPreviousData,
  });

export const inspectionQuery = (id: string) =>
  queryOptions({
    queryKey: supervisionKeys.inspection(id),
    queryFn: ({ signal }) => api<TInspectionDetail>(`/inspections/${id}`, { signal }),
  });

export const rubricsQuery = queryOptions({
  queryKey: supervisionKeys.rubrics,
  queryFn: ({ signal }) => api<{ items: TRubric[] }>('/rubrics', { signal }),
});

export const runsQuery = queryOptions({
  queryKey: supervisionKeys.runs,
  queryFn: ({ signal }) => api<TPage<TSamplingRun>>('/sampling-runs', { query: { size: 10 }, signal }),
});

export const appealsQuery = (status: TAppealStatus | undefined, page: number) =>
  queryOptions({
    queryKey: supervisionKeys.appeals(status, page),
    queryFn: ({ signal }) =>
      api<TPage<TAppealListItem>>('/appeals', { query: { status, page, size: 20 }, signal }),
    placeholderData: keepPreviousData,
  });

export const usersByRoleQuery = (role: 'SUPERVISOR' | 'CALLER') =>
  queryOptions({
    queryKey: ['directory', 'users', { role, active: 'true' }],
    queryFn: ({ signal }) =>
      api<{ items: TDirectoryUser[] }>('/users', { query: { role, active: 'true' }, signal }),
    staleTime: 60_000,
  });

function useInvalidate() {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: supervisionKeys.all });
}

export function useSaveRubric() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ id, ...body }: (TRubricCreate | TRubricUpdate) & { id?: string }) =>
      id
        ? api<TRubric>(`/rubrics/${id}`, { method: 'PATCH', body })
        : api<TRubric>('/rubrics', { method: 'POST', body }),
    onSettled: () => invalidate(),
  });
}

export function usePreviewRun() {
  return useMutation({
    mutationFn: (body: TSamplingRunInput) =>
      api<TSamplingPreview>('/sampling-runs/preview', { method: 'POST', body }),
  });
}

export function useCreateRun() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (body: TSamplingRunInput) => api<TSamplingRun>('/sampling-runs', { method: 'POST', body }),
    onSettled: () => invalidate(),
  });
}

export function useInspectionAction() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({
      id,
      action,
      body,
    }: {
      id: string;
      action: 'start' | 'save' | 'submit';
      body?: TInspectionDraft;
    }) =>
      action === 'save'
        ? api<TInspectionDetail>(`/inspections/${id}`, { method: 'PATCH', body })
        : api<TInspectionDetail>(`/inspections/${id}/${action}`, { method: 'POST', body: body ?? {} }),
    onSuccess: (data) => qc.setQueryData(supervisionKeys.inspection(data.id), data),
    onSettled: () => qc.invalidateQueries({ queryKey: ['supervision', 'inspections'] }),
  });
}

export function useFileAppeal() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ id, ...body }: TAppealCreate & { id: string }) =>
      api<TInspectionDetail>(`/inspections/${id}/appeal`, { method: 'POST', body }),
    onSettled: () => invalidate(),
  });
}

export function useDecideAppeal() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ id, ...body }: TAppealDecide & { id: string }) =>
      api<TInspectionDetail>(`/appeals/${id}/decide`, { method: 'POST', body }),
    onSettled: () => invalidate(),
  });
}

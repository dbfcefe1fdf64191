import type {
  TDepartment,
  TDirectoryUser,
  TMeasureCreate,
  TMeasureDetail,
  TMeasureEffect,
  TMeasureStatus,
  TMeasureSummary,
  TMeasureUpdate,
  TPage,
} from '@huifang/contracts';
import { keepPreviousData, queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api';

export interface MeasureListQuery {
  status?: TMeasureStatus;
  departmentId?: string;
  ownerId?: string;
  overdue?: 'true';
  page: number;
  size: number;
}

export const measureKeys = {
  all: ['measures'] as const,
  list: (q: MeasureListQuery) => ['measures', 'list', q] as const,
  detail: (id: string) => ['measures', 'detail', id] as const,
  effect: (id: string) => ['measures', 'effect', id] as const,
};

export const measuresQuery = (q: MeasureListQuery) =>
  queryOptions({
    queryKey: measureKeys.list(q),
    queryFn: ({ signal }) =>
      api<TPage<TMeasureSummary>>('/improvement-measures', { query: { ...q }, signal }),
    placeholderData: keepPreviousData,
  });

export const measureQuery = (id: string) =>
  queryOptions({
    queryKey: measureKeys.detail(id),
    queryFn: ({ signal }) => api<TMeasureDetail>(`/improvement-measures/${id}`, { signal }),
  });

export const measureEffectQuery = (id: string, version: number) =>
  queryOptions({
    queryKey: [...measureKeys.effect(id), version],
    queryFn: ({ signal }) => api<TMeasureEffect>(`/improvement-measures/${id}/effect`, { signal }),
  });

export interface ReasonOption {
  id: string;
  category: string;
  label: string;
  labelEn: string | null;
}

export const measureOptionsQuery = queryOptions({
  queryKey: ['measures', 'options'],
  queryFn: ({ signal }) => api<{ reasons: ReasonOption[] }>('/improvement-measures/options', { signal }),
  staleTime: 60_000,
});

/** Active users and departments, for the owner and department pickers (staff only: the directory's routes). */
export const ownersQuery = (enabled: boolean) =>
  queryOptions({
    queryKey: ['directory', 'users', { active: 'true' }],
    queryFn: ({ signal }) =>
      api<{ items: TDirectoryUser[] }>('/users', { query: { active: 'true' }, signal }),
    enabled,
    staleTime: 60_000,
  });

export const departmentsQuery = (enabled: boolean) =>
  queryOptions({
    queryKey: ['directory', 'departments'],
    queryFn: ({ signal }) => api<{ items: TDepartment[] }>('/departments', { signal }),
    enabled,
    staleTime: 60_000,
  });

function useMeasureWrite<V>(fn: (v: V) => Promise<TMeasureDetail>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: (m) => {
      qc.setQueryData(measureKeys.detail(m.id), m);
      void qc.invalidateQueries({ queryKey: ['measures', 'list'] });
      void qc.invalidateQueries({ queryKey: measureKeys.effect(m.id) });
    },
  });
}

export const useCreateMeasure = () =>
  useMeasureWrite((body: TMeasureCreate) =>
    api<TMeasureDetail>('/improvement-measures', { method: 'POST', body }),
  );

export const useUpdateMeasure = (id: string) =>
  useMeasureWrite((body: TMeasureUpdate) =>
    api<TMeasureDetail>(`/improvement-measures/${id}`, { method: 'PATCH', body }),
  );

export type MeasureStep = 'approve' | 'reject' | 'start' | 'complete' | 'evaluate';

export const useMeasureStep = (id: string) =>
  useMeasureWrite(({ step, version, comment }: { step: MeasureStep; version: number; comment?: string }) =>
    api<TMeasureDetail>(`/improvement-measures/${id}/${step}`, {
      method: 'POST',
      body: comment ? { version, comment } : { version },
    }),
  );

export const useMilestoneProgress = (id: string) =>
  useMeasureWrite(
    ({ milestoneId, version, progress }: { milestoneId: string; version: number; progress: number }) =>
      api<TMeasureDetail>(`/improvement-measures/${id}/milestones/${milestoneId}`, {
        method: 'PATCH',
        body: { version, progress },
      }),
  );

import type {
  TTrainingAttendanceWrite,
  TTrainingPlan,
  TTrainingPlanCreate,
  TTrainingPlanList,
  TTrainingSession,
  TTrainingSessionCreate,
  TTrainingSessionList,
} from '@huifang/contracts';
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api';

export const trainingKeys = { all: ['training'] as const };

/** The training plans (docs/api.md#training). */
export const plansQuery = queryOptions({
  queryKey: ['training', 'plans'],
  queryFn: ({ signal }) => api<TTrainingPlanList>('/training-plans', { signal }),
});

/** Sessions with attendance, and the retraining assignments (a caller: their own). */
export const sessionsQuery = queryOptions({
  queryKey: ['training', 'sessions'],
  queryFn: ({ signal }) => api<TTrainingSessionList>('/training-sessions', { signal }),
});

function useTrainingWrite<V, R>(fn: (v: V) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => void qc.invalidateQueries({ queryKey: trainingKeys.all }),
  });
}

export const useCreatePlan = () =>
  useTrainingWrite((body: TTrainingPlanCreate) =>
    api<TTrainingPlan>('/training-plans', { method: 'POST', body }),
  );

export const useCreateSession = () =>
  useTrainingWrite((body: TTrainingSessionCreate) =>
    api<TTrainingSession>('/training-sessions', { method: 'POST', body }),
  );

export const useAttendance = (sessionId: string) =>
  useTrainingWrite((body: TTrainingAttendanceWrite) =>
    api<TTrainingSession>(`/training-sessions/${sessionId}/attendance`, { method: 'POST', body }),
  );

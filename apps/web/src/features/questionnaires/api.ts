import type {
  TQuestionnaire,
  TQuestionnaireCreate,
  TQuestionnaireList,
  TQuestionnaireUpdate,
} from '@huifang/contracts';
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api';

export const questionnaireKeys = {
  all: ['questionnaires'] as const,
  list: (active?: boolean) => ['questionnaires', 'list', active ?? 'all'] as const,
  detail: (id: string) => ['questionnaires', 'detail', id] as const,
};

export const questionnaireListQuery = (active?: boolean) =>
  queryOptions({
    queryKey: questionnaireKeys.list(active),
    queryFn: ({ signal }) =>
      api<TQuestionnaireList>('/questionnaires', {
        query: { active: active === undefined ? undefined : String(active) },
        signal,
      }),
  });

export const questionnaireQuery = (id: string) =>
  queryOptions({
    queryKey: questionnaireKeys.detail(id),
    queryFn: ({ signal }) => api<TQuestionnaire>(`/questionnaires/${id}`, { signal }),
  });

export function useCreateQuestionnaire() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: TQuestionnaireCreate) =>
      api<TQuestionnaire>('/questionnaires', { method: 'POST', body }),
    onSuccess: (q) => {
      qc.setQueryData(questionnaireKeys.detail(q.id), q);
      void qc.invalidateQueries({ queryKey: questionnaireKeys.all });
    },
  });
}

export function useUpdateQuestionnaire(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: TQuestionnaireUpdate) =>
      api<TQuestionnaire>(`/questionnaires/${id}`, { method: 'PATCH', body }),
    onSuccess: (q) => {
      qc.setQueryData(questionnaireKeys.detail(q.id), q);
      void qc.invalidateQueries({ queryKey: questionnaireKeys.all });
    },
  });
}

import type { TChurnMeeting, TChurnMeetingWrite, TChurnWeekly } from '@huifang/contracts';
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { api, buildQuery } from '../../lib/api';

export const churnWeeklyQuery = (week: string) =>
  queryOptions({
    queryKey: ['churn', 'weekly', week],
    queryFn: ({ signal }) => api<TChurnWeekly>('/churn/weekly', { query: { week }, signal }),
  });

export const weeklyExportUrl = (week: string, lang: string) =>
  `/api/churn/weekly/export${buildQuery({ week, lang: lang === 'en' ? 'en' : 'zh-CN' })}`;

/** The week's minutes; the week is read again afterwards (a stale version shows the latest). */
export function useWriteMeeting(week: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: TChurnMeetingWrite) =>
      api<TChurnMeeting>(`/churn/meetings/${week}`, { method: 'PUT', body }),
    onSettled: () => void qc.invalidateQueries({ queryKey: ['churn', 'weekly', week] }),
  });
}

export function usePickDeepDive(week: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { caseId: string; picked: boolean; version: number }) =>
      api('/churn/weekly/deep-dive', { method: 'POST', body: { ...body, week } }),
    onSettled: () => void qc.invalidateQueries({ queryKey: ['churn', 'weekly', week] }),
  });
}

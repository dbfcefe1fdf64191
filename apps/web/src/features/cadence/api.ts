import type { TCadenceDefinition, TCadenceRule, TContactPolicy } from '@huifang/contracts';
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api';

export const cadenceRulesQuery = queryOptions({
  queryKey: ['cadence-rules'],
  queryFn: ({ signal }) => api<{ items: TCadenceRule[] }>('/cadence-rules', { signal }),
});

type Step =
  | { action: 'create'; definition: TCadenceDefinition }
  | { action: 'edit'; id: string; version: number; definition: TCadenceDefinition }
  | { action: 'submit' | 'approve'; id: string; version: number }
  | { action: 'reject'; id: string; version: number; comment: string };

/** Every change of a rule; the list is read again afterwards (a stale version shows the latest). */
export function useCadenceStep() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (s: Step) => {
      if (s.action === 'create')
        return api<TCadenceRule>('/cadence-rules', { method: 'POST', body: { definition: s.definition } });
      if (s.action === 'edit')
        return api<TCadenceRule>(`/cadence-rules/${s.id}`, {
          method: 'PATCH',
          body: { version: s.version, definition: s.definition },
        });
      const { action, id, ...body } = s;
      return api<TCadenceRule>(`/cadence-rules/${id}/${action}`, { method: 'POST', body });
    },
    onSettled: () => void qc.invalidateQueries({ queryKey: cadenceRulesQuery.queryKey }),
  });
}

/** The contact policy (docs/rules.md#r-cad-6-contact-policy): the rules page edits it, the workbench shows the quiet hours. */
export const contactPolicyQuery = queryOptions({
  queryKey: ['contact-policy'],
  queryFn: ({ signal }) => api<TContactPolicy>('/contact-policy', { signal }),
  staleTime: 5 * 60_000,
});

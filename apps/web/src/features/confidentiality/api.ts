import type {
  TAgreement,
  TAgreementCreate,
  TAgreementList,
  TAgreementSignatures,
  THandoverCreate,
  THandoverPreview,
  TRevealPolicy,
  TRevealPolicySetting,
  TRevealRequest,
  TSignature,
} from '@huifang/contracts';
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api';

// Confidentiality (docs/api.md#confidentiality): the agreement to sign, the reveal policy, reveal
// requests and hand-overs.

export const agreementsQuery = queryOptions({
  queryKey: ['agreements'],
  queryFn: ({ signal }) => api<TAgreementList>('/agreements', { signal }),
});

export const signaturesQuery = (id: string) =>
  queryOptions({
    queryKey: ['agreements', id, 'signatures'],
    queryFn: ({ signal }) => api<TAgreementSignatures>(`/agreements/${id}/signatures`, { signal }),
  });

/**
 * Signing changes what every detail shows: everything is read again, without waiting, so the
 * caller's own onSuccess (retrying a reveal) runs before the prompt that holds it goes away.
 */
export function useSignAgreement() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<TSignature>(`/agreements/${id}/sign`, { method: 'POST' }),
    onSuccess: () => {
      void qc.invalidateQueries();
    },
  });
}

export function usePublishAgreement() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: TAgreementCreate) => api<TAgreement>('/agreements', { method: 'POST', body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['agreements'] }),
  });
}

export const revealPolicyQuery = queryOptions({
  queryKey: ['confidentiality', 'policy'],
  queryFn: ({ signal }) => api<TRevealPolicySetting>('/confidentiality/policy', { signal }),
});

export function useSetRevealPolicy() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { revealPolicy: TRevealPolicy; version: number }) =>
      api<TRevealPolicySetting>('/confidentiality/policy', { method: 'PUT', body }),
    onSettled: () => qc.invalidateQueries({ queryKey: ['confidentiality'] }),
  });
}

export const revealRequestsQuery = queryOptions({
  queryKey: ['reveal-requests'],
  queryFn: ({ signal }) => api<{ items: TRevealRequest[] }>('/reveal-requests', { signal }),
});

export function useCreateRevealRequest() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { customerId: string; reason: string }) =>
      api<TRevealRequest>('/reveal-requests', { method: 'POST', body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['reveal-requests'] }),
  });
}

export function useDecideRevealRequest() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, decision, note }: { id: string; decision: 'APPROVED' | 'REFUSED'; note?: string }) =>
      api<TRevealRequest>(`/reveal-requests/${id}/decide`, { method: 'POST', body: { decision, note } }),
    onSettled: () => qc.invalidateQueries({ queryKey: ['reveal-requests'] }),
  });
}

export const handoverQuery = (userId: string) =>
  queryOptions({
    queryKey: ['handovers', userId],
    queryFn: ({ signal }) => api<THandoverPreview>(`/handovers/${userId}`, { signal }),
    enabled: !!userId,
  });

export function useHandover(userId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: THandoverCreate) =>
      api<THandoverPreview>(`/handovers/${userId}`, { method: 'POST', body }),
    onSuccess: (data) => {
      qc.setQueryData(['handovers', userId], data);
      void qc.invalidateQueries({ queryKey: ['users'] });
    },
  });
}

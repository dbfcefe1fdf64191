import type {
  TEnquiry,
  TEnquiryClose,
  TEnquiryConvert,
  TEnquiryCreate,
  TEnquiryDetail,
  TEnquiryFollowUpCreate,
  TEnquiryFunnel,
  TEnquiryFunnelQuery,
  TEnquiryListQuery,
  TEnquiryReason,
  TPage,
} from '@huifang/contracts';
import { keepPreviousData, queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api';

export type EnquiryQuery = Omit<TEnquiryListQuery, 'page' | 'size'> & { page: number; size: number };

export const enquiryKeys = {
  all: ['enquiries'] as const,
  list: (q: EnquiryQuery) => ['enquiries', 'list', q] as const,
  detail: (id: string) => ['enquiries', 'detail', id] as const,
  funnel: (q: TEnquiryFunnelQuery) => ['enquiries', 'funnel', q] as const,
};

export const enquiriesQuery = (q: EnquiryQuery) =>
  queryOptions({
    queryKey: enquiryKeys.list(q),
    queryFn: ({ signal }) => api<TPage<TEnquiry>>('/enquiries', { query: { ...q }, signal }),
    placeholderData: keepPreviousData,
  });

export const enquiryQuery = (id: string) =>
  queryOptions({
    queryKey: enquiryKeys.detail(id),
    queryFn: ({ signal }) => api<TEnquiryDetail>(`/enquiries/${id}`, { signal }),
  });

export const funnelQuery = (q: TEnquiryFunnelQuery) =>
  queryOptions({
    queryKey: enquiryKeys.funnel(q),
    queryFn: ({ signal }) => api<TEnquiryFunnel>('/enquiries/funnel', { query: { ...q }, signal }),
    placeholderData: keepPreviousData,
  });

export const reasonsQuery = queryOptions({
  queryKey: ['enquiries', 'reasons'],
  queryFn: ({ signal }) => api<TEnquiryReason[]>('/enquiries/reasons', { signal }),
  staleTime: 5 * 60_000,
});

export function useCreateEnquiry() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: TEnquiryCreate) => api<TEnquiryDetail>('/enquiries', { method: 'POST', body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: enquiryKeys.all }),
  });
}

/** The actions on one enquiry: a follow-up, conversion, closing. */
export function useEnquiryAction(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (
      a:
        | { kind: 'follow-up'; body: TEnquiryFollowUpCreate }
        | { kind: 'convert'; body: TEnquiryConvert }
        | { kind: 'close'; body: TEnquiryClose },
    ) =>
      api<TEnquiryDetail>(`/enquiries/${id}/${a.kind === 'follow-up' ? 'follow-ups' : a.kind}`, {
        method: 'POST',
        body: a.body,
      }),
    onSuccess: (d) => {
      qc.setQueryData(enquiryKeys.detail(id), d);
      return qc.invalidateQueries({ queryKey: enquiryKeys.all });
    },
  });
}

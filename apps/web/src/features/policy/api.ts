import type { TPolicy, TPolicyPatch, TTicketRoutes, TTicketRoutesPut } from '@huifang/contracts';
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api';

export const policyQuery = queryOptions({
  queryKey: ['policy'],
  queryFn: ({ signal }) => api<TPolicy>('/policy', { signal }),
});

export const routesQuery = queryOptions({
  queryKey: ['policy', 'ticket-routes'],
  queryFn: ({ signal }) => api<TTicketRoutes>('/ticket-routes', { signal }),
});

export function useSavePolicy() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: TPolicyPatch) => api<TPolicy>('/policy', { method: 'PATCH', body }),
    onSuccess: (data) => qc.setQueryData(policyQuery.queryKey, data),
  });
}

export function useSaveRoutes() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: TTicketRoutesPut) => api<TTicketRoutes>('/ticket-routes', { method: 'PUT', body }),
    onSuccess: (data) => qc.setQueryData(routesQuery.queryKey, data),
  });
}

import type {
  TInspectionDetail,
  TPage,
  TTicketCreate,
  TTicketDetail,
  TTicketListQuery,
  TTicketReroute,
  TTicketRoutes,
  TTicketSummary,
  TVisitDetail,
  TVisitSummary,
} from '@huifang/contracts';
import { keepPreviousData, queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api';

export type TicketQuery = Partial<Omit<TTicketListQuery, 'page' | 'size'>> & { page: number; size: number };

export const ticketKeys = {
  all: ['tickets'] as const,
  list: (q: TicketQuery) => ['tickets', 'list', q] as const,
  detail: (id: string) => ['tickets', 'detail', id] as const,
};

/** The lists refresh every minute: the SLA countdowns move with the clock. */
export const ticketsQuery = (q: TicketQuery) =>
  queryOptions({
    queryKey: ticketKeys.list(q),
    queryFn: ({ signal }) => api<TPage<TTicketSummary>>('/tickets', { query: { ...q }, signal }),
    placeholderData: keepPreviousData,
    refetchInterval: 60_000,
  });

export const ticketQuery = (id: string) =>
  queryOptions({
    queryKey: ticketKeys.detail(id),
    queryFn: ({ signal }) => api<TTicketDetail>(`/tickets/${id}`, { signal }),
    refetchInterval: 60_000,
  });

export const ticketRoutesQuery = queryOptions({
  queryKey: ['policy', 'ticket-routes'],
  queryFn: ({ signal }) => api<TTicketRoutes>('/ticket-routes', { signal }),
});

/** Completed records with the customer's words: what a ticket is raised from. */
export const sourceVisitsQuery = queryOptions({
  queryKey: ['visits', 'list', 'ticket-sources'],
  queryFn: ({ signal }) =>
    api<TPage<TVisitSummary>>('/visits', { query: { outcome: 'COMPLETED', page: 1, size: 100 }, signal }),
});

export const visitQuery = (id: string) =>
  queryOptions({
    queryKey: ['visits', 'detail', id],
    queryFn: ({ signal }) => api<TVisitDetail>(`/visits/${id}`, { signal }),
  });

/** The inspection a ticket is raised from (`?inspectionId=`): its record, customer, caller and verdict. */
export const inspectionQuery = (id: string) =>
  queryOptions({
    queryKey: ['supervision', 'inspection', id],
    queryFn: ({ signal }) => api<TInspectionDetail>(`/inspections/${id}`, { signal }),
  });

export function useCreateTicket() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: TTicketCreate) => api<TTicketDetail>('/tickets', { method: 'POST', body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ticketKeys.all }),
  });
}

export type TicketAction = 'start' | 'respond' | 'verify' | 'reopen' | 'close' | 'route';
export type TicketActionBody =
  | Record<string, never>
  | { action: string; rootCause: string; conductConfirmed?: boolean }
  | { satisfied: true; note?: string }
  | { reason: string }
  | { note: string }
  | TTicketReroute;

export function useTicketAction(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ action, body }: { action: TicketAction; body: TicketActionBody & { version?: number } }) =>
      api<TTicketDetail>(`/tickets/${id}/${action}`, { method: 'POST', body }),
    onSuccess: (data) => {
      qc.setQueryData(ticketKeys.detail(id), data);
      return qc.invalidateQueries({ queryKey: ticketKeys.all });
    },
  });
}

import type {
  TAbuseFlag,
  TAbuseReport,
  TAbuseReportCreate,
  TAbuseReportDecide,
  TAbuseReportList,
} from '@huifang/contracts';
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';

import { api } from '../../lib/api';

export const abuseKeys = {
  all: ['abuse'] as const,
  flag: (customerId: string) => ['abuse', 'flag', customerId] as const,
  list: (queue: boolean) => ['abuse', 'list', queue] as const,
};

/** Is the customer flagged for abusing staff (docs/api.md#abuse-reports)? */
export const abuseFlagQuery = (customerId: string) =>
  queryOptions({
    queryKey: abuseKeys.flag(customerId),
    queryFn: ({ signal }) => api<TAbuseFlag>(`/customers/${customerId}/abuse-flag`, { signal }),
  });

/** The reports the viewer sees; `queue`: the pending ones they may decide. */
export const abuseReportsQuery = (queue: boolean) =>
  queryOptions({
    queryKey: abuseKeys.list(queue),
    queryFn: ({ signal }) =>
      api<TAbuseReportList>('/abuse-reports', { query: { queue: queue ? 'true' : undefined }, signal }),
  });

/** Every write refreshes the reports, the flags, the task queues and the notifications. */
function useInvalidate() {
  const qc = useQueryClient();
  return () =>
    Promise.all([
      qc.invalidateQueries({ queryKey: abuseKeys.all }),
      qc.invalidateQueries({ queryKey: ['tasks'] }),
      qc.invalidateQueries({ queryKey: ['notifications'] }),
    ]);
}

export function useReportAbuse() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (body: TAbuseReportCreate) => api<TAbuseReport>('/abuse-reports', { method: 'POST', body }),
    onSuccess: () => invalidate(),
  });
}

export function useDecideAbuse() {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: ({ id, ...body }: TAbuseReportDecide & { id: string }) =>
      api<TAbuseReport>(`/abuse-reports/${id}/decide`, { method: 'POST', body }),
    onSuccess: () => invalidate(),
  });
}

export function useLiftFlag(customerId: string) {
  const invalidate = useInvalidate();
  return useMutation({
    mutationFn: (comment: string) =>
      api<TAbuseFlag>(`/customers/${customerId}/abuse-flag/lift`, { method: 'POST', body: { comment } }),
    onSuccess: () => invalidate(),
  });
}

import type {
  TApiKey,
  TApiKeyCreate,
  TApiKeyCreated,
  TAuditEntry,
  TDepartment,
  TDirectoryUser,
  TPage,
  TStatementStats,
  TTeam,
  TUserCreate,
  TUserUpdate,
} from '@huifang/contracts';
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api';

export const usersQuery = (filter: { role?: string; teamId?: string } = {}) =>
  queryOptions({
    queryKey: ['users', filter],
    queryFn: () => api<{ items: TDirectoryUser[] }>('/users', { query: filter }),
  });
export const teamsQuery = queryOptions({
  queryKey: ['teams'],
  queryFn: () => api<{ items: TTeam[] }>('/teams'),
});
export const departmentsQuery = queryOptions({
  queryKey: ['departments'],
  queryFn: () => api<{ items: TDepartment[] }>('/departments'),
});
export const auditQuery = (q: { page: number; size: number; entity?: string; action?: string }) =>
  queryOptions({
    queryKey: ['audit-log', q],
    queryFn: () => api<TPage<TAuditEntry>>('/audit-log', { query: q }),
  });

export function useSaveUser() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id?: string; body: TUserCreate | TUserUpdate }) =>
      id
        ? api<TDirectoryUser>(`/users/${id}`, { method: 'PATCH', body })
        : api<TDirectoryUser>('/users', { method: 'POST', body }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['users'] });
      void qc.invalidateQueries({ queryKey: ['teams'] });
    },
  });
}

export function useSaveTeam() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({
      id,
      body,
    }: {
      id?: string;
      body: { name?: string; departmentId?: string; leaderId?: string | null };
    }) =>
      id
        ? api<TTeam>(`/teams/${id}`, { method: 'PATCH', body })
        : api<TTeam>('/teams', { method: 'POST', body }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['teams'] }),
  });
}

export const statementsQuery = queryOptions({
  queryKey: ['database', 'statements'],
  queryFn: ({ signal }) => api<TStatementStats>('/database/statements', { signal }),
});

export const apiKeysQuery = queryOptions({
  queryKey: ['api-keys'],
  queryFn: ({ signal }) => api<{ items: TApiKey[] }>('/api-keys', { signal }),
});

export function useCreateApiKey() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: TApiKeyCreate) => api<TApiKeyCreated>('/api-keys', { method: 'POST', body }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: apiKeysQuery.queryKey }),
  });
}

export function useRevokeApiKey() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<TApiKey>(`/api-keys/${id}/revoke`, { method: 'POST' }),
    onSettled: () => void qc.invalidateQueries({ queryKey: apiKeysQuery.queryKey }),
  });
}

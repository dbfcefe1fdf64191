import type {
  TBoard,
  TBulkReassign,
  TBulkReassigned,
  TDirectoryUser,
  TPage,
  TTaskAssignmentEntry,
  TTaskBucket,
  TTaskListItem,
  TTaskReassign,
  TTaskReassigned,
  TTaskStatus,
  TTeam,
} from '@huifang/contracts';
import { TASK_BUCKETS } from '@huifang/contracts/values';
import { keepPreviousData, queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api';

/** A row of GET /api/tasks (the tasks module's list) as the board shows it. */
export type BoardTask = TTaskListItem;
export { TASK_BUCKETS };
export type TaskBucket = TTaskBucket;

export interface BoardTaskQuery {
  teamId: string;
  month: string;
  assignee?: string;
  status?: TTaskStatus;
  bucket?: TaskBucket;
  page: number;
  size: number;
}

export const boardKeys = {
  board: (month: string, teamId: string | undefined) => ['board', month, teamId ?? 'own'] as const,
  tasks: (q: BoardTaskQuery) => ['tasks', 'list', q] as const,
  assignments: (taskId: string) => ['tasks', 'assignments', taskId] as const,
};

export const boardQuery = (month: string, teamId: string | undefined) =>
  queryOptions({
    queryKey: boardKeys.board(month, teamId),
    queryFn: ({ signal }) => api<TBoard>('/tasks/board', { query: { month, teamId }, signal }),
    placeholderData: keepPreviousData,
  });

export const boardTasksQuery = (q: BoardTaskQuery) =>
  queryOptions({
    queryKey: boardKeys.tasks(q),
    queryFn: ({ signal }) => api<TPage<BoardTask>>('/tasks', { query: { ...q }, signal }),
    placeholderData: keepPreviousData,
  });

export const assignmentsQuery = (taskId: string) =>
  queryOptions({
    queryKey: boardKeys.assignments(taskId),
    queryFn: ({ signal }) =>
      api<{ items: TTaskAssignmentEntry[] }>(`/tasks/${taskId}/assignments`, { signal }),
  });

export const teamCallersQuery = (teamId: string | undefined) =>
  queryOptions({
    queryKey: ['directory', 'users', { role: 'CALLER', teamId, active: 'true' }],
    queryFn: ({ signal }) =>
      api<{ items: TDirectoryUser[] }>('/users', {
        query: { role: 'CALLER', teamId, active: 'true' },
        signal,
      }),
    enabled: !!teamId,
    staleTime: 60_000,
  });

export const teamsQuery = queryOptions({
  queryKey: ['directory', 'teams'],
  queryFn: ({ signal }) => api<{ items: TTeam[] }>('/teams', { signal }),
  staleTime: 5 * 60_000,
});

function useInvalidateTasks() {
  const qc = useQueryClient();
  return () =>
    Promise.all([
      qc.invalidateQueries({ queryKey: ['tasks'] }),
      qc.invalidateQueries({ queryKey: ['board'] }),
    ]);
}

export function useReassignTask() {
  const invalidate = useInvalidateTasks();
  return useMutation({
    mutationFn: ({ taskId, ...body }: TTaskReassign & { taskId: string }) =>
      api<TTaskReassigned>(`/tasks/${taskId}`, { method: 'PATCH', body }),
    onSettled: () => invalidate(),
  });
}

export function useBulkReassign() {
  const invalidate = useInvalidateTasks();
  return useMutation({
    mutationFn: (body: TBulkReassign) => api<TBulkReassigned>('/tasks/reassign', { method: 'POST', body }),
    onSettled: () => invalidate(),
  });
}

import type {
  TPage,
  TTaskBucket,
  TTaskDetail,
  TTaskListItem,
  TTaskSummary,
  TVisitAmendmentCreate,
  TVisitCreate,
  TVisitCreated,
  TVisitDetail,
} from '@huifang/contracts';
import { keepPreviousData, queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { PREFETCHED_STALE_MS } from '../../app/features';
import { api } from '../../lib/api';
import { monthInOrg } from '../../lib/format';

export interface QueueQuery {
  bucket?: TTaskBucket;
  month?: string;
  page: number;
  size: number;
}

// Every key starts with 'tasks' so that one invalidation refreshes the queue, the tiles,
// the task page and the lead's board alike.
export const taskKeys = {
  all: ['tasks'] as const,
  queue: (q: QueueQuery) => ['tasks', 'queue', 'me', q] as const,
  summary: () => ['tasks', 'summary', 'me'] as const,
  detail: (id: string) => ['tasks', 'detail', id] as const,
};

export const queueQuery = (q: QueueQuery) =>
  queryOptions({
    queryKey: taskKeys.queue(q),
    queryFn: ({ signal }) => api<TPage<TTaskListItem>>('/tasks', { query: { assignee: 'me', ...q }, signal }),
    placeholderData: keepPreviousData,
    // fetched early while the workbench's code downloads (tasks/routes.tsx): not again when it mounts
    staleTime: PREFETCHED_STALE_MS,
  });

/** The workbench's tiles, in their order; "today" is the default (no ?bucket in the address). */
export const WORKBENCH_TILES = ['today', 'overdue', 'callback', 'upcoming', 'done'] as const;
export type WorkbenchTile = (typeof WORKBENCH_TILES)[number];
const WORKBENCH_PAGE_SIZE = 20;

/**
 * The queue a workbench address shows (its ?bucket and ?page). The page and its prefetch
 * (routes.tsx) both read it here, so the prefetched answer is the one the page asks for.
 */
export function workbenchQueue(search: URLSearchParams): { tile: WorkbenchTile; query: QueueQuery } {
  const raw = search.get('bucket') ?? '';
  const tile = (WORKBENCH_TILES as readonly string[]).includes(raw) ? (raw as WorkbenchTile) : 'today';
  return {
    tile,
    query: {
      bucket: tile as TTaskBucket,
      // "本月已完成" counts the tasks due this month
      month: tile === 'done' ? monthInOrg() : undefined,
      page: Math.max(1, Number(search.get('page')) || 1),
      size: WORKBENCH_PAGE_SIZE,
    },
  };
}

export const summaryQuery = () =>
  queryOptions({
    queryKey: taskKeys.summary(),
    queryFn: ({ signal }) => api<TTaskSummary>('/tasks/summary', { query: { assignee: 'me' }, signal }),
    staleTime: PREFETCHED_STALE_MS,
  });

export const taskQuery = (id: string) =>
  queryOptions({
    queryKey: taskKeys.detail(id),
    queryFn: ({ signal }) => api<TTaskDetail>(`/tasks/${id}`, { signal }),
    // The page shows unmasked contact data (each read audited): fetch it once per visit.
    staleTime: 30_000,
  });

/** A random key for one form; kept across retries so a resubmission never makes two records. */
export function newIdempotencyKey(): string {
  if (typeof crypto !== 'undefined' && typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

export function useCreateVisit(taskId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ body, key }: { body: TVisitCreate; key: string }) =>
      api<TVisitCreated>(`/tasks/${taskId}/visits`, {
        method: 'POST',
        body,
        headers: { 'Idempotency-Key': key },
      }),
    onSuccess: () => qc.invalidateQueries({ queryKey: taskKeys.all }),
  });
}

export function useAmendVisit(visitId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: TVisitAmendmentCreate) =>
      api<TVisitDetail>(`/visits/${visitId}/amendments`, { method: 'POST', body }),
    onSuccess: () => qc.invalidateQueries({ queryKey: taskKeys.all }),
  });
}

import type {
  TCustomer,
  TCustomerContact,
  TCustomerCreate,
  TCustomerDetail,
  TCustomerEvent,
  TCustomerEventCancel,
  TCustomerEventCreate,
  TCustomerListItem,
  TCustomerListQuery,
  TCustomerPatch,
  TImportJob,
  TPage,
} from '@huifang/contracts';
import { keepPreviousData, queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import { ApiError, api, readAnswer } from '../../lib/api';

export const customerKeys = {
  all: ['customers'] as const,
  list: (q: TCustomerListQuery) => ['customers', 'list', q] as const,
  detail: (id: string) => ['customers', 'detail', id] as const,
};

export const customerListQuery = (q: TCustomerListQuery) =>
  queryOptions({
    queryKey: customerKeys.list(q),
    queryFn: ({ signal }) =>
      api<TPage<TCustomerListItem>>('/customers', {
        query: q as Record<string, string | number | readonly string[] | undefined>,
        signal,
      }),
    placeholderData: keepPreviousData,
  });

export const customerQuery = (id: string) =>
  queryOptions({
    queryKey: customerKeys.detail(id),
    queryFn: ({ signal }) => api<TCustomerDetail>(`/customers/${id}`, { signal }),
  });

export function useCreateCustomer() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: TCustomerCreate) => api<TCustomer>('/customers', { method: 'POST', body }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: customerKeys.all }),
  });
}

export function useUpdateCustomer(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: TCustomerPatch) => api<TCustomerDetail>(`/customers/${id}`, { method: 'PATCH', body }),
    onSuccess: (c) => {
      qc.setQueryData(customerKeys.detail(id), c);
      void qc.invalidateQueries({ queryKey: ['customers', 'list'] });
    },
  });
}

/** Full phone and e-mail; every call is written to the audit log, so it runs only on demand. */
export function useRevealContact(id: string) {
  return useMutation({
    // `reason`: what the REASON reveal policy asks for (docs/rules.md#r-conf-3-reveal-policy)
    mutationFn: (reason?: string) =>
      api<TCustomerContact>(`/customers/${id}/contact`, { query: reason ? { reason } : undefined }),
  });
}

/** Where one kind of import (customers, customer events) uploads, polls and finds its templates. */
export interface ImportEndpoints {
  /** the POST URL, with /api */
  upload: string;
  /** the job's path for `api` (without /api) */
  job: (jobId: string) => string;
  template: (format: 'csv' | 'xlsx') => string;
}

export const CUSTOMER_IMPORT: ImportEndpoints = {
  upload: '/api/customers/import',
  job: (jobId) => `/customers/imports/${jobId}`,
  template: (format) => `/api/customers/import/template?format=${format}`,
};

export const EVENT_IMPORT: ImportEndpoints = {
  upload: '/api/customer-events/import',
  job: (jobId) => `/customer-events/imports/${jobId}`,
  template: (format) => `/api/customer-events/import/template?format=${format}`,
};

export function fetchImportJob(
  endpoints: ImportEndpoints,
  jobId: string,
  signal?: AbortSignal,
): Promise<TImportJob> {
  return api<TImportJob>(endpoints.job(jobId), { signal });
}

/** A v4 UUID, also outside secure contexts (plain http on a LAN address) where randomUUID is missing. */
export function newJobId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = ((b[6] ?? 0) & 0x0f) | 0x40;
  b[8] = ((b[8] ?? 0) & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/**
 * Uploads an import file with XMLHttpRequest, which (unlike fetch) reports upload progress.
 * Resolves with the finished job; rejects with an ApiError in the API's error shape.
 */
export function uploadImport(
  endpoints: ImportEndpoints,
  file: File,
  jobId: string,
  onUploadProgress: (ratio: number) => void,
): { promise: Promise<TImportJob>; abort: () => void } {
  const xhr = new XMLHttpRequest();
  const promise = new Promise<TImportJob>((resolve, reject) => {
    xhr.open('POST', `${endpoints.upload}?jobId=${encodeURIComponent(jobId)}`);
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onUploadProgress(e.loaded / e.total);
    };
    xhr.upload.onload = () => onUploadProgress(1);
    xhr.onload = () => {
      try {
        resolve(readAnswer<TImportJob>(xhr.status, xhr.statusText, xhr.responseText));
      } catch (error) {
        reject(error);
      }
    };
    xhr.onerror = () => reject(new ApiError(0, 'NETWORK', 'network error'));
    xhr.onabort = () => reject(new ApiError(0, 'ABORTED', 'aborted'));
    const form = new FormData();
    form.append('file', file, file.name);
    xhr.send(form);
  });
  return { promise, abort: () => xhr.abort() };
}

export const customerEventKeys = {
  all: ['customer-events'] as const,
  of: (customerId: string) => ['customer-events', customerId] as const,
};

/** A customer's events, cancelled ones included (shown struck through with their reason). */
export const customerEventsQuery = (customerId: string) =>
  queryOptions({
    queryKey: customerEventKeys.of(customerId),
    queryFn: ({ signal }) =>
      api<TPage<TCustomerEvent>>('/customer-events', {
        query: { customerId, includeCancelled: 'true', size: 200 },
        signal,
      }),
  });

export function useRecordCustomerEvent(customerId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: TCustomerEventCreate) =>
      api<TCustomerEvent>('/customer-events', { method: 'POST', body }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: customerEventKeys.of(customerId) });
      // a standing rule may have given the customer a task at once (docs/rules.md#r-cad-4-the-daily-run)
      void qc.invalidateQueries({ queryKey: customerKeys.detail(customerId) });
    },
  });
}

export function useCancelCustomerEvent(customerId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: TCustomerEventCancel & { id: string }) =>
      api<TCustomerEvent>(`/customer-events/${id}/cancel`, { method: 'POST', body }),
    onSettled: () => void qc.invalidateQueries({ queryKey: customerEventKeys.of(customerId) }),
  });
}

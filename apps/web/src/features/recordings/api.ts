import type { TRecording, TRecordingList } from '@huifang/contracts';
import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { ApiError, api, errorKeys, readAnswer } from '../../lib/api';

export const recordingKeys = {
  all: ['recordings'] as const,
  visit: (visitId: string) => ['recordings', visitId] as const,
};

/** A visit record's recordings, with whether the viewer may upload (docs/api.md#recordings). */
export const visitRecordingsQuery = (visitId: string) =>
  queryOptions({
    queryKey: recordingKeys.visit(visitId),
    queryFn: ({ signal }) => api<TRecordingList>('/recordings', { query: { visitId }, signal }),
  });

/**
 * Uploads a recording with XMLHttpRequest, which (unlike fetch) reports upload progress; rejects with
 * an ApiError in the API's error shape.
 */
export function uploadRecording(
  visitId: string,
  file: File,
  onProgress: (ratio: number) => void,
  replaces?: string,
): Promise<TRecording> {
  const xhr = new XMLHttpRequest();
  return new Promise<TRecording>((resolve, reject) => {
    const query = new URLSearchParams({ visitId, ...(replaces ? { replaces } : {}) });
    xhr.open('POST', `/api/recordings?${query}`);
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(e.loaded / e.total);
    };
    xhr.onload = () => {
      try {
        resolve(readAnswer<TRecording>(xhr.status, xhr.statusText, xhr.responseText));
      } catch (error) {
        reject(error);
      }
    };
    xhr.onerror = () => reject(new ApiError(0, 'NETWORK', 'network error'));
    const form = new FormData();
    form.append('file', file, file.name);
    xhr.send(form);
  });
}

export function useUploadRecording(visitId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { file: File; replaces?: string; onProgress: (ratio: number) => void }) =>
      uploadRecording(visitId, v.file, v.onProgress, v.replaces),
    onSuccess: () => qc.invalidateQueries({ queryKey: recordingKeys.visit(visitId) }),
  });
}

export function useDeleteRecording(visitId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api<null>(`/recordings/${id}`, { method: 'DELETE' }),
    onSuccess: () => qc.invalidateQueries({ queryKey: recordingKeys.visit(visitId) }),
  });
}

/** The text of a failed recording request, the size limit named when it is the reason. */
export function recordingErrorText(t: TFunction, error: unknown): string {
  const maxBytes =
    error instanceof ApiError ? (error.details as { maxBytes?: number } | undefined)?.maxBytes : undefined;
  return t(errorKeys(error, 'recordings:error'), { mb: maxBytes ? Math.round(maxBytes / 1048576) : '' });
}

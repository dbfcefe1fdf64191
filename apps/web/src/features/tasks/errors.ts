import type { TFunction } from 'i18next';
import { ApiError } from '../../lib/api';

/** Fields a 422 of the visits API can name in `details.field`, each with its own sentence. */
const SERVER_FIELDS = ['satisfaction', 'callBackAt', 'signature', 'startedAt', 'answers', 'changes'] as const;
type ServerField = (typeof SERVER_FIELDS)[number];

/** The field a failure names (`details.field`), when it is one the screens know. */
export function serverFieldOf(error: unknown): ServerField | undefined {
  if (!(error instanceof ApiError)) return undefined;
  const d = error.details;
  if (!d || typeof d !== 'object' || Array.isArray(d)) return undefined;
  const field = (d as { field?: unknown }).field;
  return (SERVER_FIELDS as readonly unknown[]).includes(field) ? (field as ServerField) : undefined;
}

/**
 * A translated sentence for a failed call of the tasks and visits API, chosen by the error's
 * code and details — never the server's English message.
 */
export function apiErrorText(t: TFunction, error: unknown): string {
  if (!(error instanceof ApiError)) return t('common:error.network');
  const d = error.details;
  switch (error.code) {
    case 'STALE_VERSION':
      return t('common:error.stale');
    case 'UNAUTHENTICATED':
      return t('tasks:apiError.UNAUTHENTICATED');
    case 'FORBIDDEN':
      return t('tasks:apiError.FORBIDDEN');
    case 'NOT_FOUND':
      return t('tasks:apiError.NOT_FOUND');
    case 'CONFLICT':
      return t('tasks:form.closedConflict');
    case 'VALIDATION':
      return t('tasks:apiError.VALIDATION');
    case 'RULE_VIOLATION': {
      if (Array.isArray(d)) return t('tasks:form.fixErrors');
      const field = serverFieldOf(error);
      if (field) return t(`tasks:serverField.${field}`);
      if (d && typeof d === 'object' && 'fields' in d) return t('tasks:apiError.notAmendable');
      if (d && typeof d === 'object' && (d as { reason?: unknown }).reason === 'VISITS_PAUSED')
        return t('tasks:apiError.VISITS_PAUSED');
      return t('tasks:apiError.RULE_VIOLATION');
    }
    case 'RATE_LIMITED':
      return t('tasks:apiError.RATE_LIMITED');
  }
  return t('common:error.generic');
}

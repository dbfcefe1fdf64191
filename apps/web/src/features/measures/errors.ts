import type { TFunction } from 'i18next';
import { ApiError } from '../../lib/api';

/** A translated sentence for a failed measure request. */
export function measureError(t: TFunction, error: unknown): string {
  if (!(error instanceof ApiError)) return t('common:error.network');
  const details = (error.details ?? {}) as { field?: string; status?: string };
  if (error.code === 'STALE_VERSION') return t('common:error.stale');
  if (error.status === 403) return t('common:error.forbidden');
  if (error.status === 409 && details.status)
    return t('measures:error.status', { status: t(`measures:status.${details.status}`) });
  if (error.status === 422 && details.field === 'ownerId') return t('measures:error.owner');
  if (error.status === 422 && details.field === 'comment') return t('measures:error.note');
  return error.message || t('common:error.generic');
}

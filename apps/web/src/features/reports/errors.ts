import type { TFunction } from 'i18next';
import { ApiError } from '../../lib/api';

/** A translated sentence for a failed report request. */
export function reportError(t: TFunction, error: unknown): string {
  if (!(error instanceof ApiError)) return t('common:error.network');
  const details = (error.details ?? {}) as { missing?: string[]; status?: string };
  if (error.code === 'STALE_VERSION') return t('common:error.stale');
  if (error.status === 403) return t('common:error.forbidden');
  if (error.status === 422 && details.missing?.length) {
    return t('reports:error.missing', {
      sections: details.missing.map((s) => t(`reports:section.${s}`)).join('、'),
    });
  }
  if (error.status === 409 && details.status) {
    return t('reports:error.status', { status: t(`reports:status.${details.status}`) });
  }
  if (error.status === 409) return t('reports:error.duplicate');
  if (error.status === 422) return t('reports:error.month');
  return error.message || t('common:error.generic');
}

import type { TFunction } from 'i18next';
import { ApiError } from '../../lib/api';

type Details = Record<string, unknown> | undefined;

/** A translated message for a failed call of the plans API. */
export function planError(t: TFunction, error: unknown): string {
  if (!(error instanceof ApiError)) return t('common:error.network');
  const d = (error.details ?? undefined) as Details;
  if (error.code === 'STALE_VERSION') return t('common:error.stale');
  if (error.status === 403) return t('common:error.forbidden');
  if (error.status === 404) return t('common:error.notFound');
  if (error.status === 409) return t('plans:errors.frozen');
  if (error.status === 422 && d) {
    if (d.itemCount === 0) return t('plans:errors.empty');
    if (typeof d.unassigned === 'number' && d.unassigned > 0)
      return t('plans:errors.unassigned', { count: d.unassigned });
    if (typeof d.inactiveCaller === 'number' && d.inactiveCaller > 0)
      return t('plans:errors.inactiveCaller', { count: d.inactiveCaller });
    if ('windowFrom' in d && 'month' in d) return t('plans:errors.window');
    if ('windowFrom' in d && 'windowTo' in d && !('field' in d)) return t('plans:errors.window');
    if (d.field === 'callerId') return t('plans:errors.callerInvalid');
    if (d.field === 'dueDate') return t('plans:errors.dueDate');
    if (d.field === 'questionnaireId') return t('plans:errors.questionnaire');
    if ('current' in d) return t('plans:errors.pastMonth');
  }
  return t('common:error.generic');
}

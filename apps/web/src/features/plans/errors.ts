import type { TPlanConflict } from '@huifang/contracts';
import type { TFunction } from 'i18next';
import { ApiError } from '../../lib/api';

type Details = Record<string, unknown> | undefined;

const detailsOf = (error: ApiError) => (error.details ?? undefined) as Details;
const conflictOf = (error: ApiError) => detailsOf(error)?.reason as TPlanConflict | undefined;

/**
 * A translated message for a failed call of the plans API, from the error's code and details
 * (never the server's English message); `common:error.generic` when nothing more is known.
 */
export function planError(t: TFunction, error: unknown): string {
  if (!(error instanceof ApiError)) return t('common:error.network');
  const d = detailsOf(error);
  if (error.code === 'STALE_VERSION') return t('common:error.stale');
  if (error.status === 403) return t('common:error.forbidden');
  if (error.status === 404) return t('common:error.notFound');
  if (error.status === 409) {
    if (conflictOf(error) === 'OPEN_TASK') return t('plans:errors.openTaskConflict');
    if (d?.reason === 'TAKEN') return t('plans:errors.proposalTaken');
    return t('plans:errors.frozen');
  }
  if (error.status === 422 && d) {
    if (d.itemCount === 0) return t('plans:errors.empty');
    if (d.reason === 'NOT_PROPOSED') return t('plans:errors.notProposed');
    if (d.reason === 'SAME_CUSTOMER') return t('plans:errors.sameCustomer');
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

/**
 * A failed approval or rejection, for the manager: a status conflict means someone else
 * decided first; an open-task conflict means another plan was approved at that very moment
 * (nothing changed, approving again works); callers who left the team block the approval.
 */
export function decisionError(t: TFunction, error: unknown): string {
  if (!(error instanceof ApiError)) return planError(t, error);
  if (error.status === 409 && conflictOf(error) === 'STATUS') return t('plans:errors.alreadyDecided');
  const d = detailsOf(error);
  if (error.status === 422 && d && Array.isArray(d.callers)) {
    const names = (d.callers as Array<{ name?: string | null }>)
      .map((c) => c.name)
      .filter((n): n is string => !!n);
    const unassigned = typeof d.unassigned === 'number' ? d.unassigned : 0;
    const inactive = typeof d.inactiveCaller === 'number' ? d.inactiveCaller : 0;
    if (inactive > 0)
      return t('plans:errors.approveInactiveCaller', {
        count: inactive,
        names: names.join(t('plans:errors.nameSeparator')) || '--',
      });
    if (unassigned > 0) return t('plans:errors.approveUnassigned', { count: unassigned });
  }
  return planError(t, error);
}

import type { TFunction } from 'i18next';
import { ApiError } from '../../lib/api';

/**
 * A translated sentence for a failed reassignment, chosen by the error's code and details —
 * never the server's English message.
 */
export function reassignErrorText(t: TFunction, error: unknown): string {
  if (!(error instanceof ApiError)) return t('common:error.network');
  const d = (error.details ?? undefined) as { taskIds?: unknown; code?: unknown } | undefined;
  switch (error.code) {
    case 'STALE_VERSION':
      return t('board:error.stale');
    case 'CONFLICT':
      return Array.isArray(d?.taskIds)
        ? t('board:error.closedBulk', { count: d.taskIds.length })
        : t('board:error.closed');
    case 'FORBIDDEN':
      return t('board:error.forbidden');
    case 'NOT_FOUND':
      return t('board:error.notFound');
    case 'RULE_VIOLATION':
      return d?.code === 'SAME_ASSIGNEE' ? t('board:sameAssignee') : t('board:error.invalidAssignee');
    case 'VALIDATION':
      return t('board:error.validation');
    case 'UNAUTHENTICATED':
      return t('board:error.unauthenticated');
  }
  return t('common:error.generic');
}

import type { TFunction } from 'i18next';
import { ApiError, errorKeys } from '../../lib/api';

/** An error of this feature in the interface's language (never the server's English). */
export function errorText(t: TFunction, error: unknown): string {
  if (error instanceof ApiError && error.code === 'RULE_VIOLATION') {
    const d = (error.details ?? {}) as {
      undecided?: unknown;
      pendingAppeals?: unknown;
      appealableUntil?: unknown;
      status?: unknown;
    };
    if (typeof d.undecided === 'number') return t('incentives:sheet.undecided', { count: d.undecided });
    if (typeof d.pendingAppeals === 'number')
      return t('incentives:sheet.appealsWaiting', { count: d.pendingAppeals });
    if ('appealableUntil' in d || 'status' in d) return t('incentives:error.appealWindow');
  }
  return t(errorKeys(error, 'incentives:error'));
}

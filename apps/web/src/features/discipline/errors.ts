import type { TFunction } from 'i18next';
import { errorKeys } from '../../lib/api';

/** An error of this feature in the interface's language (never the server's English). */
export function errorText(t: TFunction, error: unknown): string {
  return t(errorKeys(error, 'discipline:error'));
}

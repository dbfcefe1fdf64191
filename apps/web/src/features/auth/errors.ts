import type { TPasswordWhy, TSetupBody } from '@huifang/contracts';
import { PASSWORD_WHY } from '@huifang/contracts/values';
import { ApiError, fieldIssues } from '../../lib/api';

const SETUP_FIELD_ERROR: Record<keyof TSetupBody, string> = {
  organizationName: 'required',
  name: 'required',
  timezone: 'setup.timezoneInvalid',
  email: 'emailInvalid',
  password: 'passwordShort',
};

/** The set-up form's fields a validation error points at, each with its translation key (in `auth`). */
export function setupFieldErrors(error: unknown): Array<{ name: keyof TSetupBody; key: string }> {
  return fieldIssues(error).flatMap(({ name: [first] }) => {
    const name = String(first);
    return name in SETUP_FIELD_ERROR
      ? [{ name: name as keyof TSetupBody, key: SETUP_FIELD_ERROR[name as keyof TSetupBody] }]
      : [];
  });
}

/**
 * Why the server refused a new password as too easy to guess (422 WEAK_PASSWORD), as the key of
 * its translation in `auth` (`weakPassword.<why>`); null for any other error.
 */
export function weakPasswordKey(error: unknown): string | null {
  if (!(error instanceof ApiError)) return null;
  const d = error.details as { reason?: string; why?: string } | undefined;
  if (d?.reason !== 'WEAK_PASSWORD') return null;
  const why = (PASSWORD_WHY as readonly string[]).includes(d.why ?? '')
    ? (d.why as TPasswordWhy)
    : 'GUESSABLE';
  return `auth:weakPassword.${why}`;
}

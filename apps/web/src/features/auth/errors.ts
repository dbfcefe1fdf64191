import type { TSetupBody } from '@huifang/contracts';
import { fieldIssues } from '../../lib/api';

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

import { fieldIssues } from '../../lib/api';

/** The fields of the customer form; a server-side problem with one of them is shown on it. */
export const CUSTOMER_FORM_FIELDS = [
  'name',
  'phone',
  'email',
  'segment',
  'tier',
  'programme',
  'enrolledAt',
  'completedAt',
  'notes',
  'refusesVisits',
  'preferredChannel',
  'preferredTime',
  'consentNote',
] as const;
export type CustomerFormField = (typeof CUSTOMER_FORM_FIELDS)[number];

const isField = (name: string): name is CustomerFormField =>
  (CUSTOMER_FORM_FIELDS as readonly string[]).includes(name);

/**
 * The form fields a validation error points at, each with translation keys (in `customers`)
 * for `t(keys, { field })`. Both ends of the preferred time window are one range field.
 */
export function customerFieldErrors(error: unknown): Array<{ name: CustomerFormField; keys: string[] }> {
  return fieldIssues(error).flatMap(({ name: [first] }) => {
    const name = String(first).startsWith('preferredTime') ? 'preferredTime' : String(first);
    return isField(name) ? [{ name, keys: [`form.fieldError.${name}`, 'form.invalidField'] }] : [];
  });
}

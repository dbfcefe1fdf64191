import { fieldIssues } from '../../lib/api';

/**
 * The editor's fields a validation error points at (`questions.2.options` → that question's
 * options), each with translation keys (in `questionnaires`) by the innermost named part.
 */
export function questionnaireFieldErrors(
  error: unknown,
): Array<{ name: Array<string | number>; keys: string[] }> {
  return fieldIssues(error).map(({ name }) => {
    const last = [...name].reverse().find((p) => typeof p === 'string') ?? 'other';
    const keys = [`fieldError.${last}`, 'fieldError.other'];
    // a question's id is a hidden field: its problem is shown on the question's text
    return { name: last === 'id' ? [...name.slice(0, -1), 'label'] : name, keys };
  });
}

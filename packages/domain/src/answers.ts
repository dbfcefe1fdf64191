// Questionnaire answers checked against the template (docs/rules.md#r-visit-4-questionnaire-answers). What a record stores
// keeps each question's label and kind, so it stays readable after the template changes.
import type { TAnswer, TQuestion, TStoredAnswer } from '@huifang/contracts';

export const TEXT_ANSWER_MAX = 2000;

export type AnswerErrorCode = 'REQUIRED' | 'INVALID_VALUE' | 'UNKNOWN_QUESTION' | 'DUPLICATE';

export interface AnswerError {
  questionId: string;
  code: AnswerErrorCode;
  message: string;
}

export type AnswerValidation = { ok: true; stored: TStoredAnswer[] } | { ok: false; errors: AnswerError[] };

/** Whether an answer was actually given (an empty or blank text counts as none). */
function isBlank(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

function checkValue(q: TQuestion, value: unknown): { value: TStoredAnswer['value'] } | { message: string } {
  switch (q.kind) {
    case 'SATISFACTION':
      return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 5
        ? { value }
        : { message: 'expected a whole number from 1 to 5' };
    case 'NPS':
      return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 10
        ? { value }
        : { message: 'expected a whole number from 0 to 10' };
    case 'YES_NO':
      return typeof value === 'boolean' ? { value } : { message: 'expected yes or no (true/false)' };
    case 'SINGLE_CHOICE':
      // Without options (a question rebuilt from a stored answer whose options are no longer
      // known, see questionsAnsweredWith) any choice of the stored value's type is accepted.
      if (!q.options) {
        return typeof value === 'string' && value.trim() !== '' && value.length <= TEXT_ANSWER_MAX
          ? { value }
          : { message: 'expected a choice (text)' };
      }
      return typeof value === 'string' && q.options.includes(value)
        ? { value }
        : { message: `expected one of: ${q.options.join(', ')}` };
    case 'TEXT':
      if (typeof value !== 'string') return { message: 'expected text' };
      return value.trim().length <= TEXT_ANSWER_MAX
        ? { value: value.trim() }
        : { message: `at most ${TEXT_ANSWER_MAX} characters` };
  }
}

/**
 * Checks `answers` against `questions`: every required question answered, each value of its
 * question's kind, no unknown or repeated question. On success the answers come back in the
 * questionnaire's order, each with the label and kind it was asked with; blank optional
 * answers are left out.
 */
export function validateAnswers(
  questions: readonly TQuestion[],
  answers: readonly TAnswer[],
): AnswerValidation {
  const errors: AnswerError[] = [];
  const byId = new Map(questions.map((q) => [q.id, q]));
  const given = new Map<string, unknown>();
  for (const a of answers) {
    if (!byId.has(a.questionId)) {
      errors.push({ questionId: a.questionId, code: 'UNKNOWN_QUESTION', message: 'no such question' });
    } else if (given.has(a.questionId)) {
      errors.push({ questionId: a.questionId, code: 'DUPLICATE', message: 'answered more than once' });
    } else {
      given.set(a.questionId, a.value);
    }
  }

  const stored: TStoredAnswer[] = [];
  for (const q of questions) {
    const value = given.get(q.id);
    if (isBlank(value)) {
      if (q.required !== false)
        errors.push({ questionId: q.id, code: 'REQUIRED', message: 'an answer is required' });
      continue;
    }
    const checked = checkValue(q, value);
    if ('message' in checked)
      errors.push({ questionId: q.id, code: 'INVALID_VALUE', message: checked.message });
    else stored.push({ questionId: q.id, label: q.label, kind: q.kind, value: checked.value });
  }
  return errors.length ? { ok: false, errors } : { ok: true, stored };
}

/**
 * The questions a record was answered with, rebuilt from its stored answers (each keeps the
 * question's id, label and kind as asked), for checking an amendment after the template may
 * have changed: a question added to the template later is not asked, one removed from it is
 * still there. A question still in `current` with the same kind keeps its `required` flag and,
 * for SINGLE_CHOICE, its current options (plus the choice stored on the record, which was valid
 * when it was given); otherwise it counts as required (it was answered) and a SINGLE_CHOICE
 * takes any text. A question id given more than once (e.g. the answers as submitted and as
 * they are now) keeps its first label and kind.
 */
export function questionsAnsweredWith(
  stored: readonly TStoredAnswer[],
  current: readonly TQuestion[] = [],
): TQuestion[] {
  const now = new Map(current.map((q) => [q.id, q]));
  const out = new Map<string, TQuestion>();
  for (const a of stored) {
    let q = out.get(a.questionId);
    if (!q) {
      const same = now.get(a.questionId);
      const kept = same && same.kind === a.kind ? same : undefined;
      q = { id: a.questionId, kind: a.kind, label: a.label, required: kept?.required ?? true };
      if (q.kind === 'SINGLE_CHOICE' && kept?.options) q.options = [...kept.options];
      out.set(a.questionId, q);
    }
    if (
      q.kind === 'SINGLE_CHOICE' &&
      q.options &&
      a.kind === 'SINGLE_CHOICE' &&
      typeof a.value === 'string'
    ) {
      if (!q.options.includes(a.value)) q.options.push(a.value);
    }
  }
  return [...out.values()];
}

export interface QuestionnaireItem {
  questionId: string;
  label: string;
  kind: TQuestion['kind'];
  value: TStoredAnswer['value'] | null;
  answered: boolean;
}

/**
 * The whole questionnaire of a visit as the inspector reads it
 * (docs/rules.md#r-insp-5-starting-an-inspection): every question of the template in its order,
 * with the answer the record holds or none, then any answered question the template no longer has
 * (the record keeps the question as it was asked).
 */
export function questionnaireWithAnswers(
  questions: readonly TQuestion[],
  stored: readonly TStoredAnswer[],
): QuestionnaireItem[] {
  const byId = new Map<string, TStoredAnswer>();
  for (const a of stored) if (!byId.has(a.questionId)) byId.set(a.questionId, a);
  const asked = new Set(questions.map((q) => q.id));
  const item = (a: TStoredAnswer | undefined, q: Pick<TQuestion, 'id' | 'label' | 'kind'>) => ({
    questionId: q.id,
    label: a?.label ?? q.label,
    kind: a?.kind ?? q.kind,
    value: a?.value ?? null,
    answered: a !== undefined && a.value !== null && a.value !== '',
  });
  return [
    ...questions.map((q) => item(byId.get(q.id), q)),
    ...[...byId.values()]
      .filter((a) => !asked.has(a.questionId))
      .map((a) => item(a, { id: a.questionId, label: a.label, kind: a.kind })),
  ];
}

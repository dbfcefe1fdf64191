import type { TQuestion, TQuestionKind, TQuestionnaire } from '@huifang/contracts';

// The editor's form values and their conversion to and from the API's shapes.
export interface FormQuestion {
  id: string;
  kind: TQuestionKind;
  label: string;
  required: boolean;
  options?: string[];
}
export interface FormValues {
  name: string;
  purpose: string;
  description?: string | null;
  active: boolean;
  questions: FormQuestion[];
}

export const newQuestionId = () => `q${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

export const blankQuestion = (): FormQuestion => ({
  id: newQuestionId(),
  kind: 'SATISFACTION',
  label: '',
  required: true,
});

export function toForm(q: TQuestionnaire | undefined): FormValues {
  if (!q) return { name: '', purpose: '', description: '', active: true, questions: [blankQuestion()] };
  return {
    name: q.name,
    purpose: q.purpose,
    description: q.description ?? '',
    active: q.active,
    questions: q.questions.map((x) => ({ ...x, required: x.required ?? true })),
  };
}

export function toBody(v: FormValues) {
  return {
    name: v.name.trim(),
    purpose: v.purpose.trim(),
    description: v.description?.trim() ? v.description.trim() : null,
    active: v.active,
    questions: v.questions.map((q): TQuestion => {
      const base = { id: q.id, kind: q.kind, label: q.label.trim(), required: q.required };
      return q.kind === 'SINGLE_CHOICE'
        ? { ...base, options: (q.options ?? []).map((o) => o?.trim() ?? '').filter(Boolean) }
        : base;
    }),
  };
}

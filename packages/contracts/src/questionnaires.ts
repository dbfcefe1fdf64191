import { z } from 'zod';
import { ZVersion } from './numbers.ts';
import { QUESTION_KINDS } from './values.ts';

export const ZQuestionKind = z.enum(QUESTION_KINDS);
export type TQuestionKind = z.infer<typeof ZQuestionKind>;

export const ZQuestion = z
  .object({
    id: z
      .string()
      .min(1)
      .max(40)
      .regex(/^[a-z0-9_-]+$/i, 'letters, digits, _ and - only'),
    kind: ZQuestionKind,
    label: z.string().trim().min(1).max(200),
    required: z.boolean().default(true),
    /** choices of a SINGLE_CHOICE question */
    options: z.array(z.string().trim().min(1).max(100)).max(20).optional(),
  })
  .superRefine((q, ctx) => {
    if (q.kind === 'SINGLE_CHOICE' && (!q.options || q.options.length < 2)) {
      ctx.addIssue({
        code: 'custom',
        path: ['options'],
        message: 'a single-choice question needs at least two options',
      });
    }
  });
export type TQuestion = z.infer<typeof ZQuestion>;

export const ZQuestionList = z
  .array(ZQuestion)
  .min(1)
  .max(50)
  .superRefine((qs, ctx) => {
    const seen = new Set<string>();
    qs.forEach((q, i) => {
      if (seen.has(q.id))
        ctx.addIssue({ code: 'custom', path: [i, 'id'], message: `duplicate question id ${q.id}` });
      seen.add(q.id);
    });
  });

export const ZAnswerValue = z.union([z.number(), z.boolean(), z.string().max(2000)]);
export const ZAnswer = z.object({ questionId: z.string(), value: ZAnswerValue });
export type TAnswer = z.infer<typeof ZAnswer>;

/** What a record keeps: the answer with the question as it was asked. */
export const ZStoredAnswer = ZAnswer.extend({ label: z.string(), kind: ZQuestionKind });
export type TStoredAnswer = z.infer<typeof ZStoredAnswer>;

export const ZQuestionnaire = z.object({
  id: z.string(),
  name: z.string(),
  purpose: z.string(),
  description: z.string().nullable(),
  questions: z.array(ZQuestion),
  active: z.boolean(),
  version: ZVersion,
  updatedAt: z.string(),
});
export type TQuestionnaire = z.infer<typeof ZQuestionnaire>;

export const ZQuestionnaireCreate = z.object({
  name: z.string().trim().min(1).max(100),
  purpose: z.string().trim().min(1).max(100),
  description: z.string().trim().max(1000).nullish(),
  questions: ZQuestionList,
  active: z.boolean().default(true),
});
/**
 * A partial edit. `active` has no default here (unlike on create), so a PATCH that leaves it
 * out never re-activates a retired template; `version`, when given, must be the current one.
 */
export const ZQuestionnaireUpdate = ZQuestionnaireCreate.extend({ active: z.boolean() }).partial().extend({
  version: ZVersion.optional(),
});
export type TQuestionnaireCreate = z.input<typeof ZQuestionnaireCreate>;
export type TQuestionnaireUpdate = z.input<typeof ZQuestionnaireUpdate>;

export const ZQuestionnaireListQuery = z.object({ active: z.enum(['true', 'false']).optional() });
export const ZQuestionnaireList = z.object({ items: z.array(ZQuestionnaire) });
export type TQuestionnaireList = z.infer<typeof ZQuestionnaireList>;

// Contracts of the customer's own survey link (线上评价, docs/rules.md#r-srv-1-survey-links): sent
// from a task by e-mail or SMS, answered on a public page with no login.
import { z } from 'zod';
import { ZAnswer, ZQuestion } from './questionnaires.ts';

export const SURVEY_LINK_CHANNELS = ['SMS', 'EMAIL'] as const;
export const ZSurveyLinkChannel = z.enum(SURVEY_LINK_CHANNELS);

export const ZSurveyLinkCreate = z.strictObject({ channel: ZSurveyLinkChannel });
export type TSurveyLinkCreate = z.infer<typeof ZSurveyLinkCreate>;

export const ZSurveyLink = z.object({
  id: z.string(),
  channel: ZSurveyLinkChannel,
  /** masked: the sender sees no more of the address than the task shows */
  sentTo: z.string(),
  state: z.enum(['SENT', 'OPENED', 'ANSWERED', 'EXPIRED', 'CANCELLED']),
  /** whether the message went (SENT), was only captured (no provider configured) or failed */
  delivery: z.enum(['SENT', 'CAPTURED', 'FAILED']).nullable(),
  sentBy: z.object({ id: z.string(), name: z.string() }).nullable(),
  sentAt: z.string(),
  expiresAt: z.string(),
  openedAt: z.string().nullable(),
  answeredAt: z.string().nullable(),
  reminders: z.number().int(),
  visitRecordId: z.string().nullable(),
});
export type TSurveyLink = z.infer<typeof ZSurveyLink>;
export const ZSurveyLinkList = z.object({ items: z.array(ZSurveyLink) });

/** The answer to sending: the link, and its address this once (to copy into another channel). */
export const ZSurveyLinkCreated = z.object({ link: ZSurveyLink, url: z.string() });
export type TSurveyLinkCreated = z.infer<typeof ZSurveyLinkCreated>;

/** GET /public/surveys/{token}: the form, with nothing of the customer. */
export const ZPublicSurvey = z.object({
  organization: z.string(),
  purpose: z.string(),
  language: z.enum(['zh-CN', 'en']),
  expiresAt: z.string(),
  questions: z.array(ZQuestion),
});
export type TPublicSurvey = z.infer<typeof ZPublicSurvey>;

/** POST /public/surveys/{token}: the answers, checked as the caller's form is. */
export const ZPublicSurveyAnswers = z.strictObject({
  satisfaction: z.number().int().min(1).max(5),
  answers: z.array(ZAnswer).max(100).default([]),
  opinions: z.string().trim().max(2000).nullish(),
  suggestions: z.string().trim().max(2000).nullish(),
});
export type TPublicSurveyAnswers = z.input<typeof ZPublicSurveyAnswers>;

/** An e-mail or SMS the app sent or captured (docs/product.md#messages), for administrators. */
export const ZOutboundMessage = z.object({
  id: z.string(),
  channel: ZSurveyLinkChannel,
  to: z.string(),
  subject: z.string().nullable(),
  body: z.string(),
  provider: z.string(),
  status: z.enum(['SENT', 'CAPTURED', 'FAILED']),
  error: z.string().nullable(),
  createdAt: z.string(),
});
export type TOutboundMessage = z.infer<typeof ZOutboundMessage>;

// The customer's own survey link (线上评价, docs/rules.md#r-srv-1-survey-links): how long it lasts,
// when it is reminded, and what state it is in at an instant. Pure: instants are handed in.
import { inQuietHours } from './contact-policy.ts';

export const SURVEY_LINK_RULES = {
  /** a link can be answered for this long after it is sent */
  validHours: 72,
  /** an unanswered link is reminded once this long after it was sent */
  remindAfterHours: 24,
  maxReminders: 1,
} as const;

export const SURVEY_LINK_STATES = ['SENT', 'OPENED', 'ANSWERED', 'EXPIRED', 'CANCELLED'] as const;
export type SurveyLinkState = (typeof SURVEY_LINK_STATES)[number];

export interface SurveyLinkFacts {
  sentAt: Date;
  expiresAt: Date;
  openedAt: Date | null;
  answeredAt: Date | null;
  cancelledAt: Date | null;
  reminders: number;
}

export const surveyLinkExpiry = (sentAt: Date): Date =>
  new Date(sentAt.getTime() + SURVEY_LINK_RULES.validHours * 3600_000);

/** Answered and cancelled are final; otherwise expired from `expiresAt` on, else opened or sent. */
export function surveyLinkState(l: SurveyLinkFacts, now: Date): SurveyLinkState {
  if (l.answeredAt) return 'ANSWERED';
  if (l.cancelledAt) return 'CANCELLED';
  if (now.getTime() >= l.expiresAt.getTime()) return 'EXPIRED';
  return l.openedAt ? 'OPENED' : 'SENT';
}

/** Whether the link can still be answered at `now`. */
export const surveyLinkOpen = (l: SurveyLinkFacts, now: Date): boolean => {
  const s = surveyLinkState(l, now);
  return s === 'SENT' || s === 'OPENED';
};

/**
 * Whether a reminder is due at `now`: the link is still open, the reminders are not used up, it was
 * sent at least `remindAfterHours` ago, and `time` (the organisation's HH:mm) is outside the quiet
 * hours — a reminder held back by them goes at the first run after they end.
 */
export function surveyReminderDue(
  l: SurveyLinkFacts,
  now: Date,
  quiet: { quietFrom: string | null; quietTo: string | null },
  time: string,
): boolean {
  return (
    surveyLinkOpen(l, now) &&
    l.reminders < SURVEY_LINK_RULES.maxReminders &&
    now.getTime() >= l.sentAt.getTime() + SURVEY_LINK_RULES.remindAfterHours * 3600_000 &&
    !inQuietHours(quiet, time)
  );
}

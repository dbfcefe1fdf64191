import { describe, expect, it } from 'vitest';
import {
  SURVEY_LINK_RULES,
  type SurveyLinkFacts,
  surveyLinkExpiry,
  surveyLinkOpen,
  surveyLinkState,
  surveyReminderDue,
} from './survey-links.ts';

const sentAt = new Date('2026-12-01T02:00:00Z');
const link = (over: Partial<SurveyLinkFacts> = {}): SurveyLinkFacts => ({
  sentAt,
  expiresAt: surveyLinkExpiry(sentAt),
  openedAt: null,
  answeredAt: null,
  cancelledAt: null,
  reminders: 0,
  ...over,
});
const h = (n: number) => new Date(sentAt.getTime() + n * 3600_000);
const noQuiet = { quietFrom: null, quietTo: null };

describe('surveyLinkState', () => {
  it('lasts validHours from sending, the expiry instant itself expired', () => {
    expect(surveyLinkExpiry(sentAt)).toEqual(h(SURVEY_LINK_RULES.validHours));
    expect(surveyLinkState(link(), h(0))).toBe('SENT');
    expect(surveyLinkState(link(), new Date(h(72).getTime() - 1))).toBe('SENT');
    expect(surveyLinkState(link(), h(72))).toBe('EXPIRED');
  });

  it('opened, answered and cancelled', () => {
    expect(surveyLinkState(link({ openedAt: h(1) }), h(2))).toBe('OPENED');
    expect(surveyLinkState(link({ openedAt: h(1), answeredAt: h(2) }), h(100))).toBe('ANSWERED');
    expect(surveyLinkState(link({ cancelledAt: h(1) }), h(2))).toBe('CANCELLED');
    // an answer is final even after expiry, and wins over a later cancellation
    expect(surveyLinkState(link({ answeredAt: h(2), cancelledAt: h(3) }), h(4))).toBe('ANSWERED');
    expect(surveyLinkState(link({ openedAt: h(1) }), h(80))).toBe('EXPIRED');
  });

  it('is open only when sent or opened', () => {
    expect(surveyLinkOpen(link(), h(1))).toBe(true);
    expect(surveyLinkOpen(link({ openedAt: h(1) }), h(2))).toBe(true);
    expect(surveyLinkOpen(link({ answeredAt: h(1) }), h(2))).toBe(false);
    expect(surveyLinkOpen(link(), h(72))).toBe(false);
    expect(surveyLinkOpen(link({ cancelledAt: h(1) }), h(2))).toBe(false);
  });
});

describe('surveyReminderDue', () => {
  it('from remindAfterHours, once, while open', () => {
    expect(surveyReminderDue(link(), h(23.99), noQuiet, '12:00')).toBe(false);
    expect(surveyReminderDue(link(), h(24), noQuiet, '12:00')).toBe(true);
    expect(surveyReminderDue(link({ reminders: 1 }), h(30), noQuiet, '12:00')).toBe(false);
    expect(surveyReminderDue(link({ answeredAt: h(5) }), h(30), noQuiet, '12:00')).toBe(false);
    expect(surveyReminderDue(link(), h(72), noQuiet, '12:00')).toBe(false);
  });

  it('never in the quiet hours', () => {
    const quiet = { quietFrom: '21:00', quietTo: '09:00' };
    expect(surveyReminderDue(link(), h(30), quiet, '22:00')).toBe(false);
    expect(surveyReminderDue(link(), h(30), quiet, '08:59')).toBe(false);
    expect(surveyReminderDue(link(), h(30), quiet, '09:00')).toBe(true);
  });
});

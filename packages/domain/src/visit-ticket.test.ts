import { VISIT_OUTCOMES } from '@huifang/contracts';
import { describe, expect, it } from 'vitest';
import { satisfactionAnswers, ticketOffer } from './visit-ticket.ts';

describe('ticketOffer (R-VISIT-5)', () => {
  it('offers nothing when nobody was reached, whatever the ratings', () => {
    for (const outcome of ['NO_ANSWER', 'WRONG_NUMBER'] as const) {
      expect(ticketOffer(outcome)).toBe('NONE');
      expect(ticketOffer(outcome, [1, 1])).toBe('NONE');
    }
  });

  it('lets the caller raise one after every outcome that reached the customer', () => {
    const reached = VISIT_OUTCOMES.filter((o) => o !== 'NO_ANSWER' && o !== 'WRONG_NUMBER');
    expect(reached).toEqual(['COMPLETED', 'CALL_BACK_LATER', 'DECLINED']);
    for (const outcome of reached) expect(ticketOffer(outcome, [5])).toBe('AVAILABLE');
  });

  it('suggests one when a completed visit is rated low: 3 of 5 or less, overall or in an answer', () => {
    expect(ticketOffer('COMPLETED', [3])).toBe('SUGGESTED');
    expect(ticketOffer('COMPLETED', [1])).toBe('SUGGESTED');
    expect(ticketOffer('COMPLETED', [4])).toBe('AVAILABLE');
    expect(ticketOffer('COMPLETED', [5, 2])).toBe('SUGGESTED');
    expect(ticketOffer('COMPLETED', [5, 4, 4])).toBe('AVAILABLE');
  });

  it('reads unanswered ratings as no evidence, not as low', () => {
    expect(ticketOffer('COMPLETED', [])).toBe('AVAILABLE');
    expect(ticketOffer('COMPLETED', [null, undefined])).toBe('AVAILABLE');
    expect(ticketOffer('COMPLETED', [null, 2])).toBe('SUGGESTED');
  });

  it('does not suggest for outcomes other than a completed visit (they carry no ratings)', () => {
    expect(ticketOffer('DECLINED', [1])).toBe('AVAILABLE');
    expect(ticketOffer('CALL_BACK_LATER', [1])).toBe('AVAILABLE');
  });
});

describe('satisfactionAnswers', () => {
  it('takes the 1–5 satisfaction answers only, unanswered as null', () => {
    expect(
      satisfactionAnswers([
        { kind: 'SATISFACTION', value: 2 },
        { kind: 'NPS', value: 1 },
        { kind: 'YES_NO', value: false },
        { kind: 'SATISFACTION', value: undefined },
        { kind: 'TEXT', value: '3' },
      ]),
    ).toEqual([2, null]);
  });
});

import { TICKET_CATEGORIES } from '@huifang/contracts/values';
import { describe, expect, it } from 'vitest';
import { isEventDayAllowed, ticketClosedEventKind } from './customer-events.ts';

describe('R-EVT-1 customer events', () => {
  it('a closed facility ticket is a finished repair, every other category a closed complaint', () => {
    expect(Object.fromEntries(TICKET_CATEGORIES.map((c) => [c, ticketClosedEventKind(c)]))).toEqual({
      TEACHING: 'COMPLAINT_CLOSED',
      SERVICE: 'COMPLAINT_CLOSED',
      MARKET: 'COMPLAINT_CLOSED',
      FACILITY: 'REPAIR_CLOSED',
      CALLER_CONDUCT: 'COMPLAINT_CLOSED',
      OTHER: 'COMPLAINT_CLOSED',
    });
  });

  it('takes today and any earlier day, never tomorrow, across month and year ends', () => {
    expect(isEventDayAllowed('2026-03-18', '2026-03-18')).toBe(true);
    expect(isEventDayAllowed('2026-03-17', '2026-03-18')).toBe(true);
    expect(isEventDayAllowed('2026-03-19', '2026-03-18')).toBe(false);
    expect(isEventDayAllowed('2026-12-31', '2027-01-01')).toBe(true);
    expect(isEventDayAllowed('2027-01-01', '2026-12-31')).toBe(false);
    expect(isEventDayAllowed('2028-02-29', '2028-02-28')).toBe(false);
    expect(isEventDayAllowed('2028-02-29', '2028-03-01')).toBe(true);
  });
});

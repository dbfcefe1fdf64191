// Customer events (docs/rules.md#r-evt-1-customer-events): which events the app raises itself, and
// which days an event may carry.
import type { TCustomerEventKind, TTicketCategory } from '@huifang/contracts';

/**
 * The event a closed ticket raises for its customer: a facility problem is a repair (维修工程处理完毕),
 * any other a complaint (投诉事情处理完毕). The cadence rules revisit a share of each.
 */
export function ticketClosedEventKind(category: TTicketCategory): TCustomerEventKind {
  return category === 'FACILITY' ? 'REPAIR_CLOSED' : 'COMPLAINT_CLOSED';
}

/** Events are things that happened: their day is at most today (organisation time, `YYYY-MM-DD`). */
export function isEventDayAllowed(day: string, today: string): boolean {
  return day <= today;
}

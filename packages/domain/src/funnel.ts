// The enquiry funnel (docs/rules.md#r-enq-2-the-funnel): per month of the enquiry's day and per
// channel, how many enquiries enrolled, then attended, completed, and renewed or referred someone.
// Seed 004 六.(二)2 counts 培訓報名人數 and 客戶轉化率 among a customer-service team's figures.
import type { ENQUIRY_CHANNELS, FUNNEL_STAGES } from '@huifang/contracts/values';
import { rateBp } from './report-math.ts';
import { addMonths } from './time.ts';

export type FunnelStage = (typeof FUNNEL_STAGES)[number];
export type EnquiryChannel = (typeof ENQUIRY_CHANNELS)[number];

/** The stages in order; a later stage counts in every earlier one. */
export const FUNNEL_STAGE_ORDER: readonly FunnelStage[] = [
  'ENQUIRED',
  'ENROLLED',
  'ATTENDED',
  'COMPLETED',
  'RETAINED',
];

/** The customer-event kinds that show a converted enquiry reached a stage after enrolling. */
export const FUNNEL_EVENT_STAGE: Readonly<Record<string, FunnelStage>> = {
  COURSE_STARTED: 'ATTENDED',
  COURSE_COMPLETED: 'COMPLETED',
  RENEWED: 'RETAINED',
  REFERRAL: 'RETAINED',
};

/** One enquiry as the funnel needs it. */
export interface FunnelEnquiry {
  id: string;
  /** the enquiry's day, YYYY-MM-DD (organisation time): its month is the month it counts in */
  day: string;
  channel: string;
  /** set when converted (ENROLLED) */
  customerId: string | null;
  /** the conversion day (the customer's ENROLLED event), YYYY-MM-DD; null unless converted */
  enrolledDay: string | null;
}

/** A (not cancelled) event of a converted enquiry's customer. */
export interface FunnelEvent {
  customerId: string;
  kind: string;
  day: string;
}

export type FunnelCounts = Record<FunnelStage, number>;
/** Each stage's rate from the stage before, in basis points (1 = 0.01 %); null when the stage before is zero. */
export type FunnelRates = Record<Exclude<FunnelStage, 'ENQUIRED'>, number | null>;

export interface FunnelRow {
  /** YYYY-MM, or null for the whole period */
  month: string | null;
  /** an ENQUIRY_CHANNELS value, or null for every channel */
  channel: string | null;
  counts: FunnelCounts;
  rates: FunnelRates;
}

export interface Funnel {
  from: string;
  to: string;
  /** every month of the period, all channels together (empty months included) */
  months: FunnelRow[];
  /** month × channel, only where the month had enquiries of the channel */
  cells: FunnelRow[];
  /** per channel over the whole period, every channel that had enquiries */
  channels: FunnelRow[];
  total: FunnelRow;
}

/** The months from `from` to `to` (YYYY-MM), both included; empty when `to` is before `from`. */
export function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let m = from; m <= to; m = addMonths(m, 1)) out.push(m);
  return out;
}

const zero = (): FunnelCounts => ({ ENQUIRED: 0, ENROLLED: 0, ATTENDED: 0, COMPLETED: 0, RETAINED: 0 });

function ratesOf(c: FunnelCounts): FunnelRates {
  return {
    ENROLLED: rateBp(c.ENROLLED, c.ENQUIRED),
    ATTENDED: rateBp(c.ATTENDED, c.ENROLLED),
    COMPLETED: rateBp(c.COMPLETED, c.ATTENDED),
    RETAINED: rateBp(c.RETAINED, c.COMPLETED),
  };
}

/**
 * The furthest stage an enquiry reached. A converted enquiry's later stages come from its customer's
 * events on or after its conversion day and before the customer's next enrolment (an ENROLLED event
 * on a later day starts another enrolment, whose events are that one's): a customer converted twice
 * counts once per enquiry, each with its own course.
 */
export function stageReached(e: FunnelEnquiry, eventsOfCustomer: readonly FunnelEvent[]): FunnelStage {
  if (!e.customerId || !e.enrolledDay) return 'ENQUIRED';
  const start = e.enrolledDay;
  let end: string | null = null;
  for (const ev of eventsOfCustomer)
    if (ev.kind === 'ENROLLED' && ev.day > start && (end === null || ev.day < end)) end = ev.day;
  let reached = 1;
  for (const ev of eventsOfCustomer) {
    const stage = FUNNEL_EVENT_STAGE[ev.kind];
    if (!stage || ev.day < start || (end !== null && ev.day >= end)) continue;
    reached = Math.max(reached, FUNNEL_STAGE_ORDER.indexOf(stage));
  }
  return FUNNEL_STAGE_ORDER[reached]!;
}

/**
 * The funnel of the enquiries whose day falls in the months `from`..`to` (YYYY-MM, both included):
 * an enquiry counts in the month of its day even when converted in a later month.
 */
export function buildFunnel(
  from: string,
  to: string,
  enquiries: readonly FunnelEnquiry[],
  events: readonly FunnelEvent[],
): Funnel {
  const byCustomer = new Map<string, FunnelEvent[]>();
  for (const ev of events) {
    const list = byCustomer.get(ev.customerId);
    if (list) list.push(ev);
    else byCustomer.set(ev.customerId, [ev]);
  }
  const months = monthsBetween(from, to);
  const perMonth = new Map(months.map((m) => [m, zero()]));
  const perCell = new Map<string, { month: string; channel: string; counts: FunnelCounts }>();
  const perChannel = new Map<string, FunnelCounts>();
  const total = zero();
  for (const e of enquiries) {
    const month = e.day.slice(0, 7);
    const monthCounts = perMonth.get(month);
    if (!monthCounts) continue;
    const key = `${month}|${e.channel}`;
    let cell = perCell.get(key);
    if (!cell) {
      cell = { month, channel: e.channel, counts: zero() };
      perCell.set(key, cell);
    }
    let channelCounts = perChannel.get(e.channel);
    if (!channelCounts) {
      channelCounts = zero();
      perChannel.set(e.channel, channelCounts);
    }
    const reached = FUNNEL_STAGE_ORDER.indexOf(
      stageReached(e, e.customerId ? (byCustomer.get(e.customerId) ?? []) : []),
    );
    for (let i = 0; i <= reached; i++) {
      const stage = FUNNEL_STAGE_ORDER[i]!;
      monthCounts[stage]++;
      cell.counts[stage]++;
      channelCounts[stage]++;
      total[stage]++;
    }
  }
  const row = (month: string | null, channel: string | null, counts: FunnelCounts): FunnelRow => ({
    month,
    channel,
    counts,
    rates: ratesOf(counts),
  });
  return {
    from,
    to,
    months: months.map((m) => row(m, null, perMonth.get(m)!)),
    cells: [...perCell.values()]
      .sort((a, b) => (a.month === b.month ? a.channel.localeCompare(b.channel) : a.month < b.month ? -1 : 1))
      .map((c) => row(c.month, c.channel, c.counts)),
    channels: [...perChannel.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([channel, counts]) => row(null, channel, counts)),
    total: row(null, null, total),
  };
}

// Contracts of the dashboards (docs/product.md#dashboards): the supervisor's quality dashboard.
import { z } from 'zod';
import { ZMonth, ZTicketStatus } from './enums.ts';
import { ZTicketCategory } from './policy.ts';
import { ZFinding } from './supervision.ts';

export const ZQualityDashboardQuery = z.object({
  /** defaults to the current month in the organisation's timezone */
  month: ZMonth.optional(),
});
export type TQualityDashboardQuery = z.infer<typeof ZQualityDashboardQuery>;

const count = z.number().int().nonnegative();

export const ZInspectorBacklog = z.object({
  inspectorId: z.string(),
  name: z.string(),
  pending: count,
  inProgress: count,
});
export type TInspectorBacklog = z.infer<typeof ZInspectorBacklog>;

/** Inspected = submitted inspections; passed = those counting as passed after appeals (effectivePassed). */
export const ZCallerPassRate = z.object({
  callerId: z.string(),
  name: z.string(),
  inspected: count,
  passed: count,
});
export type TCallerPassRate = z.infer<typeof ZCallerPassRate>;

export const ZMonthPassRate = z.object({ month: ZMonth, inspected: count, passed: count });
export type TMonthPassRate = z.infer<typeof ZMonthPassRate>;

export const ZFindingCount = z.object({ finding: ZFinding, count });
export type TFindingCount = z.infer<typeof ZFindingCount>;

/**
 * The supervisor's quality dashboard. Months are the organisation-time month of the inspected
 * visit record's start. The backlog, appeals and reports waiting are the state right now.
 */
export const ZQualityDashboard = z.object({
  month: ZMonth,
  /** when these figures were computed: they are shared for a minute by everyone who opens the dashboard */
  asOf: z.string(),
  /** the pass rate the visit department aims for: the incentive policy's target for the month, basis points */
  passRateTargetBp: z.number().int(),
  inspectionBacklog: z.object({
    pending: count,
    inProgress: count,
    byInspector: z.array(ZInspectorBacklog),
  }),
  passRateByCaller: z.array(ZCallerPassRate),
  /** the six months up to and including `month`, oldest first, months without inspections as zeros */
  passRateTrend: z.array(ZMonthPassRate),
  findings: z.array(ZFindingCount),
  /** appeals not decided yet */
  appealsWaiting: count,
  /** monthly reports submitted and waiting for approval */
  reportsWaiting: count,
});
export type TQualityDashboard = z.infer<typeof ZQualityDashboard>;

// ---- The ticket dashboard (handler, lead, management) ----

export const ZTicketDashboardQuery = z.object({
  /** the month of `closedThisMonth` and `respondedOnTimeRate`; defaults to the current month (organisation time) */
  month: ZMonth.optional(),
});
export type TTicketDashboardQuery = z.infer<typeof ZTicketDashboardQuery>;

/**
 * The tickets the user may see (same scope as the ticket list): state now, plus two figures of
 * `month`. Open = OPEN, IN_PROGRESS or REOPENED (the SLA clock runs).
 */
export const ZTicketDashboard = z.object({
  month: ZMonth,
  /** every status, in workflow order, zeros included */
  byStatus: z.array(z.object({ status: ZTicketStatus, count })),
  /** open tickets past their due time */
  overdue: count,
  /** open tickets not overdue with less than 20 % of their SLA time left */
  atRisk: count,
  /** open tickets due today (organisation time) */
  dueToday: count,
  /** tickets closed in `month` */
  closedThisMonth: count,
  /** responses given in `month`, and those given by the due time */
  respondedOnTimeRate: z.object({ onTime: count, responded: count }),
  /** every category: open = not closed yet, closed = CLOSED */
  byCategory: z.array(z.object({ category: ZTicketCategory, open: count, closed: count })),
});
export type TTicketDashboard = z.infer<typeof ZTicketDashboard>;

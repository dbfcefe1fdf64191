// Contracts of visit expenses (回访费用, docs/rules.md#r-exp-1-visit-expenses: the cost-control dimension). A caller records
// what a visit cost (amount in fen, receipt reference, note) on their own record; their team lead
// or a manager approves or rejects it. Approved expenses count in the KPI of the record's month.
import { z } from 'zod';
import { ZMonth } from './enums.ts';
import { ZVersion } from './numbers.ts';
import { ZPage, ZPageQuery } from './pagination.ts';
import { EXPENSE_MAX_FEN, EXPENSE_STATUSES } from './values.ts';
import { ZPerson } from './visits.ts';

const int = z.number().int();
const text = (min: number, max: number) => z.string().trim().min(min).max(max);

export const ZExpenseStatus = z.enum(EXPENSE_STATUSES);
export type TExpenseStatus = z.infer<typeof ZExpenseStatus>;

/** POST /visits/:id/expenses */
export const ZExpenseCreate = z.object({
  /** fen (¥1 = 100), an integer */
  amountFen: int.min(1).max(EXPENSE_MAX_FEN),
  receiptRef: text(1, 100),
  note: text(0, 500).optional(),
});
export type TExpenseCreate = z.infer<typeof ZExpenseCreate>;

export const ZExpense = z.object({
  id: z.string(),
  visitId: z.string(),
  taskId: z.string(),
  caller: ZPerson,
  customer: z.object({ id: z.string(), name: z.string() }),
  /** the record's start, and its day in the organisation's timezone (YYYY-MM-DD) */
  visitStartedAt: z.string(),
  visitDay: z.string(),
  amountFen: int,
  receiptRef: z.string(),
  note: z.string().nullable(),
  status: ZExpenseStatus,
  decidedBy: ZPerson.nullable(),
  decidedAt: z.string().nullable(),
  decisionComment: z.string().nullable(),
  version: int,
  createdAt: z.string(),
  /** what the user may do next (the expense workflow, computed by the server) */
  can: z.object({ approve: z.boolean(), reject: z.boolean() }),
});
export type TExpense = z.infer<typeof ZExpense>;

/** GET /expenses — month is the visit record's month in the organisation's timezone. */
export const ZExpenseListQuery = ZPageQuery.extend({
  status: ZExpenseStatus.optional(),
  month: ZMonth.optional(),
});
export type TExpenseListQuery = z.infer<typeof ZExpenseListQuery>;

/** Totals over every expense the filter matches (not only the page), in fen. */
export const ZExpenseTotals = z.object({
  count: int,
  amountFen: int,
  pendingFen: int,
  approvedFen: int,
  rejectedFen: int,
});
export type TExpenseTotals = z.infer<typeof ZExpenseTotals>;

export const ZExpenseList = ZPage(ZExpense).extend({ totals: ZExpenseTotals });
export type TExpenseList = z.infer<typeof ZExpenseList>;

/** GET /visits/:id/expenses */
export const ZVisitExpenses = z.object({ items: z.array(ZExpense) });
export type TVisitExpenses = z.infer<typeof ZVisitExpenses>;

export const ZExpenseApprove = z.object({ version: ZVersion.optional() });
export type TExpenseApprove = z.infer<typeof ZExpenseApprove>;
export const ZExpenseReject = z.object({ comment: text(1, 1000), version: ZVersion.optional() });
export type TExpenseReject = z.infer<typeof ZExpenseReject>;

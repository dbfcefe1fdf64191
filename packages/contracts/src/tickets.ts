// Contracts of issue tickets (问题工单): create, lists with SLA state, the timeline, transitions.
import { z } from 'zod';
import { ZTicketStatus } from './enums.ts';
import { ZVersion } from './numbers.ts';
import { ZPageQuery } from './pagination.ts';
import { ZTicketCategory, ZTicketSeverity } from './policy.ts';
import { ZPerson } from './visits.ts';

const text = (min: number, max: number) => z.string().trim().min(min).max(max);
const ZVersionIn = ZVersion.optional();

/** POST /tickets — from a visit record or an inspection (customer and caller come from it), or for a customer. */
export const ZTicketCreate = z.object({
  sourceVisitId: z.uuid().optional(),
  sourceInspectionId: z.uuid().optional(),
  /** required without a source; must match the source when both are given */
  customerId: z.uuid().optional(),
  category: ZTicketCategory,
  severity: ZTicketSeverity,
  title: text(1, 200),
  description: text(1, 4000),
  /** CALLER_CONDUCT only: the caller the complaint is about */
  subjectUserId: z.uuid().optional(),
});
export type TTicketCreate = z.infer<typeof ZTicketCreate>;

export const ZTicketSla = z.object({
  /** business milliseconds left; negative once overdue */
  remainingMs: z.number(),
  overdue: z.boolean(),
  /** calendar milliseconds since the due time once overdue, else 0 (docs/rules.md R-TKT-5) */
  overdueMs: z.number().int().nonnegative(),
  paused: z.boolean(),
  atRisk: z.boolean(),
});
export type TTicketSla = z.infer<typeof ZTicketSla>;

export const ZTicketSummary = z.object({
  id: z.string(),
  number: z.number().int(),
  title: z.string(),
  category: ZTicketCategory,
  severity: ZTicketSeverity,
  status: ZTicketStatus,
  department: z.object({ id: z.string(), name: z.string() }),
  customer: z.object({ id: z.string(), name: z.string() }),
  caller: ZPerson.nullable(),
  handler: ZPerson.nullable(),
  raisedBy: ZPerson,
  /** CALLER_CONDUCT: the caller the complaint is about, and whether the handler confirmed it */
  subject: ZPerson.nullable(),
  conductConfirmed: z.boolean().nullable(),
  dueAt: z.string(),
  respondedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  createdAt: z.string(),
  reopenCount: z.number().int(),
  escalationLevel: z.number().int(),
  version: ZVersion,
  sla: ZTicketSla,
});
export type TTicketSummary = z.infer<typeof ZTicketSummary>;

export const ZTicketEvent = z.object({
  id: z.string(),
  /** CREATED, ROUTED, STARTED, RESPONDED, VERIFIED, REOPENED, CLOSED, ESCALATED */
  type: z.string(),
  actor: ZPerson.nullable(),
  body: z.record(z.string(), z.unknown()),
  createdAt: z.string(),
});
export type TTicketEvent = z.infer<typeof ZTicketEvent>;

export const ZTicketDetail = ZTicketSummary.extend({
  description: z.string(),
  sourceVisitId: z.string().nullable(),
  /** the task of the source record, whose page shows the record */
  sourceTaskId: z.string().nullable(),
  sourceInspectionId: z.string().nullable(),
  subject: ZPerson.nullable(),
  pausedAt: z.string().nullable(),
  events: z.array(ZTicketEvent),
  /** what the signed-in user may do with the ticket now */
  can: z.object({
    start: z.boolean(),
    respond: z.boolean(),
    verify: z.boolean(),
    close: z.boolean(),
    route: z.boolean(),
  }),
});
export type TTicketDetail = z.infer<typeof ZTicketDetail>;

const ZFlag = z.enum(['true', 'false']).optional();
export const ZTicketListQuery = ZPageQuery.extend({
  status: ZTicketStatus.optional(),
  category: ZTicketCategory.optional(),
  departmentId: z.uuid().optional(),
  /** the clock runs and the due time has passed */
  overdue: ZFlag,
  /** the clock runs and the due time falls on today (organisation time) */
  dueToday: ZFlag,
  /** `team`: raised by members of the signed-in lead's team; `me`: raised by me */
  raisedBy: z.enum(['me', 'team']).optional(),
});
export type TTicketListQuery = z.infer<typeof ZTicketListQuery>;

export const ZTicketStart = z.object({ version: ZVersionIn });
export const ZTicketRespond = z.object({
  action: text(1, 2000),
  rootCause: text(1, 2000),
  /** CALLER_CONDUCT tickets: whether the complaint about the caller is confirmed (required for them) */
  conductConfirmed: z.boolean().optional(),
  version: ZVersionIn,
});
export type TTicketRespond = z.infer<typeof ZTicketRespond>;
export const ZTicketVerify = z.discriminatedUnion('satisfied', [
  z.object({ satisfied: z.literal(true), note: text(0, 2000).optional(), version: ZVersionIn }),
  z.object({ satisfied: z.literal(false), reason: text(1, 2000), version: ZVersionIn }),
]);
export type TTicketVerify = z.infer<typeof ZTicketVerify>;
export const ZTicketReopen = z.object({ reason: text(1, 2000), version: ZVersionIn });
export const ZTicketClose = z.object({ note: text(1, 2000), version: ZVersionIn });
export const ZTicketReroute = z.object({
  category: ZTicketCategory.optional(),
  departmentId: z.uuid().optional(),
  version: ZVersionIn,
});
export type TTicketReroute = z.infer<typeof ZTicketReroute>;

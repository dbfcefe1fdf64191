import { z } from 'zod';
import {
  CHANNELS,
  PLAN_STATUSES,
  ROLES,
  SEGMENTS,
  TASK_STATUSES,
  TICKET_STATUSES,
  TIERS,
  VISIT_OUTCOMES,
} from './values.ts';

export const ZRole = z.enum(ROLES);
export type TRole = z.infer<typeof ZRole>;

export const DEPARTMENT_KINDS = [
  'VISIT',
  'SUPERVISION',
  'TEACHING',
  'SERVICE',
  'MARKET',
  'ADMIN',
  'OTHER',
] as const;
export const ZDepartmentKind = z.enum(DEPARTMENT_KINDS);

export const ZSegment = z.enum(SEGMENTS);
export type TSegment = z.infer<typeof ZSegment>;

export const ZTier = z.enum(TIERS);
export type TTier = z.infer<typeof ZTier>;

export const ZChannel = z.enum(CHANNELS);
export type TChannel = z.infer<typeof ZChannel>;

export const ZPlanStatus = z.enum(PLAN_STATUSES);
export type TPlanStatus = z.infer<typeof ZPlanStatus>;

export const ZTaskStatus = z.enum(TASK_STATUSES);
export type TTaskStatus = z.infer<typeof ZTaskStatus>;

export const ZVisitOutcome = z.enum(VISIT_OUTCOMES);
export type TVisitOutcome = z.infer<typeof ZVisitOutcome>;

export const ZTicketStatus = z.enum(TICKET_STATUSES);
export type TTicketStatus = z.infer<typeof ZTicketStatus>;

/** Calendar month in the organisation's timezone, `YYYY-MM`. */
/** The first month the product keeps figures for: its first incentive policy applies from it. */
export const FIRST_MONTH = '2000-01';
export const ZMonth = z
  .string()
  .regex(/^(20|21)\d{2}-(0[1-9]|1[0-2])$/, `expected a month as YYYY-MM, from ${FIRST_MONTH} to 2199-12`);
/** An ISO week, YYYY-Www, of the years 1970–2199 (docs/api.md#time). */
export const ZWeek = z.string().regex(/^(19[7-9]\d|2[01]\d\d)-W\d{2}$/, 'an ISO week, YYYY-Www (1970–2199)');
/** Calendar day, `YYYY-MM-DD`. */
export const ZDay = z
  .string()
  .regex(
    /^(19|20|21)\d{2}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/,
    'expected a date as YYYY-MM-DD (1900–2199)',
  );
export const ZId = z.uuid();

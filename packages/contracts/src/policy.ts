// Contracts of the policy settings (docs/rules.md#policy-defaults): thresholds, business hours, SLA hours, routing.
import { z } from 'zod';
import { ZDay } from './enums.ts';
import { ZVersion } from './numbers.ts';
import { TICKET_CATEGORIES, TICKET_SEVERITIES } from './values.ts';

export const ZTicketCategory = z.enum(TICKET_CATEGORIES);
export type TTicketCategory = z.infer<typeof ZTicketCategory>;

export const ZTicketSeverity = z.enum(TICKET_SEVERITIES);
export type TTicketSeverity = z.infer<typeof ZTicketSeverity>;

const ZClock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected a time as HH:mm');

/** Working hours of the organisation, on its own clock; SLA clocks only run inside them. */
export const ZBusinessHours = z
  .object({
    start: ZClock,
    end: ZClock,
    /** ISO weekdays, 1 = Monday … 7 = Sunday */
    weekdays: z.array(z.number().int().min(1).max(7)).min(1).max(7),
    holidays: z.array(ZDay).max(366).default([]),
  })
  .refine((b) => b.start < b.end, { message: 'the working day must end after it starts', path: ['end'] });
export type TBusinessHours = z.infer<typeof ZBusinessHours>;

const ZHours = z.number().positive().max(2000);
/** Business hours to respond, by severity. */
export const ZSlaHours = z.object({ LOW: ZHours, MEDIUM: ZHours, HIGH: ZHours, CRITICAL: ZHours });
export type TSlaHours = z.infer<typeof ZSlaHours>;

export const ZPolicy = z.object({
  passThreshold: z.number().int(),
  appealWindowDays: z.number().int(),
  businessHours: ZBusinessHours,
  slaHours: ZSlaHours,
  escalateToManagementAfterHours: z.number().int(),
  version: ZVersion,
  updatedAt: z.string(),
});
export type TPolicy = z.infer<typeof ZPolicy>;

/** PATCH /policy — any subset; `version` guards against a concurrent edit (409). */
export const ZPolicyPatch = z.object({
  passThreshold: z.number().int().min(0).max(100).optional(),
  appealWindowDays: z.number().int().min(0).max(90).optional(),
  businessHours: ZBusinessHours.optional(),
  slaHours: ZSlaHours.optional(),
  escalateToManagementAfterHours: z.number().int().min(1).max(2000).optional(),
  version: ZVersion.optional(),
});
export type TPolicyPatch = z.infer<typeof ZPolicyPatch>;

export const ZTicketRoute = z.object({
  category: ZTicketCategory,
  department: z.object({ id: z.string(), name: z.string() }),
});
export const ZTicketRoutes = z.object({
  routes: z.array(ZTicketRoute),
  /** the departments a category can go to */
  departments: z.array(z.object({ id: z.string(), name: z.string(), kind: z.string() })),
});
export type TTicketRoutes = z.infer<typeof ZTicketRoutes>;

/** PUT /ticket-routes — every category exactly once. */
export const ZTicketRoutesPut = z.object({
  routes: z
    .array(z.object({ category: ZTicketCategory, departmentId: z.uuid() }))
    .min(1)
    .max(TICKET_CATEGORIES.length),
});
export type TTicketRoutesPut = z.infer<typeof ZTicketRoutesPut>;

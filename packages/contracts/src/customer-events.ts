// Contracts of customer events (docs/product.md#customer-events): what happened to a customer, on
// which day of the organisation's calendar, from which source; the cadence rules follow up on them.
import { z } from 'zod';
import { ZRealDay } from './customers.ts';
import { ZVersion } from './numbers.ts';
import { ZPageQuery } from './pagination.ts';
import { CUSTOMER_EVENT_KINDS, CUSTOMER_EVENT_SOURCES } from './values.ts';

export const ZCustomerEventKind = z.enum(CUSTOMER_EVENT_KINDS);
export type TCustomerEventKind = z.infer<typeof ZCustomerEventKind>;
export const ZCustomerEventSource = z.enum(CUSTOMER_EVENT_SOURCES);
export type TCustomerEventSource = z.infer<typeof ZCustomerEventSource>;

/** Another system's id of the event: posting it again is answered with the event already recorded. */
const ZExternalId = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .regex(/^[\x21-\x7e]+$/, 'printable ASCII without spaces');

export const ZCustomerEventCreate = z.strictObject({
  customerId: z.uuid(),
  kind: ZCustomerEventKind,
  /** the day it happened, in the organisation's timezone; not after today */
  day: ZRealDay,
  note: z.string().trim().max(500).optional(),
  externalId: ZExternalId.optional(),
});
export type TCustomerEventCreate = z.input<typeof ZCustomerEventCreate>;

export const ZCustomerEventCancel = z.strictObject({
  version: ZVersion,
  reason: z.string().trim().min(1).max(500),
});
export type TCustomerEventCancel = z.input<typeof ZCustomerEventCancel>;

export const ZCustomerEventListQuery = ZPageQuery.extend({
  customerId: z.uuid().optional(),
  kind: ZCustomerEventKind.optional(),
  source: ZCustomerEventSource.optional(),
  /** first and last day (both included), organisation time */
  from: ZRealDay.optional(),
  to: ZRealDay.optional(),
  /** cancelled events are left out unless asked for */
  includeCancelled: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
});
export interface TCustomerEventListQuery {
  customerId?: string;
  kind?: TCustomerEventKind;
  source?: TCustomerEventSource;
  from?: string;
  to?: string;
  includeCancelled?: 'true' | 'false';
  page?: number;
  size?: number;
}

const ZPerson = z.object({ id: z.string(), name: z.string() });

export const ZCustomerEvent = z.object({
  id: z.string(),
  customer: ZPerson,
  kind: ZCustomerEventKind,
  day: z.string(),
  source: ZCustomerEventSource,
  externalId: z.string().nullable(),
  note: z.string().nullable(),
  createdBy: ZPerson.nullable(),
  createdAt: z.string(),
  cancelled: z.object({ at: z.string(), by: ZPerson.nullable(), reason: z.string() }).nullable(),
  version: z.number().int(),
});
export type TCustomerEvent = z.infer<typeof ZCustomerEvent>;

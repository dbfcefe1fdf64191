// Contracts of the customers module: request and response schemas shared by the API and the web app.
import { z } from 'zod';
import {
  type TSegment,
  type TTier,
  ZChannel,
  ZDay,
  ZSegment,
  ZTaskStatus,
  ZTier,
  ZVisitOutcome,
} from './enums.ts';
import { ZVersion } from './numbers.ts';
import { ZPageQuery } from './pagination.ts';
import { CUSTOMER_SORTS } from './values.ts';

/** A calendar day that exists (`2025-02-30` does not). */
export const ZRealDay = ZDay.refine((d) => {
  const date = new Date(`${d}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === d;
}, 'no such day');

/** Wall-clock time of day in the organisation's timezone, `HH:mm`. */
export const ZTimeOfDay = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected a time as HH:mm');

export const ZCustomerSort = z.enum(CUSTOMER_SORTS);
export type TCustomerSort = z.infer<typeof ZCustomerSort>;

/** `?segment=A&segment=B`, `?segment=A,B` and `?segment=A` all give a list. */
function oneOrMany<T extends z.ZodType>(item: T) {
  return z.preprocess((v) => {
    if (v === undefined || v === null || v === '') return undefined;
    const list = Array.isArray(v) ? v : [v];
    return list.flatMap((x) => (typeof x === 'string' ? x.split(',') : [x])).filter((x) => x !== '');
  }, z.array(item).max(20).optional());
}

export const ZCustomerListQuery = ZPageQuery.extend({
  /** a name fragment, or digits: the tail of a phone number */
  q: z.string().trim().max(50).optional(),
  segment: oneOrMany(ZSegment),
  tier: oneOrMany(ZTier),
  consent: z.enum(['refused', 'accepted']).optional(),
  /** customers not visited since before this day (org timezone); never-visited ones included */
  lastVisitBefore: ZRealDay.optional(),
  programme: z.string().trim().max(100).optional(),
  sort: ZCustomerSort.default('-createdAt'),
});
/**
 * GET /customers/export: the list's filters and order, every matching customer (at most the
 * import's row limit), as CSV or XLSX in the import's columns (docs/rules.md#r-cus-3-customer-export).
 */
export const ZCustomerExportQuery = ZCustomerListQuery.omit({ page: true, size: true }).extend({
  format: z.enum(['csv', 'xlsx']),
  lang: z.enum(['zh-CN', 'en']).default('zh-CN'),
});
export type TCustomerExportQuery = z.input<typeof ZCustomerExportQuery>;

/** What a client sends (the schema also takes comma-separated lists). */
export interface TCustomerListQuery {
  q?: string;
  segment?: TSegment[];
  tier?: TTier[];
  consent?: 'refused' | 'accepted';
  lastVisitBefore?: string;
  programme?: string;
  page?: number;
  size?: number;
  sort?: TCustomerSort;
}

export const ZCustomer = z.object({
  id: z.string(),
  name: z.string(),
  /** masked (`138****5678`) unless `contactMasked` is false */
  phone: z.string(),
  /** masked (`z***@example.com`) unless `contactMasked` is false */
  email: z.string().nullable(),
  contactMasked: z.boolean(),
  segment: ZSegment,
  tier: ZTier,
  programme: z.string().nullable(),
  enrolledAt: ZDay.nullable(),
  completedAt: ZDay.nullable(),
  lastVisitAt: z.string().nullable(),
  refusesVisits: z.boolean(),
  refusedAt: z.string().nullable(),
  preferredChannel: ZChannel.nullable(),
  preferredTimeFrom: z.string().nullable(),
  preferredTimeTo: z.string().nullable(),
  consentNote: z.string().nullable(),
  /** what the customer is written to in (survey links): zh-CN unless en */
  language: z.enum(['zh-CN', 'en']),
  notes: z.string().nullable(),
  version: ZVersion,
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type TCustomer = z.infer<typeof ZCustomer>;

/** A row of the customer list; phone and e-mail always masked. */
export const ZCustomerListItem = ZCustomer.pick({
  id: true,
  name: true,
  phone: true,
  email: true,
  segment: true,
  tier: true,
  programme: true,
  lastVisitAt: true,
  refusesVisits: true,
  preferredChannel: true,
  preferredTimeFrom: true,
  preferredTimeTo: true,
  version: true,
});
export type TCustomerListItem = z.infer<typeof ZCustomerListItem>;

/** Whether and how the customer wants to be visited. */
export const ZConsent = ZCustomer.pick({
  refusesVisits: true,
  refusedAt: true,
  preferredChannel: true,
  preferredTimeFrom: true,
  preferredTimeTo: true,
  consentNote: true,
});
export type TConsent = z.infer<typeof ZConsent>;

export const ZCustomerVisit = z.object({
  id: z.string(),
  taskId: z.string(),
  startedAt: z.string(),
  outcome: ZVisitOutcome,
  satisfaction: z.number().int().nullable(),
  channel: ZChannel,
  callerId: z.string(),
  callerName: z.string().nullable(),
  opinions: z.string().nullable(),
  suggestions: z.string().nullable(),
  amendmentCount: z.number().int(),
});
export type TCustomerVisit = z.infer<typeof ZCustomerVisit>;

export const ZCustomerTask = z.object({
  id: z.string(),
  status: ZTaskStatus,
  dueDate: ZDay,
  purpose: z.string(),
  channel: ZChannel,
  assigneeId: z.string(),
  assigneeName: z.string().nullable(),
});
export type TCustomerTask = z.infer<typeof ZCustomerTask>;

export const ZCustomerDetail = ZCustomer.extend({
  consent: ZConsent,
  /** newest first */
  visits: z.array(ZCustomerVisit),
  /** newest due date first */
  tasks: z.array(ZCustomerTask),
});
export type TCustomerDetail = z.infer<typeof ZCustomerDetail>;

/** Trimmed text; empty means none (null). */
const optionalText = (max: number, text = z.string().trim()) =>
  text
    .max(max)
    .nullish()
    .transform((v) => (v === '' ? null : v));

const consentFields = {
  refusesVisits: z.boolean().optional(),
  preferredChannel: ZChannel.nullish(),
  preferredTimeFrom: ZTimeOfDay.nullish(),
  preferredTimeTo: ZTimeOfDay.nullish(),
  consentNote: optionalText(500),
};

export const ZCustomerCreate = z.object({
  name: z.string().trim().min(1).max(100),
  /** any common notation; stored as digits (`+86 138-1234-5678` → `13812345678`) */
  phone: z.string().trim().min(1).max(30),
  email: optionalText(200, z.string().trim().toLowerCase()).pipe(z.email().nullish()),
  segment: ZSegment,
  tier: ZTier,
  programme: optionalText(100),
  enrolledAt: ZRealDay.nullish(),
  completedAt: ZRealDay.nullish(),
  notes: optionalText(2000),
  language: z.enum(['zh-CN', 'en']).optional(),
  ...consentFields,
});
export type TCustomerCreate = z.input<typeof ZCustomerCreate>;

export const ZCustomerPatch = ZCustomerCreate.partial().extend({
  /** the version the client saw; 409 STALE_VERSION when someone saved in between */
  version: ZVersion.min(1).optional(),
});
export type TCustomerPatch = z.input<typeof ZCustomerPatch>;

export const ZCustomerContact = z.object({ phone: z.string(), email: z.string().nullable() });
export type TCustomerContact = z.infer<typeof ZCustomerContact>;

// Import

export const ZImportRowError = z.object({
  /** the spreadsheet row number, the header being row 1 */
  row: z.number().int(),
  /** a stable code: PHONE_INVALID, NAME_REQUIRED, DUPLICATE_IN_FILE, … */
  reason: z.string(),
  /** the column (import field name) the problem is in */
  field: z.string().optional(),
  /** the problem in plain words (English) */
  message: z.string().optional(),
});
export type TImportRowError = z.infer<typeof ZImportRowError>;

export const IMPORT_STATUSES = ['RUNNING', 'DONE', 'FAILED'] as const;

export const ZImportJob = z.object({
  jobId: z.string(),
  fileName: z.string(),
  status: z.enum(IMPORT_STATUSES),
  /** data rows in the file (blank rows left out) */
  total: z.number().int(),
  processed: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  /** rows that were not imported */
  invalid: z.number().int(),
  /** the first 1 000 problems */
  errors: z.array(ZImportRowError),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type TImportJob = z.infer<typeof ZImportJob>;

export const ZImportQuery = z.object({
  /** chosen by the client so that it can poll the progress while the upload runs */
  jobId: z.uuid().optional(),
  /** the file's name when the body is the file itself rather than multipart */
  fileName: z.string().trim().max(200).optional(),
});

export const ZImportTemplateQuery = z.object({ format: z.enum(['csv', 'xlsx']).default('xlsx') });

/** Limits of one import file. */
export const IMPORT_LIMITS = { maxBytes: 20 * 1024 * 1024, maxRows: 50_000 } as const;

// Customer event import (docs/rules.md#r-evt-2-event-import): which column is which, whether a
// spreadsheet row makes an event, and — once the API has looked the phone numbers and external ids
// up — which rows are new, which were imported before and which cannot be. Pure: the API reads
// the file into rows of strings, hands them here, and passes `today` in (the organisation's day).
import type { TCustomerEventKind } from '@huifang/contracts';
import { isEventDayAllowed } from './customer-events.ts';
import {
  checkPhone,
  headerMapper,
  IMPORT_HEADERS,
  isBlankRow,
  labelIndex,
  lookup,
  parseDay,
  rowValues,
} from './customer-import.ts';

export const EVENT_IMPORT_FIELDS = ['phone', 'kind', 'day', 'externalId', 'note'] as const;
export type EventImportField = (typeof EVENT_IMPORT_FIELDS)[number];

/** Columns an event file must have; every row needs a value in them. */
export const EVENT_IMPORT_REQUIRED_FIELDS: readonly EventImportField[] = ['phone', 'kind', 'day'];

/** Accepted header names per field; the first is the one the template uses. Compared without case or spaces. */
export const EVENT_IMPORT_HEADERS: Record<EventImportField, readonly string[]> = {
  phone: IMPORT_HEADERS.phone,
  kind: ['事件', 'kind', '事件类型', 'event', 'eventKind', 'event kind'],
  day: ['日期', 'day', '发生日期', '事件日期', 'date'],
  externalId: ['外部编号', 'externalId', 'external id', '外部ID', '事件编号'],
  note: ['备注', 'note', 'notes'],
};

/** The Chinese label of each kind first (as the screens show it), then other names a file may use. */
export const EVENT_KIND_LABELS: Record<TCustomerEventKind, readonly string[]> = {
  ENQUIRY: ['咨询报名', 'Enquiry'],
  ENROLLED: ['报名入学', '报名', 'Enrolled'],
  COURSE_STARTED: ['开课', 'Course started'],
  COURSE_COMPLETED: ['结课', 'Course completed'],
  GRADUATED: ['结业', 'Graduated'],
  CONSULTATION: ['门诊咨询', 'Consultation'],
  DISCHARGE: ['出院', 'Discharge'],
  SURGERY: ['手术', 'Surgery'],
  TREATMENT_COURSE_ENDED: ['疗程结束', 'Treatment course ended'],
  PURCHASE: ['购买', 'Purchase'],
  REPAIR_CLOSED: ['维修完成', '维修工程处理完毕', 'Repair closed'],
  COMPLAINT_CLOSED: ['投诉处理完毕', '投诉事情处理完毕', 'Complaint closed'],
  RENEWED: ['续费', '续报', 'Renewed'],
  REFERRAL: ['转介绍', 'Referral'],
  REFUND: ['退费', '退款', 'Refund'],
};

/** The template's header row (Chinese) and an example row. */
export const EVENT_IMPORT_TEMPLATE: { header: string[]; example: string[] } = {
  header: EVENT_IMPORT_FIELDS.map((f) => EVENT_IMPORT_HEADERS[f][0]!),
  example: ['13812345678', '出院', '2025-03-01', '', '出院随访'],
};

export const mapEventImportHeader = headerMapper(EVENT_IMPORT_HEADERS, EVENT_IMPORT_REQUIRED_FIELDS);

const KINDS = labelIndex(EVENT_KIND_LABELS);

/** The longest note an event keeps (as POST /customer-events). */
export const EVENT_NOTE_MAX = 500;
const EXTERNAL_ID = /^[\x21-\x7e]{1,100}$/;

export const EVENT_IMPORT_REASONS = [
  'REQUIRED',
  'PHONE_INVALID',
  'KIND_INVALID',
  'DATE_INVALID',
  'FUTURE_DAY',
  'EXTERNAL_ID_INVALID',
  'TOO_LONG',
  'DUPLICATE_IN_FILE',
  'UNKNOWN_CUSTOMER',
  'EXTERNAL_ID_REUSED',
] as const;
export type EventImportReason = (typeof EVENT_IMPORT_REASONS)[number];

export interface EventImportRowError {
  row: number;
  field?: EventImportField;
  reason: EventImportReason;
  message: string;
}

/** An event as a row describes it; `externalId` is the file's or, without one, derived (`derived`). */
export interface ImportedEvent {
  phone: string;
  kind: TCustomerEventKind;
  day: string;
  externalId: string;
  derived: boolean;
  note: string | null;
}

const EXCEL_EPOCH = Date.UTC(1899, 11, 30);
const DAY_MS = 86_400_000;

/**
 * A calendar day from a cell: what `parseDay` reads (`2025-03-01`, `2025/3/1`, `2025年3月1日`),
 * the same with a time of day after it, or an Excel date serial (days since 1899-12-30, as a
 * date cell formatted as a number reads: `45717` is 2025-03-01). Null when it is none of them.
 */
export function parseEventDay(raw: string): string | null {
  const text = raw.trim();
  if (/^\d{5}(\.\d+)?$/.test(text)) {
    const day = new Date(EXCEL_EPOCH + Math.floor(Number(text)) * DAY_MS).toISOString().slice(0, 10);
    return parseDay(day);
  }
  const withTime = /^(.+?)(?:\s+|T)\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?$/.exec(text);
  return parseDay(withTime ? withTime[1]! : text);
}

/**
 * The external id of a row without one: the same phone, kind and day always give the same id, so
 * that importing a file again finds the events it made. The phone is hashed (FNV-1a, 64 bits),
 * not written out: external ids are shown to whoever sees the events.
 */
export function derivedExternalId(phone: string, kind: TCustomerEventKind, day: string): string {
  let h = 0xcbf29ce484222325n;
  // all ASCII: one byte a character
  const text = `${phone}|${kind}|${day}`;
  for (let i = 0; i < text.length; i++) {
    h ^= BigInt(text.charCodeAt(i));
    h = (h * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return `import:${kind}:${day}:${h.toString(16).padStart(16, '0')}`;
}

export type EventRowResult =
  | { ok: true; event: ImportedEvent }
  | { ok: false; issues: Omit<EventImportRowError, 'row'>[] };

/** Checks one data row against the header mapping: an event, or every problem found. `today`: the organisation's day. */
export function parseEventImportRow(
  cells: readonly (string | null | undefined)[],
  columns: readonly (EventImportField | null)[],
  today: string,
): EventRowResult {
  const raw = rowValues(cells, columns);
  const issues: Omit<EventImportRowError, 'row'>[] = [];
  const issue = (field: EventImportField, reason: EventImportReason, message: string) =>
    issues.push({ field, reason, message });

  for (const f of EVENT_IMPORT_REQUIRED_FIELDS)
    if (raw[f] === undefined) issue(f, 'REQUIRED', `${f} is required`);

  let phone: string | undefined;
  if (raw.phone !== undefined) {
    const p = checkPhone(raw.phone);
    if (p.ok) phone = p.phone;
    else issue('phone', 'PHONE_INVALID', p.message);
  }
  let kind: TCustomerEventKind | null = null;
  if (raw.kind !== undefined) {
    kind = lookup(raw.kind, KINDS);
    if (!kind) issue('kind', 'KIND_INVALID', `unknown event "${raw.kind}"`);
  }
  let day: string | null = null;
  if (raw.day !== undefined) {
    day = parseEventDay(raw.day);
    if (!day) issue('day', 'DATE_INVALID', `"${raw.day}" is not a date (YYYY-MM-DD)`);
    else if (!isEventDayAllowed(day, today)) {
      issue('day', 'FUTURE_DAY', `${day} is after today (${today})`);
      day = null;
    }
  }
  if (raw.externalId !== undefined && !EXTERNAL_ID.test(raw.externalId))
    issue('externalId', 'EXTERNAL_ID_INVALID', 'at most 100 printable ASCII characters without spaces');
  if (raw.note !== undefined && [...raw.note].length > EVENT_NOTE_MAX)
    issue('note', 'TOO_LONG', `note is longer than ${EVENT_NOTE_MAX} characters`);

  if (issues.length > 0 || !phone || !kind || !day) return { ok: false, issues };
  return {
    ok: true,
    event: {
      phone,
      kind,
      day,
      externalId: raw.externalId ?? derivedExternalId(phone, kind, day),
      derived: raw.externalId === undefined,
      note: raw.note ?? null,
    },
  };
}

export interface ValidatedEventImport {
  /** data rows that are not blank */
  total: number;
  /** in file order; `event` null for a row with errors */
  rows: Array<{ row: number; event: ImportedEvent | null }>;
  /** in file order */
  errors: EventImportRowError[];
  /** rows with at least one error */
  invalid: number;
}

/** Checks an event file's data rows one at a time, as they are read: `add` each row in file order, then take `result`. */
export interface EventImportRowsValidator {
  add(cells: readonly (string | null | undefined)[], row: number): void;
  readonly result: ValidatedEventImport;
}

/**
 * Checks a file's data rows as they come (a blank row is skipped and not counted). A row whose
 * event — its external id, the file's or derived — is on an earlier row is an error.
 */
export function eventImportRowsValidator(
  columns: readonly (EventImportField | null)[],
  today: string,
): EventImportRowsValidator {
  const result: ValidatedEventImport = { total: 0, rows: [], errors: [], invalid: 0 };
  const seen = new Map<string, number>();
  const refuse = (row: number, errors: EventImportRowError[]) => {
    result.invalid++;
    result.rows.push({ row, event: null });
    result.errors.push(...errors);
  };
  return {
    result,
    add(cells, row) {
      if (isBlankRow(cells)) return;
      result.total++;
      const parsed = parseEventImportRow(cells, columns, today);
      if (!parsed.ok)
        return refuse(
          row,
          parsed.issues.map((is) => ({ row, ...is })),
        );
      const { event } = parsed;
      const earlier = seen.get(event.externalId);
      if (earlier !== undefined)
        return refuse(row, [
          event.derived
            ? {
                row,
                reason: 'DUPLICATE_IN_FILE',
                message: `the same customer, event and day are on row ${earlier}`,
              }
            : {
                row,
                field: 'externalId',
                reason: 'DUPLICATE_IN_FILE',
                message: `the same external id is on row ${earlier}`,
              },
        ]);
      seen.set(event.externalId, row);
      result.rows.push({ row, event });
    },
  };
}

/** Checks every data row of a file; `rows[i]` is spreadsheet row `firstRow + i` (the header being row 1). */
export function validateEventImportRows(
  rows: readonly (readonly (string | null | undefined)[])[],
  columns: readonly (EventImportField | null)[],
  today: string,
  firstRow = 2,
): ValidatedEventImport {
  const validator = eventImportRowsValidator(columns, today);
  rows.forEach((cells, i) => {
    validator.add(cells, firstRow + i);
  });
  return validator.result;
}

/** An event already imported under an external id, as the import compares it (day `YYYY-MM-DD`). */
export interface StoredImportedEvent {
  customerId: string;
  kind: string;
  day: string;
  note: string | null;
}

/** An event a row adds, its customer found. */
export interface EventToCreate extends ImportedEvent {
  row: number;
  customerId: string;
}

export interface SettledEventRows {
  creates: EventToCreate[];
  /** rows whose event was imported before, with the same content */
  unchanged: number;
  /** rows that cannot be imported after all, in file order */
  errors: EventImportRowError[];
}

/**
 * What the valid rows of a file do, given the customers of their phone numbers and the events
 * already imported under their external ids: a phone of no customer is an error; an external id
 * imported before with the same customer, kind, day and note is unchanged, with other content an
 * error (it is never overwritten); any other row is a new event.
 */
export function settleEventRows(
  rows: readonly { row: number; event: ImportedEvent | null }[],
  customerOfPhone: ReadonlyMap<string, string>,
  imported: ReadonlyMap<string, StoredImportedEvent>,
): SettledEventRows {
  const out: SettledEventRows = { creates: [], unchanged: 0, errors: [] };
  for (const { row, event } of rows) {
    if (!event) continue;
    const customerId = customerOfPhone.get(event.phone);
    if (!customerId) {
      out.errors.push({
        row,
        field: 'phone',
        reason: 'UNKNOWN_CUSTOMER',
        message: 'no customer has this phone number',
      });
      continue;
    }
    const before = imported.get(event.externalId);
    if (!before) {
      out.creates.push({ ...event, row, customerId });
      continue;
    }
    const same =
      before.customerId === customerId &&
      before.kind === event.kind &&
      before.day === event.day &&
      (before.note ?? null) === event.note;
    if (same) out.unchanged++;
    else
      out.errors.push({
        row,
        field: event.derived ? 'note' : 'externalId',
        reason: 'EXTERNAL_ID_REUSED',
        message: event.derived
          ? 'this event was imported before with another note or customer'
          : 'an event with this external id was imported before with other content',
      });
  }
  return out;
}

// Customer import: which column is which, and whether a spreadsheet row makes a valid customer.
// Pure: the API reads the file (CSV or XLSX) into rows of strings and hands them here.

import type { TChannel, TSegment, TTier } from '@huifang/contracts';
import { normalisePhone, PHONE_DIGITS } from './masking.ts';

export const IMPORT_FIELDS = [
  'name',
  'phone',
  'email',
  'segment',
  'tier',
  'programme',
  'enrolledAt',
  'completedAt',
  'refusesVisits',
  'preferredChannel',
  'preferredTime',
  'notes',
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

/** Columns a file must have; every row needs a value in them. */
export const IMPORT_REQUIRED_FIELDS: readonly ImportField[] = ['name', 'phone', 'segment', 'tier'];

/** Accepted header names per field; the first is the one the template uses. Compared without case or spaces. */
export const IMPORT_HEADERS: Record<ImportField, readonly string[]> = {
  name: ['姓名', 'name', '客户姓名', '学员姓名'],
  phone: ['手机', '手机号', '电话', 'phone', '手机号码', '联系电话', 'mobile'],
  email: ['邮箱', 'email', '电子邮箱', 'e-mail'],
  segment: ['客户类型', 'segment'],
  tier: ['价值等级', 'tier'],
  programme: ['课程', 'programme', 'program', 'course'],
  enrolledAt: ['报名日期', 'enrolledAt', 'enrolled'],
  completedAt: ['结业日期', 'completedAt', 'completed'],
  refusesVisits: ['拒绝回访', 'refusesVisits', 'refuses visits'],
  preferredChannel: ['偏好渠道', 'preferredChannel', 'channel'],
  preferredTime: ['偏好时段', 'preferredTime', 'preferred time'],
  notes: ['备注', 'notes', 'note'],
};

/** The template's header row (Chinese) and an example row. */
export const IMPORT_TEMPLATE: { header: string[]; example: string[] } = {
  header: IMPORT_FIELDS.map((f) => IMPORT_HEADERS[f][0]!),
  example: [
    '张伟',
    '13812345678',
    'zhangwei@example.com',
    '新报名学员',
    '中',
    'Python 全栈开发',
    '2025-03-01',
    '',
    '否',
    '电话',
    '09:00-12:00',
    '',
  ],
};

const SEGMENT_LABELS: Record<TSegment, readonly string[]> = {
  PROSPECT: ['意向客户'],
  NEW_ENROLLEE: ['新报名学员'],
  STUDENT: ['在读学员'],
  GRADUATE: ['结业学员'],
  KEY_ACCOUNT: ['重点客户'],
  CHURNED: ['流失客户'],
};
const TIER_LABELS: Record<TTier, readonly string[]> = {
  HIGH: ['高', '高价值'],
  MID: ['中', '中价值'],
  LOW: ['低', '低价值'],
};
const CHANNEL_LABELS: Record<TChannel, readonly string[]> = {
  PHONE: ['电话'],
  SMS: ['短信'],
  EMAIL: ['邮件'],
  ONLINE_SURVEY: ['在线问卷'],
  FACE_TO_FACE: ['面访'],
};
const TRUE_WORDS = ['是', 'true', 'yes', 'y', '1', '拒绝'];
const FALSE_WORDS = ['否', 'false', 'no', 'n', '0', '接受'];

/** A header or label as compared: without BOM, spaces or case. */
const key = (s: string) =>
  s
    .replace(/^\uFEFF/, '')
    .replace(/\s+/g, '')
    .toLowerCase();

export interface HeaderMapping<F extends string = ImportField> {
  /** the field of each column, null for columns that are not imported */
  columns: (F | null)[];
  /** required fields without a column */
  missing: F[];
  /** fields named by more than one column */
  duplicates: F[];
  /** header cells that name no field (ignored) */
  ignored: string[];
}

/**
 * The header mapping of a kind of import file: each field by any of its accepted names (Chinese
 * or English, any case, stray spaces and BOM), and which fields a file must have.
 */
export function headerMapper<F extends string>(
  headers: Record<F, readonly string[]>,
  required: readonly F[],
): (header: readonly (string | null | undefined)[]) => HeaderMapping<F> {
  const index = new Map<string, F>(
    (Object.entries(headers) as [F, readonly string[]][]).flatMap(([f, names]) =>
      names.map((h) => [key(h), f] as const),
    ),
  );
  return (header) => {
    const seen = new Set<F>();
    const duplicates = new Set<F>();
    const ignored: string[] = [];
    const columns = header.map((cell) => {
      const text = (cell ?? '').trim();
      const field = index.get(key(text)) ?? null;
      if (!field) {
        if (text) ignored.push(text);
        return null;
      }
      if (seen.has(field)) duplicates.add(field);
      seen.add(field);
      return field;
    });
    return {
      columns,
      missing: required.filter((f) => !seen.has(f)),
      duplicates: [...duplicates],
      ignored,
    };
  };
}

/** Maps a customer file's header row (Chinese or English names, any case, stray spaces and BOM) to fields. */
export const mapImportHeader = headerMapper(IMPORT_HEADERS, IMPORT_REQUIRED_FIELDS);

/** A row's trimmed, non-empty cells by field (the first column of a field that has a value wins). */
export function rowValues<F extends string>(
  cells: readonly (string | null | undefined)[],
  columns: readonly (F | null)[],
): Partial<Record<F, string>> {
  const raw: Partial<Record<F, string>> = {};
  columns.forEach((field, i) => {
    if (!field) return;
    const value = (cells[i] ?? '').trim();
    if (value !== '' && raw[field] === undefined) raw[field] = value;
  });
  return raw;
}

/**
 * A customer as a row describes it. A field is `undefined` when the file has no such column
 * or the cell is empty: an import fills in and corrects, it never blanks out what is stored.
 */
export interface ImportedCustomer {
  name: string;
  phone: string;
  segment: TSegment;
  tier: TTier;
  email?: string;
  programme?: string;
  enrolledAt?: string;
  completedAt?: string;
  refusesVisits?: boolean;
  preferredChannel?: TChannel;
  preferredTimeFrom?: string;
  preferredTimeTo?: string;
  notes?: string;
}

export const IMPORT_REASONS = [
  'REQUIRED',
  'PHONE_INVALID',
  'EMAIL_INVALID',
  'SEGMENT_INVALID',
  'TIER_INVALID',
  'DATE_INVALID',
  'BOOLEAN_INVALID',
  'CHANNEL_INVALID',
  'TIME_RANGE_INVALID',
  'TOO_LONG',
  'DUPLICATE_IN_FILE',
] as const;
export type ImportReason = (typeof IMPORT_REASONS)[number];

export interface ImportIssue {
  field: ImportField;
  reason: ImportReason;
  message: string;
}

export type RowResult = { ok: true; customer: ImportedCustomer } | { ok: false; issues: ImportIssue[] };

/** Why a phone number (any notation) is not usable, or its digits. */
export function checkPhone(raw: string): { ok: true; phone: string } | { ok: false; message: string } {
  if (/[^\d\s+\-().]/.test(raw)) return { ok: false, message: 'a phone number holds digits only' };
  const phone = normalisePhone(raw);
  if (phone.length < PHONE_DIGITS.min || phone.length > PHONE_DIGITS.max)
    return { ok: false, message: `a phone number has ${PHONE_DIGITS.min} to ${PHONE_DIGITS.max} digits` };
  if (phone.length === 11 && !phone.startsWith('1'))
    return { ok: false, message: 'an 11-digit mobile number starts with 1' };
  return { ok: true, phone };
}

const EMAIL = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;

/** A calendar day from `2025-03-01`, `2025/3/1`, `2025.3.1` or `2025年3月1日`; null when it is not one. */
export function parseDay(raw: string): string | null {
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(raw.trim());
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return null;
  if (y < 1900 || y > 2200) return null;
  return date.toISOString().slice(0, 10);
}

function parseTime(raw: string): string | null {
  const m = /^(\d{1,2})[:：](\d{2})$/.exec(raw.trim());
  if (!m) return null;
  const [h, min] = [Number(m[1]), Number(m[2])];
  if (h > 23 || min > 59) return null;
  return `${String(h).padStart(2, '0')}:${String(min).padStart(2, '0')}`;
}

/** `09:00-12:00` (also `9:00～12:00`, `09:00 至 12:00`) → both ends; null unless from < to. */
export function parseTimeRange(raw: string): { from: string; to: string } | null {
  const parts = raw.split(/\s*(?:-|~|～|–|—|至|到)\s*/);
  if (parts.length !== 2) return null;
  const from = parseTime(parts[0]!);
  const to = parseTime(parts[1]!);
  if (!from || !to || from >= to) return null;
  return { from, to };
}

/** Each value by its own name and by its labels (no two alike), compared as `key` compares them. */
export function labelIndex<T extends string>(labels: Record<T, readonly string[]>): Map<string, T> {
  const index = new Map<string, T>();
  for (const [value, names] of Object.entries(labels) as [T, readonly string[]][]) {
    for (const name of [value, ...names]) index.set(key(name), value);
  }
  return index;
}

const SEGMENTS = labelIndex(SEGMENT_LABELS);
const TIERS = labelIndex(TIER_LABELS);
const CHANNELS = labelIndex(CHANNEL_LABELS);

/** The value a cell names in a `labelIndex`, or null. */
export const lookup = <T extends string>(raw: string, index: Map<string, T>): T | null =>
  index.get(key(raw)) ?? null;

const MAX_LENGTH: Partial<Record<ImportField, number>> = {
  name: 100,
  email: 200,
  programme: 100,
  notes: 2000,
};

/** Checks one data row against the header mapping: a normalised customer, or every problem found. */
export function parseImportRow(
  cells: readonly (string | null | undefined)[],
  columns: readonly (ImportField | null)[],
): RowResult {
  const raw = rowValues(cells, columns);

  const issues: ImportIssue[] = [];
  const issue = (field: ImportField, reason: ImportReason, message: string) =>
    issues.push({ field, reason, message });

  for (const f of IMPORT_REQUIRED_FIELDS) {
    if (raw[f] === undefined) issue(f, 'REQUIRED', `${f} is required`);
  }
  for (const [f, max] of Object.entries(MAX_LENGTH) as [ImportField, number][]) {
    const v = raw[f];
    if (v !== undefined && [...v].length > max) {
      issue(f, 'TOO_LONG', `${f} is longer than ${max} characters`);
      delete raw[f];
    }
  }

  const out: Partial<ImportedCustomer> = {};
  if (raw.name !== undefined) out.name = raw.name.replace(/\s+/g, ' ');
  if (raw.phone !== undefined) {
    const p = checkPhone(raw.phone);
    if (p.ok) out.phone = p.phone;
    else issue('phone', 'PHONE_INVALID', p.message);
  }
  if (raw.email !== undefined) {
    const email = raw.email.toLowerCase();
    if (EMAIL.test(email)) out.email = email;
    else issue('email', 'EMAIL_INVALID', 'not an e-mail address');
  }
  if (raw.segment !== undefined) {
    const s = lookup(raw.segment, SEGMENTS);
    if (s) out.segment = s;
    else issue('segment', 'SEGMENT_INVALID', `unknown segment "${raw.segment}"`);
  }
  if (raw.tier !== undefined) {
    const t = lookup(raw.tier, TIERS);
    if (t) out.tier = t;
    else issue('tier', 'TIER_INVALID', `unknown tier "${raw.tier}" (HIGH/MID/LOW or 高/中/低)`);
  }
  if (raw.programme !== undefined) out.programme = raw.programme;
  if (raw.notes !== undefined) out.notes = raw.notes;
  for (const f of ['enrolledAt', 'completedAt'] as const) {
    const v = raw[f];
    if (v === undefined) continue;
    const day = parseDay(v);
    if (day) out[f] = day;
    else issue(f, 'DATE_INVALID', `"${v}" is not a date (YYYY-MM-DD)`);
  }
  if (raw.refusesVisits !== undefined) {
    const k = key(raw.refusesVisits);
    if (TRUE_WORDS.includes(k)) out.refusesVisits = true;
    else if (FALSE_WORDS.includes(k)) out.refusesVisits = false;
    else issue('refusesVisits', 'BOOLEAN_INVALID', 'expected 是 or 否 (true/false)');
  }
  if (raw.preferredChannel !== undefined) {
    const c = lookup(raw.preferredChannel, CHANNELS);
    if (c) out.preferredChannel = c;
    else issue('preferredChannel', 'CHANNEL_INVALID', `unknown channel "${raw.preferredChannel}"`);
  }
  if (raw.preferredTime !== undefined) {
    const range = parseTimeRange(raw.preferredTime);
    if (range) {
      out.preferredTimeFrom = range.from;
      out.preferredTimeTo = range.to;
    } else issue('preferredTime', 'TIME_RANGE_INVALID', 'expected a time window such as 09:00-12:00');
  }

  if (issues.length > 0) return { ok: false, issues };
  return { ok: true, customer: out as ImportedCustomer };
}

export interface ImportRowError {
  row: number;
  field?: ImportField;
  reason: ImportReason;
  message: string;
}

export interface ValidatedImport {
  /** data rows that are not blank */
  total: number;
  /** in file order */
  rows: Array<{ row: number; customer: ImportedCustomer | null }>;
  /** in file order */
  errors: ImportRowError[];
  /** rows with at least one error */
  invalid: number;
}

export const isBlankRow = (cells: readonly (string | null | undefined)[]) =>
  cells.every((c) => c === null || c === undefined || c.trim() === '');

/** Checks a file's data rows one at a time, as they are read: `add` each row in file order, then take `result`. */
export interface ImportRowsValidator {
  /** One row of cells, `row` its spreadsheet row number; a blank row is skipped and not counted. */
  add(cells: readonly (string | null | undefined)[], row: number): void;
  /** What the rows added so far make (the same object as rows are added). */
  readonly result: ValidatedImport;
}

/**
 * validateImportRows one row at a time, so that a file read as a stream never needs its cells all
 * at once. A phone number seen on an earlier row makes the later row an error.
 */
export function importRowsValidator(columns: readonly (ImportField | null)[]): ImportRowsValidator {
  const result: ValidatedImport = { total: 0, rows: [], errors: [], invalid: 0 };
  const phones = new Map<string, number>();
  return {
    result,
    add(cells, row) {
      if (isBlankRow(cells)) return;
      result.total++;
      const parsed = parseImportRow(cells, columns);
      if (!parsed.ok) {
        result.invalid++;
        result.rows.push({ row, customer: null });
        for (const is of parsed.issues) result.errors.push({ row, ...is });
        return;
      }
      const earlier = phones.get(parsed.customer.phone);
      if (earlier !== undefined) {
        result.invalid++;
        result.rows.push({ row, customer: null });
        result.errors.push({
          row,
          field: 'phone',
          reason: 'DUPLICATE_IN_FILE',
          message: `the same phone number is on row ${earlier}`,
        });
        return;
      }
      phones.set(parsed.customer.phone, row);
      result.rows.push({ row, customer: parsed.customer });
    },
  };
}

/**
 * Checks every data row of a file. `rows[i]` is spreadsheet row `firstRow + i` (the header
 * being row 1, data starts at 2); blank rows are skipped and not counted. A phone number
 * seen on an earlier row makes the later row an error.
 */
export function validateImportRows(
  rows: readonly (readonly (string | null | undefined)[])[],
  columns: readonly (ImportField | null)[],
  firstRow = 2,
): ValidatedImport {
  const validator = importRowsValidator(columns);
  rows.forEach((cells, i) => {
    validator.add(cells, firstRow + i);
  });
  return validator.result;
}

/** The stored values an import may change. Days as `YYYY-MM-DD`. */
export interface StoredImportFields {
  name: string;
  email: string | null;
  segment: TSegment;
  tier: TTier;
  programme: string | null;
  enrolledAt: string | null;
  completedAt: string | null;
  refusesVisits: boolean;
  preferredChannel: TChannel | null;
  preferredTimeFrom: string | null;
  preferredTimeTo: string | null;
  notes: string | null;
}

const COMPARED: readonly (keyof StoredImportFields)[] = [
  'name',
  'email',
  'segment',
  'tier',
  'programme',
  'enrolledAt',
  'completedAt',
  'refusesVisits',
  'preferredChannel',
  'preferredTimeFrom',
  'preferredTimeTo',
  'notes',
];

/** The fields a row would change on a stored customer (empty when re-importing the same data). */
export function importChanges(
  stored: StoredImportFields,
  incoming: ImportedCustomer,
): Partial<StoredImportFields> {
  const changes: Partial<StoredImportFields> = {};
  for (const f of COMPARED) {
    const v = incoming[f as keyof ImportedCustomer];
    if (v === undefined) continue;
    if (stored[f] !== v) (changes as Record<string, unknown>)[f] = v;
  }
  return changes;
}

// ── export: the import's own columns and words, so an exported file can be edited and imported
// again (docs/rules.md#r-cus-3-customer-export) ──

/** The export's languages: Chinese words (the template's), or English column names and codes. */
export type ExportLanguage = 'zh-CN' | 'en';

/** A stored customer, as exported: the import's fields and the phone. */
export type ExportedCustomer = StoredImportFields & { phone: string };

/** The export's header row: the template's names in Chinese, the fields' own names otherwise (both accepted names). */
export function customerExportHeader(lang: ExportLanguage): string[] {
  return IMPORT_FIELDS.map((f) => (lang === 'zh-CN' ? IMPORT_HEADERS[f][0]! : f));
}

/** One customer as an export row, in the order of `customerExportHeader`; blank for no value. */
export function customerExportRow(c: ExportedCustomer, lang: ExportLanguage): string[] {
  const zh = lang === 'zh-CN';
  const values: Record<ImportField, string> = {
    name: c.name,
    phone: c.phone,
    email: c.email ?? '',
    segment: zh ? SEGMENT_LABELS[c.segment][0]! : c.segment,
    tier: zh ? TIER_LABELS[c.tier][0]! : c.tier,
    programme: c.programme ?? '',
    enrolledAt: c.enrolledAt ?? '',
    completedAt: c.completedAt ?? '',
    refusesVisits: zh ? (c.refusesVisits ? '是' : '否') : String(c.refusesVisits),
    preferredChannel: c.preferredChannel
      ? zh
        ? CHANNEL_LABELS[c.preferredChannel][0]!
        : c.preferredChannel
      : '',
    preferredTime:
      c.preferredTimeFrom && c.preferredTimeTo ? `${c.preferredTimeFrom}-${c.preferredTimeTo}` : '',
    notes: c.notes ?? '',
  };
  return IMPORT_FIELDS.map((f) => values[f]);
}

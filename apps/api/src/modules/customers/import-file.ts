// Reading an uploaded import file (CSV or XLSX) into checked rows, and writing a template: for the
// customer import and, with their own columns and rows (ImportFormat), the customer event import.
// The file is read as a stream of rows, each checked as it comes and only what the import writes
// kept (docs/rules.md#r-cus-2-customer-import): the cells of the whole file never sit in memory.
import { isUtf8 } from 'node:buffer';
import path from 'node:path';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { IMPORT_LIMITS } from '@huifang/contracts';
import {
  dateToDay,
  type HeaderMapping,
  IMPORT_HEADERS,
  IMPORT_TEMPLATE,
  importRowsValidator,
  mapImportHeader,
  type ValidatedImport,
} from '@huifang/domain';
import { parse } from 'csv-parse/sync';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { toCsv } from '../../lib/csv.ts';
import { AppError, invalid, ruleViolation } from '../../lib/errors.ts';
import {
  EXCEL_MAX_CELL_CHARS,
  eachFirstSheetRow,
  writeXlsx,
  XlsxLimitError,
  type XlsxReadLimits,
  type XlsxSheet,
  type XlsxValue,
} from '../../lib/xlsx.ts';

export type Cells = string[];

/** Takes a file's rows as they are read: the cells as text, the row's number (from 1). `false` ends the reading. */
export type RowSink = (cells: Cells, row: number) => boolean;

/** What one kind of import file holds: which header cell is which field, and how its rows are checked. */
export interface ImportFormat<R extends { total: number } = ValidatedImport> {
  mapHeader(cells: Cells): HeaderMapping<string>;
  /** a checker of the data rows under this header, each `add`ed as it is read */
  rows(columns: (string | null)[]): { add(cells: Cells, row: number): void; readonly result: R };
}

/** The customer file (docs/rules.md#r-cus-2-customer-import). */
export const CUSTOMER_FILE: ImportFormat = {
  mapHeader: mapImportHeader,
  rows: (columns) => importRowsValidator(columns as Parameters<typeof importRowsValidator>[0]),
};

export interface UploadedFile<R = ValidatedImport> {
  fileName: string;
  /** its rows, checked; the cells themselves are not kept */
  validated: R;
}

const unsupported = () =>
  new AppError(
    'UNSUPPORTED_MEDIA_TYPE',
    'Upload a .csv (UTF-8) or .xlsx file',
    { accepted: ['.csv', '.xlsx'] },
    415,
  );

export const tooLarge = () =>
  ruleViolation(`The file is larger than ${IMPORT_LIMITS.maxBytes / 1024 / 1024} MB`, {
    reason: 'FILE_TOO_LARGE',
    maxBytes: IMPORT_LIMITS.maxBytes,
  });

const unreadable = (why: string) =>
  ruleViolation(`The file cannot be read: ${why}`, { reason: 'FILE_UNREADABLE' });

const drain = (stream: NodeJS.ReadableStream) =>
  pipeline(stream, new Writable({ write: (_chunk, _enc, cb) => cb() })).catch(() => {});

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** Bodies sent as the file itself (not multipart); the route's parser hands them over as a Buffer. */
export const RAW_UPLOAD_TYPES = ['text/csv', XLSX_MIME];

function kindOf(fileName: string, mimetype: string | undefined): 'csv' | 'xlsx' | null {
  const ext = path.extname(fileName).toLowerCase();
  if (ext === '.csv') return 'csv';
  if (ext === '.xlsx') return 'xlsx';
  if (ext) return null;
  const mime = (mimetype ?? '').split(';')[0]!.trim().toLowerCase();
  return mime === 'text/csv' ? 'csv' : mime === XLSX_MIME ? 'xlsx' : null;
}

/**
 * Checks a file's rows as they are read. The first non-blank row is the header: one without a
 * required column or naming one twice ends the reading, and the file is refused on it alone.
 * Each row after it is validated on the spot. Past 50 000 data rows nothing more is validated,
 * only counted, and the file is refused with the count.
 */
class FileCheck<R extends { total: number }> {
  private validator: ReturnType<ImportFormat<R>['rows']> | null = null;
  private refusal: AppError | null = null;
  private rows = 0;

  constructor(private readonly format: ImportFormat<R>) {}

  readonly sink: RowSink = (cells, row) => {
    if (this.refusal) return false;
    const validator = this.validator;
    if (validator) {
      if (validator.result.total < IMPORT_LIMITS.maxRows) validator.add(cells, row);
      else if (!isBlankRow(cells)) this.rows++;
      return true;
    }
    if (isBlankRow(cells)) return true;
    const mapping = this.format.mapHeader(cells);
    if (mapping.missing.length > 0)
      this.refusal = ruleViolation(`Required columns are missing: ${mapping.missing.join(', ')}`, {
        reason: 'MISSING_COLUMNS',
        missing: mapping.missing,
        found: cells.filter((h) => h.trim() !== ''),
      });
    else if (mapping.duplicates.length > 0)
      this.refusal = ruleViolation(`Columns appear twice: ${mapping.duplicates.join(', ')}`, {
        reason: 'DUPLICATE_COLUMNS',
        duplicates: mapping.duplicates,
      });
    if (this.refusal) return false;
    this.validator = this.format.rows(mapping.columns);
    return true;
  };

  /** The checked rows, or the reason the file is refused (422). */
  result(): R {
    if (this.refusal) throw this.refusal;
    if (!this.validator) throw ruleViolation('The file is empty', { reason: 'EMPTY_FILE' });
    const validated = this.validator.result;
    if (validated.total === 0) throw ruleViolation('The file has no data rows', { reason: 'EMPTY_FILE' });
    if (this.rows > 0)
      throw ruleViolation(`The file has more than ${IMPORT_LIMITS.maxRows} rows`, {
        reason: 'TOO_MANY_ROWS',
        maxRows: IMPORT_LIMITS.maxRows,
        rows: validated.total + this.rows,
      });
    return validated;
  }
}

const isBlankRow = (cells: Cells) => cells.every((c) => c.trim() === '');

/** A file's rows, checked (422 for a file the import refuses whole): a customer file unless `format` says otherwise. */
export async function checkImportFile(kind: 'csv' | 'xlsx', buffer: Buffer): Promise<ValidatedImport>;
export async function checkImportFile<R extends { total: number }>(
  kind: 'csv' | 'xlsx',
  buffer: Buffer,
  format: ImportFormat<R>,
): Promise<R>;
export async function checkImportFile(
  kind: 'csv' | 'xlsx',
  buffer: Buffer,
  format: ImportFormat<{ total: number }> = CUSTOMER_FILE,
): Promise<{ total: number }> {
  const check = new FileCheck(format);
  if (kind === 'csv') parseCsv(buffer, check.sink);
  else await parseXlsx(buffer, check.sink);
  return check.result();
}

/** A multipart body the parser cannot read (cut short, no boundary, broken part headers): 400. */
function malformed(error: unknown): Error {
  if (error instanceof AppError) return error;
  return invalid('The upload is not a readable multipart body', [
    { path: 'file', message: error instanceof Error ? error.message : 'unreadable' },
  ]);
}

/**
 * The uploaded file, received whole (at most 20 MB) and its rows checked as they are read: the
 * file part of a multipart body (field `file`), or a body that is the file itself (text/csv or xlsx).
 */
export async function readUpload<R extends { total: number }>(
  req: FastifyRequest,
  format: ImportFormat<R>,
  rawName?: string,
): Promise<UploadedFile<R>> {
  if (Buffer.isBuffer(req.body)) {
    const fileName = (rawName || 'import').slice(0, 200);
    const kind = kindOf(rawName ?? '', req.headers['content-type']);
    if (!kind) throw unsupported();
    return { fileName, validated: await checkImportFile(kind, req.body, format) };
  }
  if (!req.isMultipart()) throw unsupported();
  const part = await req
    .file({ limits: { fileSize: IMPORT_LIMITS.maxBytes, files: 1 } })
    .catch((error: unknown) => {
      throw malformed(error);
    });
  if (!part) throw invalid('No file was sent', [{ path: 'file', message: 'required' }]);
  const kind = kindOf(part.filename ?? '', part.mimetype);
  if (!kind) {
    await drain(part.file);
    throw unsupported();
  }
  let buffer: Buffer;
  try {
    buffer = await part.toBuffer();
  } catch (error) {
    if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge();
    throw malformed(error);
  }
  if (part.file.truncated) throw tooLarge();
  const fileName = (part.filename || `import.${kind}`).slice(0, 200);
  return { fileName, validated: await checkImportFile(kind, buffer, format) };
}

/**
 * Lets an import route take the file as the body itself (text/csv or xlsx; scoped to the plugin
 * that calls it), and answers a raw body over the limit with the 422 of an oversized multipart file.
 */
export function acceptRawUploads(app: FastifyInstance): void {
  app.addContentTypeParser(
    RAW_UPLOAD_TYPES,
    { parseAs: 'buffer', bodyLimit: IMPORT_LIMITS.maxBytes },
    (_req, body, done) => done(null, body),
  );
}

/** An import route's onRequest hook: a raw body declared larger than the limit is refused before it is read. */
export async function refuseOversizedRaw(req: FastifyRequest): Promise<void> {
  if (!req.isMultipart() && Number(req.headers['content-length']) > IMPORT_LIMITS.maxBytes) throw tooLarge();
}

/** Excel's Chinese default, for files that are not valid UTF-8. */
function decodeGb18030(buffer: Buffer): string {
  try {
    return new TextDecoder('gb18030').decode(buffer);
  } catch {
    throw unreadable('the text is neither UTF-8 nor GB18030');
  }
}

/** Ends csv-parse's reading from inside its record callback. */
const STOP = new Error('stop');

/**
 * Hands the rows of a CSV file to `sink` as they are parsed, none kept: UTF-8 (with or without
 * BOM) read as the bytes it is, a file that is not valid UTF-8 as GB18030. The delimiter is the
 * one of `,`, tab and `;` that splits the first line most.
 */
export function parseCsv(buffer: Buffer, sink: RowSink): void {
  if (buffer.includes(0)) throw unreadable('this is not a text file');
  const input = isUtf8(buffer) ? buffer : Buffer.from(decodeGb18030(buffer), 'utf8');
  const lineEnd = input.indexOf(0x0a);
  const firstLine = input
    .subarray(0, lineEnd < 0 ? input.length : lineEnd)
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .replace(/\r$/, '');
  const delimiter = [',', '\t', ';'].reduce((best, d) =>
    firstLine.split(d).length > firstLine.split(best).length ? d : best,
  );
  let row = 0;
  try {
    parse(input, {
      delimiter,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
      bom: true,
      on_record: (record: Cells) => {
        if (!sink(record, ++row)) throw STOP;
        return null;
      },
    });
  } catch (error) {
    if (error === STOP) return;
    if (error instanceof AppError) throw error;
    throw unreadable((error as Error).message);
  }
}

/**
 * What an uploaded workbook may hold (docs/rules.md#r-cus-2-customer-import), checked while it is
 * unpacked: its XML at most 100 MB (a 50 000-row file of the template's twelve columns is ≈ 27 MB),
 * at most 50 000 data rows after the header, a cell at most Excel's 32 767 characters; columns
 * past the 256th (the old .xls limit) are not read. No row is kept: each is checked as it is read.
 */
export const XLSX_LIMITS: XlsxReadLimits = {
  maxUnpackedBytes: 100 * 1024 * 1024,
  maxRows: IMPORT_LIMITS.maxRows + 1,
  maxCellChars: EXCEL_MAX_CELL_CHARS,
  maxColumns: 256,
};

function cellText(value: XlsxValue | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isInteger(value) ? value.toFixed(0) : String(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  // A time without a day (Excel's 1899-12-30) is a time of day
  if (value.getUTCFullYear() < 1901) return value.toISOString().slice(11, 16);
  return dateToDay(value);
}

function overLimit(error: XlsxLimitError, limits: XlsxReadLimits) {
  switch (error.limit) {
    case 'ROWS':
      return ruleViolation(`The file has more than ${IMPORT_LIMITS.maxRows} rows`, {
        reason: 'TOO_MANY_ROWS',
        maxRows: IMPORT_LIMITS.maxRows,
      });
    case 'UNPACKED_SIZE':
      return ruleViolation(error.message, {
        reason: 'UNPACKED_TOO_LARGE',
        maxUnpackedBytes: limits.maxUnpackedBytes,
      });
    case 'CELL_LENGTH':
      return ruleViolation(error.message, {
        reason: 'CELL_TOO_LONG',
        maxCellChars: limits.maxCellChars,
        ...(error.row ? { row: error.row } : {}),
      });
  }
}

/** Hands the first sheet's rows to `sink` as text as they are read; refused (422) past XLSX_LIMITS, without reading further. */
export async function parseXlsx(
  buffer: Buffer,
  sink: RowSink,
  limits: XlsxReadLimits = XLSX_LIMITS,
): Promise<void> {
  try {
    await eachFirstSheetRow(buffer, limits, (row, n) => row.length === 0 || sink(row.map(cellText), n));
  } catch (error) {
    if (error instanceof XlsxLimitError) throw overLimit(error, limits);
    if (error instanceof AppError) throw error;
    throw unreadable((error as Error).message);
  }
}

/** A template: its sheet, header and example row, and a help sheet with a line a column. */
export interface ImportTemplate {
  sheetName: string;
  header: string[];
  example: string[];
  /** per column (in header order): its accepted names, 必填 or 选填, and what it takes */
  help: [names: readonly string[], required: string, text: string][];
  /** the help sheet's last line */
  footnote: string;
}

export function templateCsv(template: ImportTemplate = CUSTOMER_TEMPLATE): Buffer {
  return Buffer.from(toCsv([template.header, template.example]), 'utf8');
}

export async function templateXlsx(template: ImportTemplate = CUSTOMER_TEMPLATE): Promise<Buffer> {
  const sheet: XlsxSheet = {
    name: template.sheetName,
    rows: [template.header, template.example],
    boldRows: [0],
    freezeHeader: true,
    // Phone numbers and dates as text, so Excel keeps leading digits and the format
    columns: template.header.map((h, i) => ({
      width: Math.max(12, h.length * 2 + 4, (template.example[i] ?? '').length + 4),
      format: 'text',
    })),
  };
  const help: XlsxSheet = {
    name: '说明',
    rows: [
      ['列', '是否必填', '说明'],
      ...template.help.map(([names, required, text]) => [names.join(' / '), required, text]),
      [],
      ['', '', template.footnote],
    ],
    boldRows: [0],
    columns: [{ width: 40 }, { width: 10 }, { width: 70 }],
  };
  return writeXlsx([sheet, help]);
}

/** Sends a template as `?format=csv|xlsx` asks, named `<asciiName>.<ext>` and, where understood, `<name>.<ext>`. */
export async function sendTemplate(
  reply: FastifyReply,
  format: 'csv' | 'xlsx',
  template: ImportTemplate,
  names: { name: string; asciiName: string },
) {
  const csv = format === 'csv';
  const ext = csv ? 'csv' : 'xlsx';
  return reply
    .header('content-type', csv ? 'text/csv; charset=utf-8' : XLSX_MIME)
    .header(
      'content-disposition',
      `attachment; filename="${names.asciiName}.${ext}"; filename*=UTF-8''${encodeURIComponent(`${names.name}.${ext}`)}`,
    )
    .send(csv ? templateCsv(template) : await templateXlsx(template));
}

const CUSTOMER_NOTES: Record<keyof typeof IMPORT_HEADERS, [string, string]> = {
  name: ['必填', '客户姓名'],
  phone: ['必填', '7–15 位数字；11 位手机号以 1 开头；同一手机号视为同一客户'],
  email: ['选填', ''],
  segment: ['必填', '意向客户 / 新报名学员 / 在读学员 / 结业学员 / 重点客户 / 流失客户'],
  tier: ['必填', '高 / 中 / 低（HIGH / MID / LOW）'],
  programme: ['选填', ''],
  enrolledAt: ['选填', 'YYYY-MM-DD'],
  completedAt: ['选填', 'YYYY-MM-DD'],
  refusesVisits: ['选填', '是 / 否'],
  preferredChannel: ['选填', '电话 / 短信 / 邮件 / 在线问卷 / 面访'],
  preferredTime: ['选填', '如 09:00-12:00'],
  notes: ['选填', ''],
};

/** The customer import's template. */
export const CUSTOMER_TEMPLATE: ImportTemplate = {
  sheetName: '客户',
  header: IMPORT_TEMPLATE.header,
  example: IMPORT_TEMPLATE.example,
  help: Object.entries(CUSTOMER_NOTES).map(([field, [required, text]]) => [
    IMPORT_HEADERS[field as keyof typeof IMPORT_HEADERS],
    required,
    text,
  ]),
  footnote: '空白单元格不会覆盖已有数据；重复导入同一文件不会产生变化。',
};

// Reading an uploaded customer file (CSV or XLSX) into rows of strings, and writing the template.
import path from 'node:path';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { IMPORT_LIMITS } from '@huifang/contracts';
import { dateToDay, IMPORT_HEADERS, IMPORT_TEMPLATE, mapImportHeader } from '@huifang/domain';
import { parse } from 'csv-parse/sync';
import type { FastifyRequest } from 'fastify';
import { toCsv } from '../../lib/csv.ts';
import { AppError, invalid, ruleViolation } from '../../lib/errors.ts';
import {
  EXCEL_MAX_CELL_CHARS,
  readFirstSheet,
  writeXlsx,
  XlsxLimitError,
  type XlsxReadLimits,
  type XlsxRow,
  type XlsxSheet,
  type XlsxValue,
} from '../../lib/xlsx.ts';

export type Cells = string[];

export interface UploadedFile {
  fileName: string;
  rows: Cells[];
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

async function parseFile(kind: 'csv' | 'xlsx', buffer: Buffer): Promise<Cells[]> {
  return kind === 'csv' ? parseCsv(buffer) : parseXlsx(buffer);
}

/**
 * The uploaded file, read whole (at most 20 MB) and parsed into rows: the file part of a
 * multipart body (field `file`), or a body that is the file itself (text/csv or xlsx).
 */
/** A multipart body the parser cannot read (cut short, no boundary, broken part headers): 400. */
function malformed(error: unknown): Error {
  if (error instanceof AppError) return error;
  return invalid('The upload is not a readable multipart body', [
    { path: 'file', message: error instanceof Error ? error.message : 'unreadable' },
  ]);
}

export async function readUpload(req: FastifyRequest, rawName?: string): Promise<UploadedFile> {
  if (Buffer.isBuffer(req.body)) {
    const fileName = (rawName || 'import').slice(0, 200);
    const kind = kindOf(rawName ?? '', req.headers['content-type']);
    if (!kind) throw unsupported();
    return { fileName, rows: await parseFile(kind, req.body) };
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
  return { fileName, rows: await parseFile(kind, buffer) };
}

/** UTF-8 (with or without BOM); files that are not valid UTF-8 are read as GB18030, Excel's Chinese default. */
function decode(buffer: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buffer);
  } catch {
    try {
      return new TextDecoder('gb18030').decode(buffer);
    } catch {
      throw unreadable('the text is neither UTF-8 nor GB18030');
    }
  }
}

export function parseCsv(buffer: Buffer): Cells[] {
  if (buffer.includes(0)) throw unreadable('this is not a text file');
  const text = decode(buffer).replace(/^\uFEFF/, '');
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const delimiter = [',', '\t', ';'].reduce((best, d) =>
    firstLine.split(d).length > firstLine.split(best).length ? d : best,
  );
  try {
    return parse(text, {
      delimiter,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
      bom: true,
    }) as Cells[];
  } catch (error) {
    throw unreadable((error as Error).message);
  }
}

/**
 * What an uploaded workbook may hold (docs/rules.md#r-cus-2-customer-import), checked while it is
 * unpacked: its XML at most 100 MB (a 50 000-row file of the template's twelve columns is ≈ 27 MB),
 * at most 50 000 data rows after the header, a cell at most Excel's 32 767 characters; columns
 * past the 256th (the old .xls limit) are not read, and of the others only those the header maps
 * to a field are kept.
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

const blankCell = (v: XlsxValue | undefined) => cellText(v).trim() === '';

/**
 * Keeps of each row only the columns the import reads, so that a sheet's other columns cost no
 * memory: the header row (the first non-blank one) and every row after it become the mapped
 * columns, in their order. A row with data only in other columns keeps one such cell after them,
 * so it still counts as a row (and fails as one). A header that misses a required column or
 * names one twice is kept whole and ends the reading: the file is refused on it alone.
 */
function importedColumns(): (row: XlsxRow) => XlsxRow | null {
  let keep: number[] | null = null;
  return (row) => {
    if (!keep) {
      const mapping = mapImportHeader(row.map(cellText));
      if (mapping.missing.length > 0 || mapping.duplicates.length > 0) return null;
      keep = mapping.columns.flatMap((field, i) => (field ? [i] : []));
    }
    const kept = keep.map((i) => row[i] ?? null);
    if (kept.every(blankCell)) kept.push(row.find((v) => !blankCell(v)) ?? null);
    return kept;
  };
}

/** The first sheet's rows as text; refused (422) past XLSX_LIMITS, without reading further. */
export async function parseXlsx(buffer: Buffer, limits: XlsxReadLimits = XLSX_LIMITS): Promise<Cells[]> {
  try {
    const rows = await readFirstSheet(buffer, limits, importedColumns());
    // As text in place, so that the sheet is never held twice
    for (const row of rows) for (let i = 0; i < row.length; i++) row[i] = cellText(row[i]);
    return rows as Cells[];
  } catch (error) {
    if (error instanceof XlsxLimitError) throw overLimit(error, limits);
    throw unreadable((error as Error).message);
  }
}

export function templateCsv(): Buffer {
  return Buffer.from(toCsv([IMPORT_TEMPLATE.header, IMPORT_TEMPLATE.example]), 'utf8');
}

export async function templateXlsx(): Promise<Buffer> {
  const customers: XlsxSheet = {
    name: '客户',
    rows: [IMPORT_TEMPLATE.header, IMPORT_TEMPLATE.example],
    boldRows: [0],
    freezeHeader: true,
    // Phone numbers and dates as text, so Excel keeps leading digits and the format
    columns: IMPORT_TEMPLATE.header.map((h, i) => ({
      width: Math.max(12, h.length * 2 + 4, (IMPORT_TEMPLATE.example[i] ?? '').length + 4),
      format: 'text',
    })),
  };
  const notes: Record<string, [string, string]> = {
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
  const help: XlsxSheet = {
    name: '说明',
    rows: [
      ['列', '是否必填', '说明'],
      ...Object.entries(notes).map(([field, [required, text]]) => [
        IMPORT_HEADERS[field as keyof typeof IMPORT_HEADERS].join(' / '),
        required,
        text,
      ]),
      [],
      ['', '', '空白单元格不会覆盖已有数据；重复导入同一文件不会产生变化。'],
    ],
    boldRows: [0],
    columns: [{ width: 40 }, { width: 10 }, { width: 70 }],
  };
  return writeXlsx([customers, help]);
}

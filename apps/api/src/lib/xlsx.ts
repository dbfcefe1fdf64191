// The product's XLSX reader and writer (docs/decisions/010-xlsx.md): yauzl opens the zip,
// Node's zlib inflates one part at a time, sax reads its XML as it arrives.
//
// The reader takes the first worksheet only and keeps what an import needs — cell values, never
// styles beyond "is this number a date" — within limits it checks as it streams
// (docs/rules.md#r-cus-2-customer-import): the bytes inflated, the non-blank rows, the characters
// of one cell, the columns. A part whose declared size is over the budget is refused before a
// byte of it is inflated; one that lies about its size is stopped by yauzl at the size it
// declared. sax keeps each of its buffers under 64 KB and expands no DTD entities.
//
// The writer makes small workbooks (an export, a template) whole in memory, with inline strings.
import { posix } from 'node:path';
import sax from 'sax';
import yauzl from 'yauzl';
import yazl from 'yazl';

/** A cell as stored: text, a number, a boolean, a date (a number in a date format), or nothing. */
export type XlsxValue = string | number | boolean | Date | null;
export type XlsxRow = XlsxValue[];

/**
 * What to keep of each non-blank row as it is read: the row to store in its place, or `null` to
 * store it whole and read no further.
 */
export type XlsxRowFilter = (row: XlsxRow) => XlsxRow | null;

/** Takes one row as it is read, with its row number; `false` ends the reading. */
export type XlsxRowHandler = (row: XlsxRow, rowNumber: number) => boolean;

export interface XlsxReadLimits {
  /** Bytes inflated, all parts read together (the worksheet, shared strings, styles, workbook). */
  maxUnpackedBytes: number;
  /** Non-blank rows of the first sheet; one more stops the reading. */
  maxRows: number;
  /** Characters of one cell (Excel's own limit is 32 767). */
  maxCellChars: number;
  /** Cells right of this many columns are not read. */
  maxColumns: number;
}

/** Excel's own limits: 32 767 characters in a cell, 1 048 576 rows in a sheet. */
export const EXCEL_MAX_CELL_CHARS = 32_767;
export const EXCEL_MAX_ROWS = 1_048_576;
/** Zip entries looked at; a workbook has a dozen, a few hundred with pictures. */
const MAX_ENTRIES = 10_000;

export type XlsxLimit = 'UNPACKED_SIZE' | 'ROWS' | 'CELL_LENGTH';

/** The file is over one of the limits; nothing past the limit was read. */
export class XlsxLimitError extends Error {
  constructor(
    readonly limit: XlsxLimit,
    message: string,
    readonly row?: number,
  ) {
    super(message);
  }
}

/** The file is not a workbook this reader understands. */
export class XlsxFormatError extends Error {}

const EMPTY_ROW: XlsxRow = Object.freeze([]) as unknown as XlsxRow;

// Built-in number formats that are dates or times (ECMA-376 §18.8.30, and the CJK ones Excel writes).
const DATE_FORMAT_IDS = new Set([
  14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54,
  55, 56, 57, 58,
]);

/** A custom format is a date when, without its [colour/locale] and "literal" parts, it has a date letter. */
function isDateFormat(code: string): boolean {
  return /[ymdhsb]/i.test(code.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, ''));
}

/** Serial day → instant, as Excel counts (1900 system: day 25569 is 1970-01-01). */
function excelDate(serial: number, date1904: boolean): Date {
  return new Date(Math.round((serial - 25569 + (date1904 ? 1462 : 0)) * 86_400_000));
}

const localName = (name: string) => {
  const colon = name.indexOf(':');
  return colon < 0 ? name : name.slice(colon + 1);
};

/** "AB12" → 27 (0-based column), or -1 without letters. */
function columnOf(ref: string): number {
  let n = 0;
  let i = 0;
  for (; i < ref.length; i++) {
    const c = ref.charCodeAt(i);
    if (c >= 65 && c <= 90) n = n * 26 + (c - 64);
    else if (c >= 97 && c <= 122) n = n * 26 + (c - 96);
    else break;
    if (n > 16_384) return 16_384;
  }
  return i === 0 ? -1 : n - 1;
}

/**
 * The text as a string of its own. sax cuts text out of the chunk it was given, and V8 keeps a
 * chunk alive for as long as a piece cut from it lives: kept cells would hold on to the whole XML.
 */
const own = (text: string) => (text.length < 13 ? text : Buffer.from(text, 'utf8').toString('utf8'));

const isBlank = (row: XlsxRow) => row.every((v) => v === null || (typeof v === 'string' && v.trim() === ''));

interface XmlHandlers {
  open(name: string, attrs: Record<string, string>): void;
  close(name: string): void;
  text(text: string): void;
}

/** Stop reading a part: its handlers have what they need. */
class StopPart extends Error {}

/** What a row handler threw, carried out of the XML parser as it was thrown. */
class HandlerError extends Error {
  constructor(readonly thrown: unknown) {
    super('a row handler failed');
  }
}

class Workbook {
  private unpacked = 0;
  private readonly entries = new Map<string, yauzl.Entry>();

  private constructor(
    private readonly zip: yauzl.ZipFile,
    private readonly limits: XlsxReadLimits,
  ) {}

  static async open(buffer: Buffer, limits: XlsxReadLimits): Promise<Workbook> {
    let zip: yauzl.ZipFile;
    try {
      zip = await yauzl.fromBufferPromise(buffer, { lazyEntries: true, autoClose: false });
    } catch (error) {
      throw new XlsxFormatError(`not a zip file (${(error as Error).message})`);
    }
    const book = new Workbook(zip, limits);
    try {
      for await (const entry of zip.eachEntry()) {
        if (book.entries.size >= MAX_ENTRIES) throw new XlsxFormatError('too many parts in the file');
        book.entries.set(entry.fileName.toLowerCase(), entry);
      }
    } catch (error) {
      zip.close();
      if (error instanceof XlsxFormatError) throw error;
      throw new XlsxFormatError(`broken zip file (${(error as Error).message})`);
    }
    return book;
  }

  close() {
    this.zip.close();
  }

  has(part: string): boolean {
    return this.entries.has(part.toLowerCase());
  }

  /** Streams one part through sax; the inflated bytes count against the budget as they come. */
  async read(part: string, handlers: XmlHandlers): Promise<void> {
    const entry = this.entries.get(part.toLowerCase());
    if (!entry) throw new XlsxFormatError(`${part} is missing`);
    const budget = this.limits.maxUnpackedBytes;
    if (this.unpacked + entry.uncompressedSize > budget) throw this.tooLarge();
    let stream: NodeJS.ReadableStream & { destroy(): void };
    try {
      stream = await this.zip.openReadStreamPromise(entry);
    } catch (error) {
      throw new XlsxFormatError(`${part} cannot be unpacked (${(error as Error).message})`);
    }
    // Strict XML, the five XML entities only; sax's buffer checks need it to track its position
    const options: sax.SAXOptions & { strictEntities: boolean } = {
      trim: false,
      normalize: false,
      position: true,
      strictEntities: true,
    };
    const parser = sax.parser(true, options);
    parser.onopentag = (tag) => handlers.open(localName(tag.name), tag.attributes as Record<string, string>);
    parser.onclosetag = (name) => handlers.close(localName(name));
    parser.ontext = (text) => handlers.text(text);
    parser.oncdata = (text) => handlers.text(text);
    parser.onerror = (error) => {
      throw new XlsxFormatError(`${part} is not well-formed XML (${error.message.split('\n')[0]})`);
    };
    const decoder = new TextDecoder('utf-8');
    try {
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        this.unpacked += chunk.length;
        if (this.unpacked > budget) throw this.tooLarge();
        // Chunks of zlib's 16 KB: sax checks its buffers once per write
        parser.write(decoder.decode(chunk, { stream: true }));
      }
      parser.write(decoder.decode());
      parser.close();
    } catch (error) {
      if (error instanceof StopPart) return;
      if (error instanceof HandlerError) throw error.thrown;
      if (error instanceof XlsxLimitError || error instanceof XlsxFormatError) throw error;
      throw new XlsxFormatError(`${part} cannot be unpacked (${(error as Error).message})`);
    } finally {
      stream.destroy();
    }
  }

  private tooLarge() {
    return new XlsxLimitError(
      'UNPACKED_SIZE',
      `The workbook unpacks to more than ${this.limits.maxUnpackedBytes / 1024 / 1024} MB`,
    );
  }
}

/** A relationship target, resolved against the folder of the part that names it. */
function resolveTarget(from: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  return posix.normalize(posix.join(posix.dirname(from), target));
}

async function relationships(
  book: Workbook,
  part: string,
): Promise<Map<string, { type: string; target: string }>> {
  const rels = new Map<string, { type: string; target: string }>();
  const relsPart = posix.join(posix.dirname(part), '_rels', `${posix.basename(part)}.rels`);
  if (!book.has(relsPart)) return rels;
  await book.read(relsPart, {
    open(name, a) {
      if (name === 'Relationship' && a.Id && a.Target && a.TargetMode !== 'External')
        rels.set(a.Id, { type: a.Type ?? '', target: resolveTarget(part, a.Target) });
    },
    close() {},
    text() {},
  });
  return rels;
}

interface SheetContext {
  sharedStrings: string[];
  dateStyles: boolean[];
  date1904: boolean;
}

/** Text of the `<t>` runs of a shared string `si` or an inline `is`, phonetic runs left out. */
class RichText {
  private inT = false;
  private inPhonetic = false;
  text = '';
  constructor(
    private readonly limit: number,
    private readonly onTooLong: () => never,
  ) {}
  open(name: string) {
    if (name === 'rPh') this.inPhonetic = true;
    else if (name === 't' && !this.inPhonetic) this.inT = true;
  }
  close(name: string) {
    if (name === 'rPh') this.inPhonetic = false;
    else if (name === 't') this.inT = false;
  }
  add(text: string) {
    if (!this.inT) return;
    this.text += text;
    if (this.text.length > this.limit) this.onTooLong();
  }
  reset() {
    this.text = '';
    this.inT = false;
    this.inPhonetic = false;
  }
}

const cellTooLong = (limit: number, row?: number): never => {
  throw new XlsxLimitError(
    'CELL_LENGTH',
    `A cell holds more than ${limit} characters, more than Excel allows`,
    row,
  );
};

async function readSharedStrings(book: Workbook, part: string, limits: XlsxReadLimits): Promise<string[]> {
  const strings: string[] = [];
  const rich = new RichText(limits.maxCellChars, () => cellTooLong(limits.maxCellChars));
  let inSi = false;
  await book.read(part, {
    open(name) {
      if (name === 'si') {
        inSi = true;
        rich.reset();
      } else if (inSi) rich.open(name);
    },
    close(name) {
      if (name === 'si') {
        inSi = false;
        strings.push(own(rich.text));
      } else if (inSi) rich.close(name);
    },
    text(t) {
      if (inSi) rich.add(t);
    },
  });
  return strings;
}

/** Which cell styles (`s`, an index into cellXfs) show a number as a date or time. */
async function readDateStyles(book: Workbook, part: string): Promise<boolean[]> {
  const formats = new Map<number, string>();
  const styles: boolean[] = [];
  let inCellXfs = false;
  await book.read(part, {
    open(name, a) {
      if (name === 'numFmt' && a.numFmtId) formats.set(Number(a.numFmtId), a.formatCode ?? '');
      else if (name === 'cellXfs') inCellXfs = true;
      else if (name === 'xf' && inCellXfs) {
        const id = Number(a.numFmtId ?? 0);
        const custom = formats.get(id);
        styles.push(custom !== undefined ? isDateFormat(custom) : DATE_FORMAT_IDS.has(id));
      }
    },
    close(name) {
      if (name === 'cellXfs') throw new StopPart();
    },
    text() {},
  });
  return styles;
}

function cellValue(type: string, raw: string, style: number, ctx: SheetContext): XlsxValue {
  switch (type) {
    case 's':
      return ctx.sharedStrings[Number(raw)] ?? '';
    case 'inlineStr':
    case 'str':
      return own(raw);
    case 'b':
      return raw.trim() === '1' || raw.trim().toLowerCase() === 'true';
    case 'e':
      return null;
    case 'd': {
      const date = new Date(raw);
      return Number.isNaN(date.getTime()) ? own(raw) : date;
    }
    default: {
      if (raw.trim() === '') return null;
      const n = Number(raw);
      if (!Number.isFinite(n)) return own(raw);
      if (ctx.dateStyles[style]) {
        const date = excelDate(n, ctx.date1904);
        if (!Number.isNaN(date.getTime())) return date;
      }
      return n;
    }
  }
}

async function readSheet(
  book: Workbook,
  part: string,
  ctx: SheetContext,
  limits: XlsxReadLimits,
  onRow: XlsxRowHandler,
): Promise<void> {
  let nonBlank = 0;
  let row: XlsxRow | null = null;
  let rowNumber = 0;
  let column = -1;
  // The cell being read
  let inCell = false;
  let type = '';
  let style = 0;
  let inValue = false;
  let value = '';
  let inInline = false;
  const rich = new RichText(limits.maxCellChars, () => cellTooLong(limits.maxCellChars, rowNumber));

  await book.read(part, {
    open(name, a) {
      if (inInline) {
        rich.open(name);
        return;
      }
      if (name === 'row') {
        const r = a.r ? Number(a.r) : rowNumber + 1;
        if (!Number.isInteger(r) || r <= rowNumber || r > EXCEL_MAX_ROWS)
          throw new XlsxFormatError(`row number ${a.r} out of order or out of range`);
        rowNumber = r;
        row = [];
        column = -1;
      } else if (name === 'c' && row) {
        inCell = true;
        const col = a.r ? columnOf(a.r) : -1;
        column = col >= 0 ? col : column + 1;
        type = a.t ?? 'n';
        style = a.s ? Number(a.s) : 0;
        value = '';
        rich.reset();
      } else if (inCell && name === 'v') {
        inValue = true;
      } else if (inCell && name === 'is') {
        inInline = true;
      }
    },
    close(name) {
      if (inInline) {
        if (name === 'is') inInline = false;
        else rich.close(name);
        return;
      }
      if (name === 'v') inValue = false;
      else if (name === 'c' && row) {
        inCell = false;
        if (column >= limits.maxColumns) return;
        const v = cellValue(type, type === 'inlineStr' ? rich.text : value, style, ctx);
        if (v === null || v === '') return;
        while (row.length < column) row.push(null);
        row[column] = v;
      } else if (name === 'row' && row) {
        const blank = isBlank(row);
        if (!blank && ++nonBlank > limits.maxRows)
          throw new XlsxLimitError('ROWS', `The sheet has more than ${limits.maxRows} rows`, rowNumber);
        let go: boolean;
        try {
          go = onRow(blank ? EMPTY_ROW : row, rowNumber);
        } catch (error) {
          throw new HandlerError(error);
        }
        row = null;
        if (!go) throw new StopPart();
      } else if (name === 'sheetData') {
        // The rest (merged cells, hyperlinks, print settings) holds no values
        throw new StopPart();
      }
    },
    text(t) {
      if (inInline) rich.add(t);
      else if (inValue) {
        value += t;
        if (value.length > limits.maxCellChars) cellTooLong(limits.maxCellChars, rowNumber);
      }
    },
  });
}

/**
 * The rows of the workbook's first sheet, row n at index n − 1 (rows the file skips are empty),
 * cells at their column (empty ones `null`), or what `filter` kept of them. Throws XlsxLimitError
 * past a limit and XlsxFormatError for anything that is not a readable workbook.
 */
export async function readFirstSheet(
  buffer: Buffer,
  limits: XlsxReadLimits,
  filter?: XlsxRowFilter,
): Promise<XlsxRow[]> {
  const rows: XlsxRow[] = [];
  await eachFirstSheetRow(buffer, limits, (row, rowNumber) => {
    while (rows.length < rowNumber - 1) rows.push(EMPTY_ROW);
    const kept = row === EMPTY_ROW || !filter ? row : filter(row);
    rows.push(kept ?? row);
    return kept !== null;
  });
  return rows;
}

/**
 * Hands over the rows of the workbook's first sheet one at a time as they are read, none kept:
 * each row with its number (from 1; rows the file skips are not handed over, blank ones are, as
 * an empty row), cells at their column (empty ones `null`). `false` from `onRow` ends the reading.
 * Throws as readFirstSheet does.
 */
export async function eachFirstSheetRow(
  buffer: Buffer,
  limits: XlsxReadLimits,
  onRow: XlsxRowHandler,
): Promise<void> {
  const book = await Workbook.open(buffer, limits);
  try {
    const root = await relationships(book, '');
    const main =
      [...root.values()].find((r) => r.type.endsWith('/officeDocument'))?.target ?? 'xl/workbook.xml';
    const rels = await relationships(book, main);
    let firstSheet: string | undefined;
    let date1904 = false;
    await book.read(main, {
      open(name, a) {
        if (name === 'workbookPr') date1904 = a.date1904 === '1' || a.date1904 === 'true';
        else if (name === 'sheet' && firstSheet === undefined) {
          const id =
            a['r:id'] ?? Object.entries(a).find(([k]) => localName(k) === 'id' && k !== 'sheetId')?.[1];
          firstSheet = (id && rels.get(id)?.target) ?? '';
        }
      },
      close(name) {
        if (name === 'sheets') throw new StopPart();
      },
      text() {},
    });
    if (firstSheet === undefined) return;
    if (!firstSheet || !book.has(firstSheet)) throw new XlsxFormatError('the first sheet is missing');
    const partOf = (kind: string) => [...rels.values()].find((r) => r.type.endsWith(`/${kind}`))?.target;
    const sst = partOf('sharedStrings');
    const styles = partOf('styles');
    const ctx: SheetContext = {
      sharedStrings: sst && book.has(sst) ? await readSharedStrings(book, sst, limits) : [],
      dateStyles: styles && book.has(styles) ? await readDateStyles(book, styles) : [],
      date1904,
    };
    await readSheet(book, firstSheet, ctx, limits, onRow);
  } finally {
    book.close();
  }
}

// ---------------------------------------------------------------------------------------------
// Writer

export interface XlsxColumn {
  /** In characters, as Excel measures. */
  width?: number;
  /** `text`: typed entries stay text (phone numbers keep their digits); `0.00`: two decimals. */
  format?: 'text' | '0.00';
}

export interface XlsxSheet {
  name: string;
  rows: readonly (readonly (string | number | null | undefined)[])[];
  columns?: readonly XlsxColumn[];
  /** Rows (0-based) in bold. */
  boldRows?: readonly number[];
  /** Keep the first row in view while scrolling. */
  freezeHeader?: boolean;
}

// cellXfs: index = (bold ? 1 : 0) + 2 × format (none, text, 0.00)
const FORMAT_INDEX = { none: 0, text: 1, '0.00': 2 } as const;
const FORMAT_ID = [0, 49, 2];

const CONTENT_TYPES = (sheets: number) =>
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>${Array.from(
    { length: sheets },
    (_, i) =>
      `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`,
  ).join('')}</Types>`;

const ROOT_RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`;

const STYLES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font><font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="6">${FORMAT_ID.flatMap(
  (fmt) =>
    [0, 1].map(
      (bold) =>
        `<xf numFmtId="${fmt}" fontId="${bold}" fillId="0" borderId="0" xfId="0"${fmt ? ' applyNumberFormat="1"' : ''}${bold ? ' applyFont="1"' : ''}/>`,
    ),
).join(
  '',
)}</cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>`;

/** XML text; characters XML cannot hold are written as OOXML's `_xHHHH_`. */
function xmlText(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/[^\t\n\r\u0020-\ufffd\ud800-\udfff]/gu, (c) => {
      const code = c.codePointAt(0) ?? 0;
      return code > 0xffff ? c : `_x${code.toString(16).toUpperCase().padStart(4, '0')}_`;
    });
}

function columnName(index: number): string {
  let s = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26))
    s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** Excel refuses sheet names over 31 characters or with []:*?/\ in them. */
function sheetName(name: string, used: Set<string>): string {
  let base =
    name
      .replace(/[[\]:*?/\\]/g, ' ')
      .trim()
      .slice(0, 31) || 'Sheet';
  for (let i = 2; used.has(base.toLowerCase()); i++) base = `${base.slice(0, 28)} ${i}`;
  used.add(base.toLowerCase());
  return base;
}

function sheetXml(sheet: XlsxSheet): string {
  const columns = sheet.columns ?? [];
  const bold = new Set(sheet.boldRows ?? []);
  const style = (row: number, col: number) =>
    (bold.has(row) ? 1 : 0) + 2 * FORMAT_INDEX[columns[col]?.format ?? 'none'];
  const out: string[] = [
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">',
  ];
  out.push(
    sheet.freezeHeader
      ? '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>'
      : '<sheetViews><sheetView workbookViewId="0"/></sheetViews>',
  );
  out.push('<sheetFormatPr defaultRowHeight="15"/>');
  if (columns.length > 0) {
    out.push('<cols>');
    columns.forEach((c, i) => {
      const s = style(-1, i);
      out.push(
        `<col min="${i + 1}" max="${i + 1}" width="${c.width ?? 9.140625}"${c.width ? ' customWidth="1"' : ''}${s ? ` style="${s}"` : ''}/>`,
      );
    });
    out.push('</cols>');
  }
  out.push('<sheetData>');
  sheet.rows.forEach((cells, r) => {
    out.push(`<row r="${r + 1}">`);
    cells.forEach((v, c) => {
      if (v === null || v === undefined || v === '') return;
      const ref = `${columnName(c)}${r + 1}`;
      const s = style(r, c);
      const sAttr = s ? ` s="${s}"` : '';
      if (typeof v === 'number' && Number.isFinite(v)) out.push(`<c r="${ref}"${sAttr}><v>${v}</v></c>`);
      else {
        const text = String(v);
        const space = /^\s|\s$|\n/.test(text) ? ' xml:space="preserve"' : '';
        out.push(`<c r="${ref}"${sAttr} t="inlineStr"><is><t${space}>${xmlText(text)}</t></is></c>`);
      }
    });
    out.push('</row>');
  });
  out.push('</sheetData>');
  out.push('<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>');
  out.push('</worksheet>');
  return out.join('');
}

/** A workbook of these sheets, as the bytes of an .xlsx file. */
export async function writeXlsx(sheets: readonly XlsxSheet[]): Promise<Buffer> {
  const used = new Set<string>();
  const names = sheets.map((s) => sheetName(s.name, used));
  const workbook = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><bookViews><workbookView/></bookViews><sheets>${names
    .map((n, i) => `<sheet name="${xmlText(n)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`)
    .join('')}</sheets></workbook>`;
  const workbookRels = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${names
    .map(
      (_, i) =>
        `<Relationship Id="rId${i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`,
    )
    .join(
      '',
    )}<Relationship Id="rId${names.length + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>`;

  const zip = new yazl.ZipFile();
  const add = (text: string, name: string) => zip.addBuffer(Buffer.from(text, 'utf8'), name);
  add(CONTENT_TYPES(sheets.length), '[Content_Types].xml');
  add(ROOT_RELS, '_rels/.rels');
  add(workbook, 'xl/workbook.xml');
  add(workbookRels, 'xl/_rels/workbook.xml.rels');
  add(STYLES, 'xl/styles.xml');
  sheets.forEach((s, i) => {
    add(sheetXml(s), `xl/worksheets/sheet${i + 1}.xml`);
  });
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks);
}

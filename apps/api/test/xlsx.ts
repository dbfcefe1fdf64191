// Hand-made .xlsx files for tests and the import memory bench: the parts written as Excel writes
// them, any part given as chunks so that a part of hundreds of MB never sits in memory whole.
import { Readable } from 'node:stream';
import yazl from 'yazl';

const NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG = 'http://schemas.openxmlformats.org/package/2006/relationships';
const HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

export type Part = string | (() => Iterable<string>);

export interface XlsxParts {
  /** The first sheet's whole XML (see `sheetXml`). */
  sheet: Part;
  /** The shared strings part's whole XML (see `sharedStringsXml`). */
  sharedStrings?: Part;
  /** cellXfs' number formats, in order: style `s="1"` is the second. */
  cellFormats?: number[];
  /** Custom number formats, id → code. */
  numFmts?: Record<number, string>;
  date1904?: boolean;
  /** zlib's level for the large parts (9 packs a run of one letter ≈ 1000 : 1). */
  level?: number;
}

export const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function column(index: number): string {
  let s = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26))
    s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/** A row of inline strings and numbers, as `<row>` XML (row number from 1). */
export function rowXml(r: number, cells: readonly (string | number | null)[]): string {
  const c = cells
    .map((v, i) => {
      if (v === null || v === '') return '';
      const ref = `${column(i)}${r}`;
      return typeof v === 'number'
        ? `<c r="${ref}"><v>${v}</v></c>`
        : `<c r="${ref}" t="inlineStr"><is><t>${escapeXml(v)}</t></is></c>`;
    })
    .join('');
  return `<row r="${r}">${c}</row>`;
}

export const sheetXml = (rows: string) =>
  `${HEAD}<worksheet xmlns="${NS}" xmlns:r="${REL}"><sheetData>${rows}</sheetData></worksheet>`;

/** A sheet streamed in pieces: head, the rows the generator yields, tail. */
export const sheetChunks = (rows: () => Iterable<string>): (() => Iterable<string>) =>
  function* () {
    yield `${HEAD}<worksheet xmlns="${NS}" xmlns:r="${REL}"><sheetData>`;
    yield* rows();
    yield '</sheetData></worksheet>';
  };

export const sharedStringsXml = (items: readonly string[]) =>
  `${HEAD}<sst xmlns="${NS}" count="${items.length}" uniqueCount="${items.length}">${items.join('')}</sst>`;

/** Shared strings streamed in pieces: head, the `<si>` items the generator yields, tail. */
export const sharedStringsChunks = (count: number, items: () => Iterable<string>): (() => Iterable<string>) =>
  function* () {
    yield `${HEAD}<sst xmlns="${NS}" count="${count}" uniqueCount="${count}">`;
    yield* items();
    yield '</sst>';
  };

/** `count` characters of one letter, in 1 MB pieces. */
export function* run(letter: string, count: number): Iterable<string> {
  const mb = letter.repeat(1024 * 1024);
  for (let left = count; left > 0; left -= mb.length) yield left >= mb.length ? mb : letter.repeat(left);
}

function styles(cellFormats: number[], numFmts: Record<number, string>): string {
  const custom = Object.entries(numFmts);
  return `${HEAD}<styleSheet xmlns="${NS}">${
    custom.length
      ? `<numFmts count="${custom.length}">${custom.map(([id, code]) => `<numFmt numFmtId="${id}" formatCode="${escapeXml(code).replace(/"/g, '&quot;')}"/>`).join('')}</numFmts>`
      : ''
  }<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="${cellFormats.length}">${cellFormats
    .map(
      (id) =>
        `<xf numFmtId="${id}" fontId="0" fillId="0" borderId="0" xfId="0"${id ? ' applyNumberFormat="1"' : ''}/>`,
    )
    .join('')}</cellXfs></styleSheet>`;
}

/** The .xlsx file: Excel's parts and relationships around the given sheet and shared strings. */
export async function xlsxFile(parts: XlsxParts): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  const add = (part: Part, name: string) => {
    if (typeof part === 'string')
      zip.addBuffer(Buffer.from(part), name, { compressionLevel: parts.level ?? 6 });
    else zip.addReadStream(Readable.from(part()), name, { compressionLevel: parts.level ?? 6 });
  };
  const sst = parts.sharedStrings !== undefined;
  add(
    `${HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>${sst ? '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>' : ''}</Types>`,
    '[Content_Types].xml',
  );
  add(
    `${HEAD}<Relationships xmlns="${PKG}"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    '_rels/.rels',
  );
  add(
    `${HEAD}<workbook xmlns="${NS}" xmlns:r="${REL}">${parts.date1904 ? '<workbookPr date1904="1"/>' : '<workbookPr/>'}<sheets><sheet name="名单" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    'xl/workbook.xml',
  );
  add(
    `${HEAD}<Relationships xmlns="${PKG}"><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${REL}/styles" Target="styles.xml"/>${sst ? `<Relationship Id="rId3" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/>` : ''}</Relationships>`,
    'xl/_rels/workbook.xml.rels',
  );
  add(styles(parts.cellFormats ?? [0], parts.numFmts ?? {}), 'xl/styles.xml');
  // Excel writes the sheets before the shared strings
  add(parts.sheet, 'xl/worksheets/sheet1.xml');
  if (parts.sharedStrings !== undefined) add(parts.sharedStrings, 'xl/sharedStrings.xml');
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks);
}

import { describe, expect, it } from 'vitest';
import yazl from 'yazl';
import {
  rowXml,
  run,
  sharedStringsChunks,
  sharedStringsXml,
  sheetChunks,
  sheetXml,
  xlsxFile,
} from '../../test/xlsx.ts';
import {
  eachFirstSheetRow,
  readFirstSheet,
  writeXlsx,
  XlsxFormatError,
  XlsxLimitError,
  type XlsxReadLimits,
  type XlsxRowFilter,
} from './xlsx.ts';

const LIMITS: XlsxReadLimits = {
  maxUnpackedBytes: 1024 * 1024,
  maxRows: 5,
  maxCellChars: 100,
  maxColumns: 10,
};

const read = (file: Buffer, limits: Partial<XlsxReadLimits> = {}, filter?: XlsxRowFilter) =>
  readFirstSheet(file, { ...LIMITS, ...limits }, filter);

async function refusal(promise: Promise<unknown>) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(Error);
  return error as XlsxLimitError | XlsxFormatError;
}

/** The file with the size its central directory declares for `part` replaced. */
function declaring(file: Buffer, part: string, size: number): Buffer {
  const out = Buffer.from(file);
  for (let at = out.indexOf('PK\u0001\u0002'); at >= 0; ) {
    const nameLength = out.readUInt16LE(at + 28);
    if (out.toString('utf8', at + 46, at + 46 + nameLength) === part) {
      out.writeUInt32LE(size, at + 24);
      return out;
    }
    at = out.indexOf('PK\u0001\u0002', at + 46);
  }
  throw new Error(`${part} not in the file`);
}

describe('XLSX reader', () => {
  it('reads back what the writer wrote: text as it was, numbers as numbers, the first sheet only', async () => {
    const file = await writeXlsx([
      {
        name: 'one',
        rows: [
          ['name', 'n', 'note'],
          [' 张 伟 ', 13800000000, 'a < b & "c"\nline two'],
          [],
          ['\u0001 control', -12.5, null],
        ],
        boldRows: [0],
        columns: [{ width: 10 }, { format: '0.00' }, { format: 'text' }],
        freezeHeader: true,
      },
      { name: 'two', rows: [['not read']] },
    ]);
    expect(await read(file)).toEqual([
      ['name', 'n', 'note'],
      [' 张 伟 ', 13800000000, 'a < b & "c"\nline two'],
      [],
      ['_x0001_ control', -12.5],
    ]);
  });

  it('reads shared strings, rich text without its phonetic reading, booleans, errors, formulas and skipped rows', async () => {
    const file = await xlsxFile({
      sharedStrings: sharedStringsXml([
        '<si><t>plain</t></si>',
        '<si><r><t>ri</t></r><r><rPr><b/></rPr><t xml:space="preserve">ch </t></r><rPh sb="0" eb="1"><t>リッチ</t></rPh></si>',
      ]),
      sheet: sheetXml(
        '<row r="2"><c r="A2" t="s"><v>1</v></c><c r="C2" t="s"><v>0</v></c></row>' +
          '<row r="4"><c r="B4" t="b"><v>1</v></c><c r="C4" t="e"><v>#N/A</v></c><c r="D4" t="str"><f>A2&amp;""</f><v>rich </v></c>' +
          '<c r="E4" t="inlineStr"><is><r><t>in</t></r><r><t>line</t></r></is></c><c r="F4" t="s"><v>9</v></c></row>',
      ),
    });
    expect(await read(file)).toEqual([
      [],
      ['rich ', null, 'plain'],
      [],
      [null, true, null, 'rich ', 'inline'],
    ]);
  });

  it('places cells without a reference after the one before, and rows without a number after the last', async () => {
    const file = await xlsxFile({
      sheet: sheetXml(
        '<row><c t="inlineStr"><is><t>a</t></is></c><c><v>1</v></c><c r="E1"><v>5</v></c><c><v>6</v></c></row><row><c><v>2</v></c></row>',
      ),
    });
    expect(await read(file)).toEqual([['a', 1, null, null, 5, 6], [2]]);
  });

  it('reads numbers in a date or time format as dates, in both date systems and in Chinese formats', async () => {
    const file = await xlsxFile({
      cellFormats: [0, 14, 31, 20, 164, 165, 2],
      numFmts: { 164: 'yyyy"年"m"月"d"日"', 165: '[Red]0.00" 元"' },
      sheet: sheetXml(
        '<row r="1"><c r="A1" s="1"><v>45809</v></c><c r="B1" s="2"><v>45810</v></c><c r="C1" s="3"><v>0.5</v></c>' +
          '<c r="D1" s="4"><v>45811</v></c><c r="E1" s="5"><v>45812</v></c><c r="F1" s="6"><v>3.25</v></c>' +
          '<c r="G1" t="d"><v>2025-06-05T00:00:00Z</v></c><c r="H1"><v>not a number</v></c></row>',
      ),
    });
    const [row] = await read(file);
    expect(row).toEqual([
      new Date('2025-06-01T00:00:00Z'),
      new Date('2025-06-02T00:00:00Z'),
      new Date('1899-12-30T12:00:00Z'),
      new Date('2025-06-03T00:00:00Z'),
      45812,
      3.25,
      new Date('2025-06-05T00:00:00Z'),
      'not a number',
    ]);
    const in1904 = await xlsxFile({
      date1904: true,
      cellFormats: [0, 14],
      sheet: sheetXml('<row r="1"><c r="A1" s="1"><v>44347</v></c></row>'),
    });
    expect(await read(in1904)).toEqual([[new Date('2025-06-01T00:00:00Z')]]);
  });

  it('reads sheets whose elements carry a namespace prefix', async () => {
    const file = await xlsxFile({
      sheet:
        '<?xml version="1.0"?><x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData>' +
        '<x:row r="1"><x:c r="B1" t="inlineStr"><x:is><x:t>b</x:t></x:is></x:c></x:row></x:sheetData></x:worksheet>',
    });
    expect(await read(file)).toEqual([[null, 'b']]);
  });

  it('stops at the row past the limit; blank rows do not count', async () => {
    const rows = (n: number, tail = '') =>
      xlsxFile({
        sheet: sheetChunks(function* () {
          for (let r = 1; r <= n; r++) yield rowXml(r * 2, [`r${r}`]);
          yield rowXml(n * 2 + 1, ['  ', null]);
          yield tail;
        }),
      });
    expect(await read(await rows(5))).toHaveLength(11);
    const error = await refusal(read(await rows(6, '<row r="99"><broken')));
    expect(error).toBeInstanceOf(XlsxLimitError);
    expect(error).toMatchObject({ limit: 'ROWS', row: 12 });
  });

  it('stores what the filter keeps of each non-blank row, and stops when it says so', async () => {
    const file = await xlsxFile({
      sheet: sheetChunks(function* () {
        yield rowXml(1, ['a', 'b', 'c']);
        yield rowXml(2, [null, null]);
        yield rowXml(3, ['d', 'e', 'f']);
        yield rowXml(4, ['stop']);
        yield '<row r="5"><broken';
      }),
    });
    const seen: unknown[] = [];
    const rows = await read(file, {}, (row) => {
      seen.push(row[0]);
      return row[0] === 'stop' ? null : [row[2] ?? null];
    });
    expect(seen).toEqual(['a', 'd', 'stop']);
    expect(rows).toEqual([['c'], [], ['f'], ['stop']]);
  });

  it('hands each row over as it is read, none kept: numbered, blank ones empty; stops on false, and lets what the handler throws through', async () => {
    const file = await xlsxFile({
      sheet: sheetChunks(function* () {
        yield rowXml(2, ['a', 'b']);
        yield rowXml(3, ['  ', null]);
        yield rowXml(5, ['stop']);
        yield '<row r="6"><broken';
      }),
    });
    const seen: unknown[] = [];
    await eachFirstSheetRow(file, LIMITS, (row, n) => {
      seen.push([n, ...row]);
      return row[0] !== 'stop';
    });
    expect(seen).toEqual([[2, 'a', 'b'], [3], [5, 'stop']]);
    const thrown = new Error('from the handler');
    await expect(
      eachFirstSheetRow(file, LIMITS, () => {
        throw thrown;
      }),
    ).rejects.toBe(thrown);
  });

  it('refuses a cell past the character limit, in the sheet or in the shared strings', async () => {
    const inline = (n: number) => xlsxFile({ sheet: sheetXml(rowXml(1, ['x'.repeat(n)])) });
    expect((await read(await inline(100)))[0]![0]).toHaveLength(100);
    expect(await refusal(read(await inline(101)))).toMatchObject({ limit: 'CELL_LENGTH', row: 1 });
    const formula = xlsxFile({
      sheet: sheetXml(`<row r="3"><c r="A3" t="str"><v>${'y'.repeat(101)}</v></c></row>`),
    });
    expect(await refusal(read(await formula))).toMatchObject({ limit: 'CELL_LENGTH', row: 3 });
    const shared = await xlsxFile({
      sheet: sheetXml('<row r="1"><c r="A1" t="s"><v>0</v></c></row>'),
      sharedStrings: sharedStringsXml([
        `<si><r><t>${'z'.repeat(60)}</t></r><r><t>${'z'.repeat(41)}</t></r></si>`,
      ]),
    });
    expect(await refusal(read(shared))).toMatchObject({ limit: 'CELL_LENGTH' });
  });

  it('does not read columns past the limit', async () => {
    const file = await xlsxFile({
      sheet: sheetXml(
        '<row r="1"><c r="A1"><v>1</v></c><c r="K1"><v>11</v></c><c r="XFD1"><v>16384</v></c></row>',
      ),
    });
    expect(await read(file)).toEqual([[1]]);
  });

  it('refuses a part larger than the budget before inflating it, and one that lies about its size', async () => {
    const big = await xlsxFile({
      level: 9,
      sheet: sheetChunks(function* () {
        yield '<row r="1"><c r="A1" t="inlineStr"><is><t>';
        yield* run('A', 2 * 1024 * 1024);
        yield '</t></is></c></row>';
      }),
    });
    expect(await refusal(read(big, { maxCellChars: 10_000_000 }))).toMatchObject({ limit: 'UNPACKED_SIZE' });
    // The central directory claims 1 KB: yauzl stops the stream there, far under the budget
    const lying = declaring(big, 'xl/worksheets/sheet1.xml', 1024);
    expect(await refusal(read(lying, { maxCellChars: 10_000_000 }))).toBeInstanceOf(XlsxFormatError);
    const strings = await xlsxFile({
      level: 9,
      sheet: sheetXml('<row r="1"><c r="A1" t="s"><v>0</v></c></row>'),
      sharedStrings: sharedStringsChunks(1, function* () {
        yield '<si><t>';
        yield* run('B', 2 * 1024 * 1024);
        yield '</t></si>';
      }),
    });
    expect(await refusal(read(strings, { maxCellChars: 10_000_000 }))).toMatchObject({
      limit: 'UNPACKED_SIZE',
    });
  });

  it('calls anything else unreadable: not a zip, no workbook, broken XML, entities from a DTD', async () => {
    expect(await refusal(read(Buffer.from('PK\u0003\u0004 not a zip')))).toBeInstanceOf(XlsxFormatError);
    const zip = new yazl.ZipFile();
    zip.addBuffer(Buffer.from('hello'), 'hello.txt');
    zip.end();
    const chunks: Buffer[] = [];
    for await (const chunk of zip.outputStream as AsyncIterable<Buffer>) chunks.push(chunk);
    expect(await refusal(read(Buffer.concat(chunks)))).toBeInstanceOf(XlsxFormatError);
    const broken = await xlsxFile({ sheet: sheetXml('<row r="1"><c r="A1"><v>1</v></row>') });
    expect(await refusal(read(broken))).toBeInstanceOf(XlsxFormatError);
    const entity = await xlsxFile({
      sheet:
        '<?xml version="1.0"?><!DOCTYPE worksheet [<!ENTITY boom "boom">]><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>' +
        '<row r="1"><c r="A1" t="inlineStr"><is><t>&boom;</t></is></c></row></sheetData></worksheet>',
    });
    expect(await refusal(read(entity))).toBeInstanceOf(XlsxFormatError);
    expect(await read(await writeXlsx([]))).toEqual([]);
  });
});

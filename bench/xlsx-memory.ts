// Peak memory of reading an uploaded .xlsx as the customer import does (docs/decisions/010-xlsx.md,
// docs/rules.md#r-cus-2-customer-import): three files, each parsed in a fresh process by the
// product's reader (`checkImportFile` of apps/api/src/modules/customers/import-file.ts, the code
// the API runs: `parseXlsx`, each row validated as it is read) and, while exceljs is installed (the e2e tests use it), by the exceljs reader the
// import used before (`workbook.xlsx.load`, then every row). Peak RSS is the child's
// `process.resourceUsage().maxRSS`; a process that only loads the reader gives the baseline.
//
//   pnpm tsx bench/xlsx-memory.ts             # measure, print, and rewrite BENCHMARKS.md's section
//   pnpm tsx bench/xlsx-memory.ts --no-write  # measure and print only
//
// The files are generated once into .data/bench-xlsx/ (HUIFANG_BENCH_XLSX_DIR moves it).
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { column, escapeXml, run, sharedStringsChunks, sheetChunks, xlsxFile } from '../apps/api/test/xlsx.ts';
import { writeSection } from './report.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dir = process.env.HUIFANG_BENCH_XLSX_DIR ?? path.join(root, '.data', 'bench-xlsx');
const SECTION = '## Import memory (issue 9)';

interface BenchFile {
  name: string;
  what: string;
  make: () => Promise<Buffer>;
  /** Readers left out, to keep the run short. */
  skip?: string[];
}

const HEADER = ['姓名', '手机', '邮箱', '客户类型', '价值等级', '课程', '报名日期', '结业日期'];
const MORE = ['拒绝回访', '偏好渠道', '偏好时段', '备注'];
const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗';
const GIVEN = '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚';

const inline = (ref: string, text: string) =>
  `<c r="${ref}" t="inlineStr"><is><t>${escapeXml(text)}</t></is></c>`;

const FILES: BenchFile[] = [
  {
    name: 'rows-890k.xlsx',
    what: 'bomb-like: 890 000 rows of three cells (name, phone, segment), ≈ 15 MB packed, ≈ 150 MB of XML',
    make: () =>
      xlsxFile({
        level: 9,
        sheet: sheetChunks(function* () {
          yield `<row r="1">${HEADER.slice(0, 3)
            .map((h, i) => inline(`${column(i)}1`, h))
            .join('')}</row>`;
          let chunk = '';
          for (let r = 2; r <= 890_000; r++) {
            chunk += `<row r="${r}"><c r="A${r}" t="inlineStr"><is><t>客户${r % 1000}</t></is></c><c r="B${r}"><v>${13_000_000_000 + r}</v></c><c r="C${r}" t="inlineStr"><is><t>在读学员</t></is></c></row>`;
            if (chunk.length > 65_536) {
              yield chunk;
              chunk = '';
            }
          }
          yield chunk;
        }),
      }),
  },
  {
    name: 'cell-700mb.xlsx',
    what: 'bomb: one shared string of 700 MB (the rest a valid two-row sheet), ≈ 0.7 MB packed',
    make: () =>
      xlsxFile({
        level: 9,
        sheet: sheetChunks(function* () {
          yield `<row r="1">${['姓名', '手机', '客户类型', '价值等级'].map((h, i) => inline(`${column(i)}1`, h)).join('')}</row>`;
          yield `<row r="2"><c r="A2" t="s"><v>0</v></c><c r="B2"><v>13000000001</v></c>${inline('C2', '在读学员')}${inline('D2', '高')}</row>`;
        }),
        sharedStrings: sharedStringsChunks(1, function* () {
          yield '<si><t>';
          yield* run('A', 700 * 1024 * 1024);
          yield '</t></si>';
        }),
      }),
  },
  {
    name: 'customers-50k.xlsx',
    what: 'legitimate: 50 000 rows as Excel writes them (the template’s 12 columns, shared strings, phones as numbers, dates in a date style), ≈ 2.7 MB packed, ≈ 27 MB of XML',
    make: async () => {
      const strings: string[] = [];
      const index = new Map<string, number>();
      const s = (text: string) => {
        let i = index.get(text);
        if (i === undefined) {
          i = strings.length;
          strings.push(text);
          index.set(text, i);
        }
        return `t="s"><v>${i}</v>`;
      };
      const segments = ['意向客户', '新报名学员', '在读学员', '结业学员', '重点客户', '流失客户'];
      const programmes = ['UI 设计', 'Java 开发', '数据分析', '产品经理', '前端开发'];
      const rows: string[] = [
        `<row r="1">${[...HEADER, ...MORE].map((h, i) => `<c r="${column(i)}1" ${s(h)}</c>`).join('')}</row>`,
      ];
      for (let n = 0; n < 50_000; n++) {
        const r = n + 2;
        const name = SURNAMES[n % 20]! + GIVEN[(n * 7) % 23]! + GIVEN[(n * 13) % 23]!;
        rows.push(
          `<row r="${r}" spans="1:12"><c r="A${r}" ${s(name)}</c><c r="B${r}"><v>${13_000_000_000 + n * 7}</v></c>` +
            `<c r="C${r}" ${s(`user${n}@example.com`)}</c><c r="D${r}" ${s(segments[n % 6]!)}</c><c r="E${r}" ${s(['高', '中', '低'][n % 3]!)}</c>` +
            `<c r="F${r}" ${s(programmes[n % 5]!)}</c><c r="G${r}" s="1"><v>${45_000 + (n % 700)}</v></c>` +
            `<c r="I${r}" ${s(n % 10 ? '否' : '是')}</c><c r="J${r}" ${s('电话')}</c><c r="K${r}" ${s('09:00-12:00')}</c>` +
            `<c r="L${r}" ${s(`第${n}位客户，来自线上报名，希望晚间回访并了解课程安排`)}</c></row>`,
        );
      }
      return xlsxFile({
        cellFormats: [0, 14],
        sheet: sheetChunks(() => rows),
        sharedStrings: sharedStringsChunks(strings.length, () =>
          strings.map((t) => `<si><t>${escapeXml(t)}</t></si>`),
        ),
      });
    },
  },
  {
    name: 'limits.xlsx',
    what: 'just under every limit: the 12 template columns and 30 others; 50 000 rows, each a valid customer with a 700-character note and 30 numbers in the other columns, ≈ 95 MB of XML',
    skip: ['exceljs'],
    make: () =>
      xlsxFile({
        sheet: sheetChunks(function* () {
          const others = Array.from({ length: 30 }, (_, i) => `其他${i}`);
          yield `<row>${[...HEADER, ...MORE, ...others].map((h) => `<c t="inlineStr"><is><t>${h}</t></is></c>`).join('')}</row>`;
          const note = '备'.repeat(10) + 'n'.repeat(690);
          for (let r = 2; r <= 50_001; r++) {
            let row = `<row>${inline(`A${r}`, `客户${r}`)}<c r="B${r}"><v>${13_000_000_000 + r}</v></c>${inline(`D${r}`, '在读学员')}${inline(`E${r}`, '中')}${inline(`L${r}`, `${r}${note}`)}`;
            for (let i = 0; i < 30; i++)
              row += `<c r="${column(12 + i)}${r}"><v>${10_000 + ((r * 131 + i * 7919) % 90_000)}</v></c>`;
            yield `${row}</row>`;
          }
        }),
      }),
  },
];

// ---------------------------------------------------------------------------------------------
// A child: parse one file with one reader, print what it cost

interface Measure {
  reader: string;
  file: string;
  outcome: string;
  ms: number;
  peakRssMb: number;
  exit?: number | null;
}

const requireRoot = createRequire(path.join(root, 'package.json'));

/** The import's reader before docs/decisions/010-xlsx.md, as it was (cells as text included). */
async function exceljsRows(buffer: Buffer): Promise<string[][]> {
  const ExcelJS = requireRoot('exceljs');
  const text = (v: unknown): string => {
    if (v === null || v === undefined) return '';
    if (typeof v === 'string') return v;
    if (typeof v === 'number') return Number.isInteger(v) ? v.toFixed(0) : String(v);
    if (v instanceof Date) return v.toISOString().slice(0, 10);
    const o = v as { richText?: { text: string }[]; result?: unknown; text?: unknown };
    if (o.richText) return o.richText.map((r) => r.text).join('');
    if ('result' in o) return text(o.result);
    if ('text' in o) return text(o.text);
    return String(v);
  };
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer);
  const sheet = workbook.worksheets[0];
  const rows: string[][] = [];
  sheet?.eachRow({ includeEmpty: true }, (row: { values: unknown[] }, n: number) => {
    rows[n - 1] = row.values.slice(1).map(text);
  });
  return Array.from(rows, (r) => r ?? []);
}

async function child(reader: string, file: string) {
  const { checkImportFile } = await import('../apps/api/src/modules/customers/import-file.ts');
  const buffer = file === '-' ? Buffer.alloc(0) : readFileSync(file);
  const started = performance.now();
  let outcome: string;
  try {
    if (reader.startsWith('baseline')) {
      if (reader === 'baseline-exceljs') requireRoot('exceljs');
      outcome = 'loaded only';
    } else {
      // The product's reader keeps no rows, only the checked customers: counted with the header, as exceljs's
      const rows =
        reader === 'exceljs'
          ? (await exceljsRows(buffer)).length
          : (await checkImportFile('xlsx', buffer)).total + 1;
      outcome = `read ${rows.toLocaleString('en')} rows`;
    }
  } catch (error) {
    const e = error as { message: string; details?: { reason?: string } };
    outcome = e.details?.reason ? `refused: ${e.details.reason}` : `error: ${e.message.slice(0, 60)}`;
  }
  const result: Measure = {
    reader,
    file: path.basename(file),
    outcome,
    ms: Math.round(performance.now() - started),
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

function measure(reader: string, file: string): Promise<Measure> {
  return new Promise((resolve) => {
    const proc = spawn(
      process.execPath,
      ['--import', 'tsx', fileURLToPath(import.meta.url), '--child', reader, file],
      { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let out = '';
    let err = '';
    const started = performance.now();
    // A reader that takes longer than 10 minutes is stopped and reported as such
    const timer = setTimeout(() => proc.kill('SIGKILL'), 10 * 60_000);
    proc.stdout.on('data', (d) => {
      out += d;
    });
    proc.stderr.on('data', (d) => {
      err += d;
    });
    proc.on('close', (code, signal) => {
      clearTimeout(timer);
      const line = out.trim().split('\n').at(-1);
      if (code === 0 && line) return resolve(JSON.parse(line) as Measure);
      const why = /heap out of memory/i.test(err)
        ? 'crashed: JavaScript heap out of memory'
        : `crashed (${signal ?? code})`;
      resolve({
        reader,
        file: path.basename(file),
        outcome: why,
        ms: Math.round(performance.now() - started),
        peakRssMb: Number.NaN,
        exit: code,
      });
    });
  });
}

function exceljsInstalled(): boolean {
  try {
    requireRoot.resolve('exceljs');
    return true;
  } catch {
    return false;
  }
}

async function main() {
  mkdirSync(dir, { recursive: true });
  for (const f of FILES) {
    const file = path.join(dir, f.name);
    if (existsSync(file)) continue;
    process.stdout.write(`generating ${f.name} … `);
    writeFileSync(file, await f.make());
    process.stdout.write(`${(statSync(file).size / 1024 / 1024).toFixed(2)} MB\n`);
  }
  const readers = exceljsInstalled() ? ['exceljs', 'product'] : ['product'];
  const load = os.loadavg().map((l) => l.toFixed(2));
  const results: Measure[] = [];
  for (const reader of readers) results.push(await measure(`baseline-${reader}`, '-'));
  for (const f of FILES)
    for (const reader of readers) {
      if (f.skip?.includes(reader)) continue;
      const m = await measure(reader, path.join(dir, f.name));
      console.log(
        `${reader.padEnd(8)} ${f.name.padEnd(20)} ${String(m.peakRssMb).padStart(6)} MB ${String(m.ms).padStart(7)} ms  ${m.outcome}`,
      );
      results.push(m);
    }
  const loadEnd = os.loadavg().map((l) => l.toFixed(2));
  const md = report(results, readers, load, loadEnd);
  if (process.argv.includes('--no-write')) {
    console.log(md);
    return;
  }
  writeSection(path.join(root, 'BENCHMARKS.md'), SECTION, md);
  console.log(`BENCHMARKS.md: section "${SECTION}" written`);
}

function report(results: Measure[], readers: string[], load: string[], loadEnd: string[]): string {
  const by = (reader: string, file: string) => results.find((r) => r.reader === reader && r.file === file);
  const cell = (m: Measure | undefined) =>
    m
      ? `${Number.isNaN(m.peakRssMb) ? '—' : `${m.peakRssMb} MB`}, ${(m.ms / 1000).toFixed(1)} s — ${m.outcome}`
      : 'not measured';
  const base = (reader: string) => results.find((r) => r.reader === `baseline-${reader}`)?.peakRssMb;
  const lines = [
    SECTION,
    '',
    'Peak RSS of a process that reads one uploaded `.xlsx` as `POST /api/customers/import` does, before',
    'any database work: the product’s reader (`checkImportFile`, apps/api/src/modules/customers/import-file.ts, on',
    'apps/api/src/lib/xlsx.ts) against the exceljs reader the import used before',
    '([docs/decisions/010-xlsx.md](docs/decisions/010-xlsx.md)). Each figure is a fresh Node process',
    '(`process.resourceUsage().maxRSS`, default heap limit, as the API runs); the time is the parse alone.',
    `Generated by \`bench/xlsx-memory.ts\` on ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC; Node ${process.version},`,
    `${os.cpus().length} CPUs, load average ${load.join(' / ')} at start, ${loadEnd.join(' / ')} at the end (the machine was shared).`,
    '',
    '```sh',
    'pnpm tsx bench/xlsx-memory.ts             # generates the files once into .data/bench-xlsx/, measures, rewrites this section',
    'pnpm tsx bench/xlsx-memory.ts --no-write  # measures and prints only',
    '```',
    '',
    `| file | ${readers.map((r) => (r === 'exceljs' ? 'before: exceljs 4.4.0 `xlsx.load`' : 'after: lib/xlsx.ts (yauzl + sax)')).join(' | ')} |`,
    `|---|${readers.map(() => '---').join('|')}|`,
    `| baseline: a process that loads the reader and parses nothing | ${readers.map((r) => `${base(r)} MB`).join(' | ')} |`,
    ...FILES.map(
      (f) => `| \`${f.name}\`: ${f.what} | ${readers.map((r) => cell(by(r, f.name))).join(' | ')} |`,
    ),
    '',
    'Limits checked while unpacking (docs/rules.md#r-cus-2-customer-import): 100 MB of XML in all, 50 000',
    'data rows, 32 767 characters in a cell, 256 columns read; a part that declares more than the budget is',
    'refused before a byte of it is inflated, and reading stops at the row past the limit. What the reader',
    'keeps (the shared strings and, of each row, the columns the header maps to a field, as text) is bounded',
    'by these limits: `limits.xlsx` is made to keep as much as they allow with valid rows. exceljs is left',
    'out on it, to keep the run short.',
    '',
  ];
  return lines.join('\n');
}

const at = process.argv.indexOf('--child');
if (at >= 0) await child(process.argv[at + 1]!, process.argv[at + 2]!);
else await main();

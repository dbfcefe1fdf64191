// `pnpm bench:import [--rows 50000] [--scale 0.1] [--runs 1]`: the customer import (issue 11) as a
// user runs it. 50 000 rows (Chinese names, unique phones: 20 % customers the organisation already
// has, one field changed; 0.5 % invalid; the rest new) go up as CSV and as XLSX (written by the
// product's own writer), each to a freshly started compiled server (`node apps/api/dist/server.js`,
// NODE_ENV=production) on its own copy of the bench organisation, as the web page sends them
// (multipart, with a jobId it polls). Measured: the wall time of the POST, and the server
// process's extra memory — its RSS peak (VmRSS sampled every 50 ms and VmHWM, reset before the
// upload) minus its RSS just before. Beside it, the raw limit: the same CSV parsed by csv-parse
// and written by one INSERT … SELECT FROM jsonb_to_recordset … ON CONFLICT DO UPDATE through `pg`,
// on a third copy. Prints a markdown section; BENCHMARKS.md is left alone.

import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { repoRoot } from '../apps/api/src/config.ts';
import { writeXlsx } from '../apps/api/src/lib/xlsx.ts';
import { IMPORT_TEMPLATE } from '../packages/domain/src/index.ts';
import { pg } from './deps.ts';
import { BENCH_PASSWORD, type BenchDatabase, prepareBenchDatabase, say } from './generate.ts';
import { Session } from './measure.ts';
import { startCompiledServer } from './server.ts';

const SECTION = '## Customer import (issue 11)';
const GOAL_S = 8;
const GOAL_MB = 150;
/** At least a third of the raw limit's speed. */
const GOAL_RATIO = 3;

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isFinite(v) || v <= 0) throw new Error(`--${name} must be a positive number`);
  return v;
}
const ROWS = arg('rows', 50_000);
const SCALE = arg('scale', 0.1);
const RUNS = arg('runs', 1);

const csvParse = (
  createRequire(new URL('../apps/api/package.json', import.meta.url))('csv-parse/sync') as {
    parse: (text: string, options: Record<string, unknown>) => string[][];
  }
).parse;

// ---------------------------------------------------------------------------------------------
// The file

const SURNAMES = '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗';
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平';
const SECOND = ['', '华', '英', '玲', '辉', '斌', '鹏', '宇'];
const SEGMENTS = ['意向客户', '新报名学员', '在读学员', '结业学员', '重点客户', '流失客户'];
const SEGMENT_LABEL: Record<string, string> = {
  PROSPECT: '意向客户',
  NEW_ENROLLEE: '新报名学员',
  STUDENT: '在读学员',
  GRADUATE: '结业学员',
  KEY_ACCOUNT: '重点客户',
  CHURNED: '流失客户',
};
const TIERS = ['高', '中', '低'];
const TIER_LABEL: Record<string, string> = { HIGH: '高', MID: '中', LOW: '低' };
/** Each stored tier becomes another one: the changed field of the rows for existing customers. */
const NEXT_TIER: Record<string, string> = { HIGH: '中', MID: '低', LOW: '高' };
const CHANNEL_LABEL: Record<string, string> = {
  PHONE: '电话',
  SMS: '短信',
  EMAIL: '邮件',
  ONLINE_SURVEY: '在线问卷',
  FACE_TO_FACE: '面访',
};
const PROGRAMMES = ['会计实务', 'Python 编程', '平面设计', '英语口语', '电商运营', 'UI 设计'];

interface Existing {
  name: string;
  phone: string;
  email: string | null;
  segment: string;
  tier: string;
  programme: string | null;
  enrolledAt: string | null;
  preferredChannel: string | null;
}

interface Rows {
  rows: string[][];
  existing: number;
  invalid: number;
  fresh: number;
}

/** Row i: every 200th invalid (a 5-digit phone), else every 5th an existing customer with its tier changed, else new. */
function makeRows(count: number, existing: Existing[]): Rows {
  const rows: string[][] = [IMPORT_TEMPLATE.header];
  let e = 0;
  let invalid = 0;
  let fresh = 0;
  for (let i = 0; i < count; i++) {
    if (i % 200 === 199) {
      invalid++;
      rows.push([`无效${i}`, '12345', '', '在读学员', '中', '', '', '', '', '', '', '']);
      continue;
    }
    const c = i % 5 === 0 ? existing[e++] : undefined;
    if (c) {
      rows.push([
        c.name,
        c.phone,
        c.email ?? '',
        SEGMENT_LABEL[c.segment] ?? '',
        NEXT_TIER[c.tier] ?? '中',
        c.programme ?? '',
        c.enrolledAt ?? '',
        '',
        '',
        c.preferredChannel ? (CHANNEL_LABEL[c.preferredChannel] ?? '') : '',
        '',
        '',
      ]);
      continue;
    }
    fresh++;
    const name =
      SURNAMES[i % SURNAMES.length]! +
      GIVEN[Math.floor(i / 20) % GIVEN.length]! +
      SECOND[Math.floor(i / 400) % SECOND.length]!;
    rows.push([
      name,
      `15${String(i).padStart(9, '0')}`,
      i % 3 === 0 ? `new${i}@example.com` : '',
      SEGMENTS[i % SEGMENTS.length]!,
      TIERS[i % TIERS.length]!,
      PROGRAMMES[i % PROGRAMMES.length]!,
      i % 4 === 0
        ? ''
        : `2025-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`,
      '',
      i % 50 === 0 ? '是' : '否',
      i % 7 === 0 ? '短信' : '电话',
      i % 2 === 0 ? '09:00-12:00' : '',
      i % 10 === 0 ? '老学员介绍，周末方便联系' : '',
    ]);
  }
  return { rows, existing: e, invalid, fresh };
}

const csvCell = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
const toCsv = (rows: string[][]) => `\uFEFF${rows.map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`;

// ---------------------------------------------------------------------------------------------
// Memory of another process

function statusKb(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) : Number.NaN;
}

/** Resets VmHWM to the current RSS (Linux ≥ 4.0, own processes); false where that is refused. */
function resetPeak(pid: number): boolean {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}

// ---------------------------------------------------------------------------------------------
// Databases

async function copyDatabase(
  bench: BenchDatabase,
  name: string,
): Promise<{ url: string; drop: () => Promise<void> }> {
  const admin = new pg.Client({ connectionString: bench.url.replace(/\/[^/]+$/, '/postgres') });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${name} TEMPLATE "${new URL(bench.url).pathname.slice(1)}"`);
  return {
    url: bench.url.replace(/\/[^/]+$/, `/${name}`),
    drop: async () => {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).catch(() => {});
      await admin.end();
    },
  };
}

/**
 * Writes out what copying the database left in the WAL (CREATE DATABASE … TEMPLATE logs every
 * page), so that the checkpoint does not land in the middle of a measurement.
 */
async function checkpoint(url: string): Promise<void> {
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  try {
    await db.query('CHECKPOINT');
  } finally {
    await db.end();
  }
}

async function existingCustomers(url: string, orgId: string, count: number): Promise<Existing[]> {
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  try {
    const r = await db.query<Existing>(
      `SELECT name, phone, email, segment::text AS segment, tier::text AS tier, programme,
              to_char("enrolledAt", 'YYYY-MM-DD') AS "enrolledAt", "preferredChannel"::text AS "preferredChannel"
       FROM "Customer" WHERE "organizationId" = $1::uuid ORDER BY phone LIMIT $2`,
      [orgId, count],
    );
    return r.rows;
  } finally {
    await db.end();
  }
}

// ---------------------------------------------------------------------------------------------
// The raw limit: parse, then one set-based upsert

const LABEL_TO = <T extends Record<string, string>>(labels: T) =>
  Object.fromEntries(Object.entries(labels).map(([k, v]) => [v, k])) as Record<string, string>;
const SEGMENT_OF = LABEL_TO(SEGMENT_LABEL);
const TIER_OF = LABEL_TO(TIER_LABEL);
const CHANNEL_OF = LABEL_TO(CHANNEL_LABEL);

async function rawReference(url: string, orgId: string, csv: Buffer): Promise<{ ms: number; rows: number }> {
  await checkpoint(url);
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  try {
    const started = performance.now();
    const [, ...body] = csvParse(csv.toString('utf8'), { bom: true, relax_column_count: true });
    const records = body
      .filter((r) => /^1\d{10}$/.test(r[1] ?? ''))
      .map((r) => {
        const [from, to] = (r[10] ?? '').split('-');
        return {
          name: r[0],
          phone: r[1],
          email: r[2] || null,
          segment: SEGMENT_OF[r[3] ?? ''],
          tier: TIER_OF[r[4] ?? ''],
          programme: r[5] || null,
          enrolledAt: r[6] || null,
          completedAt: r[7] || null,
          refusesVisits: r[8] === '是',
          preferredChannel: CHANNEL_OF[r[9] ?? ''] ?? null,
          preferredTimeFrom: from || null,
          preferredTimeTo: to || null,
          notes: r[11] || null,
        };
      });
    const result = await db.query(
      `INSERT INTO "Customer" (id, "organizationId", name, phone, email, segment, tier, programme, "enrolledAt",
                               "completedAt", "refusesVisits", "preferredChannel", "preferredTimeFrom",
                               "preferredTimeTo", notes, "createdAt", "updatedAt")
       SELECT gen_random_uuid(), $1::uuid, v.name, v.phone, v.email, v.segment::"Segment", v.tier::"Tier",
              v.programme, v."enrolledAt"::date, v."completedAt"::date, v."refusesVisits",
              v."preferredChannel"::"Channel", v."preferredTimeFrom", v."preferredTimeTo", v.notes, now(), now()
       FROM jsonb_to_recordset($2::jsonb) AS v(name text, phone text, email text, segment text, tier text,
              programme text, "enrolledAt" text, "completedAt" text, "refusesVisits" boolean,
              "preferredChannel" text, "preferredTimeFrom" text, "preferredTimeTo" text, notes text)
       ON CONFLICT ("organizationId", phone) DO UPDATE SET
         name = EXCLUDED.name, email = COALESCE(EXCLUDED.email, "Customer".email), segment = EXCLUDED.segment,
         tier = EXCLUDED.tier, programme = COALESCE(EXCLUDED.programme, "Customer".programme),
         "enrolledAt" = COALESCE(EXCLUDED."enrolledAt", "Customer"."enrolledAt"),
         version = "Customer".version + 1, "updatedAt" = now()`,
      [orgId, JSON.stringify(records)],
    );
    return { ms: performance.now() - started, rows: result.rowCount ?? 0 };
  } finally {
    await db.end();
  }
}

// ---------------------------------------------------------------------------------------------
// The product

interface Measured {
  format: 'CSV' | 'XLSX';
  bytes: number;
  ms: number;
  rssBeforeMb: number;
  peakExtraMb: number;
  progressSteps: number;
  result: { created: number; updated: number; unchanged: number; invalid: number; total: number };
}

async function measureImport(
  bench: BenchDatabase,
  format: 'CSV' | 'XLSX',
  file: Buffer,
  run: number,
): Promise<Measured> {
  const server = await startCompiledServer(bench, `import_${format.toLowerCase()}_${run}`);
  try {
    const session = await Session.signIn(server.base, 'admin@bench.local', BENCH_PASSWORD);
    // One small import first, so that the measured one does not pay for the first call's compilation
    const warm = Buffer.from(
      toCsv([
        IMPORT_TEMPLATE.header,
        ['预热', '19900000001', '', '在读学员', '中', '', '', '', '', '', '', ''],
      ]),
    );
    await upload(server.base, session, 'warm.csv', warm, 'text/csv', randomUUID());
    await checkpoint(server.url);
    await new Promise((r) => setTimeout(r, 500));

    const pid = server.pid;
    const hwm = resetPeak(pid);
    const before = statusKb(pid, 'VmRSS');
    let peak = before;
    const sampler = setInterval(() => {
      try {
        peak = Math.max(peak, statusKb(pid, 'VmRSS'));
      } catch {}
    }, 50);
    const jobId = randomUUID();
    const seen = new Set<number>();
    let done = false;
    const poller = (async () => {
      while (!done) {
        const r = await session.request('GET', `/api/customers/imports/${jobId}`).catch(() => null);
        if (r?.status === 200) seen.add((r.body as { processed: number }).processed);
        await new Promise((res) => setTimeout(res, 200));
      }
    })();
    const name = format === 'CSV' ? 'customers.csv' : 'customers.xlsx';
    const type =
      format === 'CSV' ? 'text/csv' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
    const started = performance.now();
    const res = await upload(server.base, session, name, file, type, jobId);
    const ms = performance.now() - started;
    done = true;
    clearInterval(sampler);
    await poller;
    peak = Math.max(peak, statusKb(pid, 'VmRSS'), hwm ? statusKb(pid, 'VmHWM') : 0);
    if (res.status !== 200)
      throw new Error(`the ${format} import answered ${res.status}: ${res.text.slice(0, 400)}`);
    const result = JSON.parse(res.text) as Measured['result'];
    return {
      format,
      bytes: file.length,
      ms,
      rssBeforeMb: before / 1024,
      peakExtraMb: (peak - before) / 1024,
      progressSteps: [...seen].filter((p) => p > 0 && p < result.total).length,
      result,
    };
  } finally {
    await server.stop();
  }
}

async function upload(
  base: string,
  session: Session,
  fileName: string,
  content: Buffer,
  type: string,
  jobId: string,
): Promise<{ status: number; text: string }> {
  const form = new FormData();
  form.append('file', new Blob([content], { type }), fileName);
  const res = await fetch(`${base}/api/customers/import?jobId=${jobId}`, {
    method: 'POST',
    headers: { cookie: session.cookie, origin: base, 'sec-fetch-site': 'same-origin' },
    body: form,
  });
  return { status: res.status, text: await res.text() };
}

// ---------------------------------------------------------------------------------------------

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor((s.length - 1) / 2)] ?? Number.NaN;
};

async function main() {
  const loadStart = os.loadavg().map((l) => l.toFixed(2));
  const bench = await prepareBenchDatabase(SCALE);
  try {
    const existing = await existingCustomers(bench.url, bench.meta.orgId, Math.ceil(ROWS / 5));
    const file = makeRows(ROWS, existing);
    const csv = Buffer.from(toCsv(file.rows), 'utf8');
    const xlsx = await writeXlsx([
      {
        name: '客户',
        rows: file.rows,
        columns: IMPORT_TEMPLATE.header.map(() => ({ format: 'text' as const })),
      },
    ]);
    // Kept for a look or a rerun by hand (.data/ is not committed)
    const dir = path.join(repoRoot, '.data', 'bench-import');
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'customers.csv'), csv);
    writeFileSync(path.join(dir, 'customers.xlsx'), xlsx);
    say(
      `${ROWS} rows: ${file.fresh} new, ${file.existing} existing (tier changed), ${file.invalid} invalid; ` +
        `CSV ${(csv.length / 1e6).toFixed(1)} MB, XLSX ${(xlsx.length / 1e6).toFixed(1)} MB`,
    );

    const raws: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const copy = await copyDatabase(bench, `import_raw_${run}`);
      try {
        const raw = await rawReference(copy.url, bench.meta.orgId, csv);
        raws.push(raw.ms);
        say(`raw SQL: ${raw.rows} rows in ${(raw.ms / 1000).toFixed(2)} s`);
      } finally {
        await copy.drop();
      }
    }
    const measured: Measured[] = [];
    for (let run = 0; run < RUNS; run++) {
      for (const [format, buffer] of [
        ['CSV', csv],
        ['XLSX', xlsx],
      ] as const) {
        const m = await measureImport(bench, format, buffer, run);
        measured.push(m);
        say(
          `${format}: ${(m.ms / 1000).toFixed(2)} s, ${(ROWS / (m.ms / 1000)).toFixed(0)} rows/s, ` +
            `RSS ${m.rssBeforeMb.toFixed(0)} MB before, +${m.peakExtraMb.toFixed(0)} MB peak; ` +
            `${m.progressSteps} progress values seen; ${m.result.created} created, ${m.result.updated} updated, ` +
            `${m.result.unchanged} unchanged, ${m.result.invalid} invalid`,
        );
      }
    }
    const rawMs = median(raws);
    const loadEnd = os.loadavg().map((l) => l.toFixed(2));
    const row = (format: 'CSV' | 'XLSX') => {
      const ms = measured.filter((m) => m.format === format);
      const t = median(ms.map((m) => m.ms)) / 1000;
      const mb = Math.max(...ms.map((m) => m.peakExtraMb));
      const first = ms[0]!;
      const ratio = (t * 1000) / rawMs;
      const met = t <= GOAL_S && mb <= GOAL_MB && ratio <= GOAL_RATIO;
      return `| ${format} (${(first.bytes / 1e6).toFixed(1)} MB) | ${t.toFixed(2)} s | ${(ROWS / t).toFixed(0)} | +${mb.toFixed(0)} MB | ${(rawMs / 1000).toFixed(2)} s | ${ratio.toFixed(1)}× | ${first.progressSteps} | ${met ? 'met' : 'missed'} |`;
    };
    const md = [
      SECTION,
      '',
      `\`POST /api/customers/import\` of ${ROWS.toLocaleString('en')} rows in the template's twelve columns (Chinese names; ` +
        `${file.fresh.toLocaleString('en')} new customers, ${file.existing.toLocaleString('en')} existing ones with their tier changed, ` +
        `${file.invalid} with an invalid phone), sent as the web page sends it (multipart, with a \`jobId\` polled every 200 ms), ` +
        `to the compiled server (\`node apps/api/dist/server.js\`, NODE_ENV=production) started afresh for each file on its ` +
        `own copy of the bench organisation at scale ${SCALE} (${bench.meta.counts.Customer?.toLocaleString('en') ?? '?'} customers), after one one-row import. ` +
        "Time: the wall time of the POST. Memory: the server process's RSS peak during it (VmRSS every 50 ms and VmHWM, reset " +
        'before the upload) minus its RSS just before. Raw limit: the same CSV parsed with csv-parse and written by one ' +
        '`INSERT … SELECT FROM jsonb_to_recordset … ON CONFLICT DO UPDATE` through `pg` on another copy (no validation, no audit, no progress). ' +
        `Goal: ≤ ${GOAL_S} s, ≤ ${GOAL_MB} MB extra, and at least a third of the raw speed (ratio ≤ ${GOAL_RATIO}×). ${RUNS > 1 ? `Median of ${RUNS} runs (memory: the highest).` : 'One run each.'}`,
      `Generated by \`pnpm bench:import\` on ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC; Node ${process.version}, ` +
        `${os.cpus().length} CPUs, load average ${loadStart.join(' / ')} at start, ${loadEnd.join(' / ')} at the end.`,
      '',
      '| file | time | rows/s | extra memory | raw SQL | ratio | progress steps seen | goal |',
      '| ---- | ---: | -----: | -----------: | ------: | ----: | ------------------: | ---- |',
      row('CSV'),
      row('XLSX'),
      '',
    ].join('\n');
    process.stdout.write(`\n${md}\n`);
  } finally {
    await bench.db.stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

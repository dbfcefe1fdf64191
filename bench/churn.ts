// `pnpm bench:churn [--scale 1] [--cases 60000] [--runs 5] [--no-write]`: the churn analysis group's
// week (docs/rules.md#r-churn-5-weekly-analysis) over the bench organisation (200 000 customers,
// 2.3 M visit records at scale 1) with `--cases` churn cases over the last two years (90 % confirmed,
// the rest suggestions or dismissed, five of this week's picked for the deep dive). Measured: the
// product's `churnWeekly` (the route's own code) for this week and for a week a year ago, against the
// bare SQL that counts the same 12 weeks' confirmed cases by day, stage and reason. Then a measure's
// effect (docs/rules.md#r-meas-3-effect-evaluation, the route's own `computeMeasureEffect`) for three
// targets of growing size: the customers of two churn reasons, one segment, every segment. Writes the
// "Churn analysis" section of BENCHMARKS.md unless --no-write.
import os from 'node:os';
import path from 'node:path';
import { repoRoot } from '../apps/api/src/config.ts';
import { createPrisma } from '../apps/api/src/db/prisma.ts';
import type { Actor } from '../apps/api/src/lib/actor.ts';
import { ensureDefaultChurnReasons } from '../apps/api/src/modules/churn/reasons.ts';
import { churnWeekly } from '../apps/api/src/modules/churn-analysis/service.ts';
import { computeMeasureEffect } from '../apps/api/src/modules/measures/effect.ts';
import { SEGMENTS } from '../packages/contracts/src/values.ts';
import {
  addDays,
  addWeeks,
  CHURN_TREND_WEEKS,
  dayIn,
  isoWeekBounds,
  isoWeekOf,
  weeksUpTo,
} from '../packages/domain/src/index.ts';
import { pg } from './deps.ts';
import { prepareBenchDatabase, say, TZ } from './generate.ts';
import { fmt, stats, time } from './measure.ts';
import { writeSection } from './report.ts';

const SECTION = '## Churn analysis (issue 13)';
const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const SCALE = arg('scale', 1);
const CASES = arg('cases', 60_000);
const RUNS = arg('runs', 5);
const WRITE = !process.argv.includes('--no-write');
const BENCH_NOTE = 'bench:churn';
const STAGES = ['NOT_ENROLLED', 'NEVER_ATTENDED', 'DROPPED_OUT', 'REFUNDED', 'NOT_RENEWED'];

/** The bare statement: the 12 weeks' confirmed cases by day, stage and reason. */
const WEEKLY_SQL = `
SELECT to_char(day, 'YYYY-MM-DD') AS day, stage, "reasonId"::text AS "reasonId", count(*)::int AS n
  FROM "ChurnCase"
 WHERE "organizationId" = $1::uuid AND status = 'CONFIRMED' AND day BETWEEN $2::date AND $3::date
 GROUP BY 1, 2, 3`;

async function main() {
  const now = new Date();
  const bench = await prepareBenchDatabase(SCALE, now);
  const orgId = bench.meta.orgId;
  const client = new pg.Client({ connectionString: bench.url });
  await client.connect();
  const prisma = createPrisma(bench.url, 4);
  try {
    await ensureDefaultChurnReasons(prisma, orgId, now);
    const today = dayIn(now, TZ);
    const have = Number(
      (
        await client.query(
          `SELECT count(*) AS n FROM "ChurnCase" WHERE "organizationId" = $1 AND note = $2`,
          [orgId, BENCH_NOTE],
        )
      ).rows[0].n,
    );
    if (have !== CASES) {
      const started = performance.now();
      await client.query(`DELETE FROM "ChurnCase" WHERE "organizationId" = $1 AND note = $2`, [
        orgId,
        BENCH_NOTE,
      ]);
      await client.query(
        `WITH c AS (SELECT array_agg(id ORDER BY id) AS ids FROM "Customer" WHERE "organizationId" = $1::uuid),
              r AS (SELECT array_agg(id ORDER BY sort) AS ids FROM "ChurnReason" WHERE "organizationId" = $1::uuid),
              d AS (SELECT array_agg(id ORDER BY name) AS ids FROM "Department" WHERE "organizationId" = $1::uuid)
         INSERT INTO "ChurnCase" (id, "organizationId", "customerId", status, stage, day, "departmentId",
                                  "reasonId", note, "createdAt", "updatedAt")
         SELECT gen_random_uuid(), $1::uuid, c.ids[1 + (g::bigint * 7919) % array_length(c.ids, 1)],
                CASE WHEN g % 20 = 0 THEN 'SUGGESTED' WHEN g % 20 = 1 THEN 'DISMISSED' ELSE 'CONFIRMED' END,
                ($4::text[])[1 + (g % array_length($4::text[], 1))],
                $2::date - (random() * 730)::int,
                d.ids[1 + (g % array_length(d.ids, 1))],
                CASE WHEN g % 13 = 0 THEN NULL ELSE r.ids[1 + ((g * 31) % array_length(r.ids, 1))] END,
                $3, now(), now()
           FROM c, r, d, generate_series(1, $5::int) g`,
        [orgId, today, BENCH_NOTE, STAGES, CASES],
      );
      await client.query('ANALYZE "ChurnCase"');
      say(`generated ${CASES} churn cases in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    }
    const week = isoWeekOf(today);
    const { last } = isoWeekBounds(week)!;
    await client.query(
      `UPDATE "ChurnCase" SET "deepDiveWeek" = $2
        WHERE id IN (SELECT id FROM "ChurnCase" WHERE "organizationId" = $1 AND status = 'CONFIRMED'
                       AND day BETWEEN $3::date AND $4::date ORDER BY id LIMIT 5)`,
      [orgId, week, isoWeekBounds(week)!.first, last],
    );
    const counts = (
      await client.query(
        `SELECT (SELECT count(*) FROM "Customer" WHERE "organizationId" = $1)::int AS customers,
                (SELECT count(*) FROM "VisitRecord" WHERE "organizationId" = $1)::int AS visits,
                (SELECT count(*) FROM "ChurnCase" WHERE "organizationId" = $1)::int AS cases`,
        [orgId],
      )
    ).rows[0] as { customers: number; visits: number; cases: number };
    const manager = (
      await client.query(`SELECT id FROM "User" WHERE "organizationId" = $1 AND role = 'MANAGER' LIMIT 1`, [
        orgId,
      ])
    ).rows[0] as { id: string };
    const actor = {
      user: { id: manager.id, organizationId: orgId, role: 'MANAGER', timezone: TZ },
      organizationId: orgId,
      now,
      ip: null,
      requestId: 'bench',
    } as unknown as Actor;

    const rows: string[] = [];
    for (const [label, w] of [
      ['this week (5 deep dives)', week],
      ['a week a year ago', addWeeks(week, -52)],
    ] as const) {
      const weeks = weeksUpTo(w, CHURN_TREND_WEEKS);
      const from = isoWeekBounds(weeks[0]!)!.first;
      const to = isoWeekBounds(w)!.last;
      const bare: number[] = [];
      const product: number[] = [];
      let total = 0;
      for (let i = 0; i < RUNS; i++) {
        bare.push((await time(() => client.query(WEEKLY_SQL, [orgId, from, to]))).ms);
        const p = await time(() => churnWeekly(prisma, actor, w));
        product.push(p.ms);
        total = p.value.total;
      }
      const [sb, sp] = [stats(bare), stats(product)];
      say(`${label}: bare ${fmt(sb.median)} ms, product ${fmt(sp.median)} ms (${total} cases)`);
      rows.push(
        `| ${label} (${w}, ${total} cases) | ${fmt(sb.median)} ms (${fmt(sb.min)}–${fmt(sb.max)}) | ${fmt(sp.median)} ms (${fmt(sp.min)}–${fmt(sp.max)}) | ${(sp.median / sb.median).toFixed(1)}× |`,
      );
    }
    // a measure's effect, for targets of growing size (measures made for the bench, replaced each run)
    await client.query(`DELETE FROM "ImprovementMeasure" WHERE "organizationId" = $1 AND title LIKE $2`, [
      orgId,
      `${BENCH_NOTE}%`,
    ]);
    const startDay = addDays(today, -45);
    const dept = (
      await client.query(`SELECT id FROM "Department" WHERE "organizationId" = $1 ORDER BY name LIMIT 1`, [
        orgId,
      ])
    ).rows[0] as { id: string };
    const targets = [
      { label: 'the customers of two churn reasons', target: {}, reasons: 2 },
      { label: 'one segment (STUDENT)', target: { segments: ['STUDENT'] }, reasons: 0 },
      { label: 'every segment', target: { segments: [...SEGMENTS] }, reasons: 0 },
    ];
    const effectRows: string[] = [];
    for (const [i, t] of targets.entries()) {
      const id = (
        await client.query(
          `INSERT INTO "ImprovementMeasure" (id, "organizationId", number, title, "departmentId", "ownerId", deadline,
                                             status, target, "startDay", "windowDays", "createdById", "createdAt", "updatedAt")
           VALUES (gen_random_uuid(), $1, $2, $3, $4, $5, $6::date, 'DONE', $7::jsonb, $8::date, 90, $5, now(), now())
           RETURNING id`,
          [
            orgId,
            900_000 + i,
            `${BENCH_NOTE} ${t.label}`,
            dept.id,
            manager.id,
            today,
            JSON.stringify(t.target),
            startDay,
          ],
        )
      ).rows[0].id as string;
      if (t.reasons)
        await client.query(
          `INSERT INTO "MeasureReason" ("measureId", "reasonId")
           SELECT $2, "reasonId" FROM "ChurnCase" WHERE "organizationId" = $1 AND status = 'CONFIRMED'
              AND "reasonId" IS NOT NULL GROUP BY "reasonId" ORDER BY count(*) DESC, "reasonId" LIMIT $3`,
          [orgId, id, t.reasons],
        );
      const m = {
        id,
        organizationId: orgId,
        startDay: new Date(`${startDay}T00:00:00Z`),
        windowDays: 90,
        target: t.target,
      };
      const ms: number[] = [];
      let customers = 0;
      let outcome = '';
      for (let r = 0; r < RUNS; r++) {
        const e = await time(() => computeMeasureEffect(prisma, m, now, TZ, false));
        ms.push(e.ms);
        customers = e.value.customers;
        outcome = e.value.outcome;
      }
      const se = stats(ms);
      say(`effect, ${t.label}: ${customers} customers, ${fmt(se.median)} ms`);
      effectRows.push(
        `| ${t.label} | ${customers.toLocaleString('en')} | ${fmt(se.median)} ms (${fmt(se.min)}–${fmt(se.max)}) | ${outcome} |`,
      );
    }
    const load = os
      .loadavg()
      .map((x) => x.toFixed(2))
      .join(' / ');
    const md = `${SECTION}

The analysis group's week (\`churnWeekly\`, the route's own code; docs/rules.md#r-churn-5-weekly-analysis)
over ${counts.customers.toLocaleString('en')} customers, ${counts.visits.toLocaleString('en')} visit records
and ${counts.cases.toLocaleString('en')} churn cases (two years; 90 % confirmed). The product reads the 12
weeks' cases grouped by day, stage and reason, the week's cases with names and departments, the
deep dives (each: the customer's latest visits, tickets and their inspections), the minutes and the
pending suggestions. Beside it, the bare grouped statement alone. ${RUNS} runs, median (min–max).
Generated by \`bench/churn.ts\` (\`pnpm bench:churn\`) on ${now.toISOString().slice(0, 16).replace('T', ' ')} UTC;
${os.cpus().length} CPUs, load average ${load}.

| week | bare SQL (grouped counts) | product (the whole view) | ratio |
| ---- | ------------------------: | -----------------------: | ----: |
${rows.join('\n')}

A measure's effect (\`computeMeasureEffect\`, what \`GET /api/improvement-measures/{id}/effect\` runs;
docs/rules.md#r-meas-3-effect-evaluation): one statement that finds the target customers in the database
and counts their rated visits, confirmed churn, RENEWED / REFERRAL events and complaint tickets in the 90 days before the start
day and the 45 days since. ${RUNS} runs, median (min–max).

| target | customers | the whole effect | outcome |
| ------ | --------: | ---------------: | ------- |
${effectRows.join('\n')}
`;
    console.log(md);
    if (WRITE) writeSection(path.join(repoRoot, 'BENCHMARKS.md'), SECTION, md);
  } finally {
    await prisma.$disconnect();
    await client.end();
    await bench.db.stop();
  }
}

await main();

// `pnpm bench:cadence [--scale 1] [--events 500000] [--runs 3] [--no-write]`: the daily run of the
// cadence rules (issue 12) over the bench organisation (200 000 customers at scale 1) with
// `--events` customer events: one purchase per customer (the value-tier rule visits them every 3 / 6
// / 12 months) and the rest spread over the regulations' other kinds and the last two years. Every
// default rule is approved. Measured: the product's run (`runCadenceFor`, the job's own code, in its
// transaction) on a day — the first run of the day, which makes the day's tasks, and a second run the
// same day, which finds nothing new (the other 23 hourly runs) — against the bare SQL that selects
// the same day's due visits (one statement: events joined to the rules' offsets and periods, minus
// the visits already made). Each product run's tasks are removed before the next. Writes the
// "Cadence daily run" section of BENCHMARKS.md unless --no-write.
import os from 'node:os';
import path from 'node:path';
import { repoRoot } from '../apps/api/src/config.ts';
import { createPrisma } from '../apps/api/src/db/prisma.ts';
import { runCadenceFor } from '../apps/api/src/modules/cadence/run.ts';
import { ensureDefaultCadenceRules } from '../apps/api/src/modules/cadence/service.ts';
import { DEFAULT_CADENCE_RULES, dayIn } from '../packages/domain/src/index.ts';
import { pg } from './deps.ts';
import { prepareBenchDatabase, say, TZ } from './generate.ts';
import { fmt, stats, time } from './measure.ts';
import { writeSection } from './report.ts';

const SECTION = '## Cadence daily run (issue 12)';
const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const SCALE = arg('scale', 1);
const EVENTS = arg('events', 500_000);
const RUNS = arg('runs', 3);
const WRITE = !process.argv.includes('--no-write');

const OTHER_KINDS = [
  'DISCHARGE',
  'SURGERY',
  'TREATMENT_COURSE_ENDED',
  'CONSULTATION',
  'COMPLAINT_CLOSED',
  'REPAIR_CLOSED',
  'ENROLLED',
  'GRADUATED',
];
const BENCH_NOTE = 'bench:cadence';

/** The bare statement: today's due visits of the AFTER_EVENT offsets and the value-tier periods, not yet made. */
const DUE_SQL = `
WITH o(rule, kind, key, months, days, win) AS (
  SELECT * FROM jsonb_to_recordset($3::jsonb)
    AS x(rule text, kind text, key text, months int, days int, win int)
),
p(rule, kind, tier, every, win) AS (
  SELECT * FROM jsonb_to_recordset($4::jsonb) AS x(rule text, kind text, tier text, every int, win int)
),
after_event AS (
  SELECT o.rule || ':' || e.id || ':' || o.key AS key, e."customerId"
    FROM "CustomerEvent" e JOIN o ON o.kind = e.kind
   WHERE e."organizationId" = $1::uuid AND e."cancelledAt" IS NULL
     AND (e.day + make_interval(months => o.months, days => o.days))::date <= $2::date
     AND (e.day + make_interval(months => o.months, days => o.days))::date + o.win >= $2::date
),
periodic AS (
  SELECT p.rule || ':' || e.id || ':@' || to_char(d.due, 'YYYY-MM-DD') AS key, e."customerId"
    FROM "CustomerEvent" e
    JOIN "Customer" c ON c.id = e."customerId"
    JOIN p ON p.kind = e.kind AND p.tier = c.tier::text
    CROSS JOIN LATERAL (
      SELECT (e.day + make_interval(months => k * p.every))::date AS due
        FROM generate_series(1, (((extract(year FROM age($2::date, e.day)) * 12
                                  + extract(month FROM age($2::date, e.day)))::int / p.every) + 1)) k
    ) d
   WHERE e."organizationId" = $1::uuid AND e."cancelledAt" IS NULL
     AND d.due <= $2::date AND d.due + p.win >= $2::date
)
SELECT count(*)::int AS n FROM (SELECT * FROM after_event UNION ALL SELECT * FROM periodic) v
 WHERE NOT EXISTS (SELECT 1 FROM "CadenceVisit" m WHERE m."organizationId" = $1::uuid AND m.key = v.key)`;

async function main() {
  const now = new Date();
  const bench = await prepareBenchDatabase(SCALE, now);
  const orgId = bench.meta.orgId;
  const client = new pg.Client({ connectionString: bench.url });
  await client.connect();
  const prisma = createPrisma(bench.url, 4);
  try {
    await ensureDefaultCadenceRules(prisma, orgId, now);
    const [manager] = (
      await client.query(`SELECT id FROM "User" WHERE "organizationId" = $1 AND role = 'MANAGER' LIMIT 1`, [
        orgId,
      ])
    ).rows as Array<{ id: string }>;
    await client.query(
      `UPDATE "CadenceRule" SET status = 'APPROVED', active = draft, "activeVersion" = 1,
              "decidedById" = $2, "decidedAt" = $3, approved = true
        WHERE "organizationId" = $1`,
      [orgId, manager!.id, now],
    );
    const have = Number(
      (
        await client.query(
          `SELECT count(*) AS n FROM "CustomerEvent" WHERE "organizationId" = $1 AND note = $2`,
          [orgId, BENCH_NOTE],
        )
      ).rows[0].n,
    );
    if (have !== EVENTS) {
      const started = performance.now();
      await client.query(`DELETE FROM "CustomerEvent" WHERE "organizationId" = $1 AND note = $2`, [
        orgId,
        BENCH_NOTE,
      ]);
      // one purchase per customer in the last three years, the rest over the last two years
      await client.query(
        `INSERT INTO "CustomerEvent" (id, "organizationId", "customerId", kind, day, source, note, "createdAt")
         SELECT gen_random_uuid(), $1::uuid, c.id, 'PURCHASE', $2::date - (random() * 1095)::int, 'IMPORT', $3, now()
           FROM "Customer" c WHERE c."organizationId" = $1::uuid`,
        [orgId, dayIn(now, TZ), BENCH_NOTE],
      );
      await client.query(
        `WITH c AS (SELECT array_agg(id ORDER BY id) AS ids FROM "Customer" WHERE "organizationId" = $1::uuid)
         INSERT INTO "CustomerEvent" (id, "organizationId", "customerId", kind, day, source, note, "createdAt")
         SELECT gen_random_uuid(), $1::uuid, c.ids[1 + (g::bigint * 7919) % array_length(c.ids, 1)],
                ($4::text[])[1 + (g % array_length($4::text[], 1))],
                $2::date - (random() * 730)::int, 'IMPORT', $3, now()
           FROM c, generate_series(1, GREATEST($5::int - array_length(c.ids, 1), 0)) g`,
        [orgId, dayIn(now, TZ), BENCH_NOTE, OTHER_KINDS, EVENTS],
      );
      await client.query('ANALYZE "CustomerEvent"');
      say(`generated ${EVENTS} customer events in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    }
    const counts = (
      await client.query(
        `SELECT (SELECT count(*) FROM "Customer" WHERE "organizationId" = $1)::int AS customers,
                (SELECT count(*) FROM "CustomerEvent" WHERE "organizationId" = $1)::int AS events`,
        [orgId],
      )
    ).rows[0] as { customers: number; events: number };

    const offsets = DEFAULT_CADENCE_RULES.flatMap((r) =>
      r.definition.trigger.kind === 'AFTER_EVENT'
        ? r.definition.trigger.offsets.map((o) => ({
            rule: r.code,
            kind: r.definition.trigger.eventKind,
            key: o.key,
            months: o.unit === 'MONTH' ? o.amount : o.unit === 'YEAR' ? o.amount * 12 : 0,
            days: o.unit === 'DAY' ? o.amount : o.unit === 'WEEK' ? o.amount * 7 : 0,
            win: o.windowDays,
          }))
        : [],
    );
    const periods = DEFAULT_CADENCE_RULES.flatMap((r) =>
      r.definition.trigger.kind === 'EVERY_MONTHS'
        ? Object.entries(r.definition.trigger.everyMonths).map(([tier, every]) => ({
            rule: r.code,
            kind: r.definition.trigger.eventKind,
            tier,
            every,
            win: r.definition.trigger.kind === 'EVERY_MONTHS' ? r.definition.trigger.windowDays : 0,
          }))
        : [],
    );
    const org = { id: orgId, timezone: TZ };
    const undo = async () => {
      await client.query(
        `WITH v AS (DELETE FROM "CadenceVisit" WHERE "organizationId" = $1 RETURNING "taskId")
         DELETE FROM "Task" WHERE id IN (SELECT "taskId" FROM v WHERE "taskId" IS NOT NULL)`,
        [orgId],
      );
      await client.query(
        `DELETE FROM "Notification" WHERE "organizationId" = $1 AND type = 'TASK_FROM_RULE'`,
        [orgId],
      );
      await client.query(`DELETE FROM "AuditLog" WHERE "organizationId" = $1 AND action = 'CADENCE_RUN'`, [
        orgId,
      ]);
    };
    await undo();
    const today = dayIn(now, TZ);
    const bare: number[] = [];
    const first: number[] = [];
    const again: number[] = [];
    let dueSql = 0;
    let made = { due: 0, tasks: 0, postponed: 0, suppressed: 0 };
    for (let i = 0; i < RUNS; i++) {
      const b = await time(() =>
        client.query(DUE_SQL, [orgId, today, JSON.stringify(offsets), JSON.stringify(periods)]),
      );
      bare.push(b.ms);
      dueSql = (b.value.rows[0] as { n: number }).n;
      const r1 = await time(() => runCadenceFor(prisma, org, now));
      first.push(r1.ms);
      made = r1.value;
      const r2 = await time(() => runCadenceFor(prisma, org, now));
      again.push(r2.ms);
      await undo();
      say(
        `run ${i + 1}: bare ${fmt(b.ms)} ms (${dueSql} due), product first ${fmt(r1.ms)} ms (${r1.value.due} due, ${r1.value.tasks} tasks), again ${fmt(r2.ms)} ms`,
      );
    }
    const [sb, s1, s2] = [stats(bare), stats(first), stats(again)];
    const load = os
      .loadavg()
      .map((x) => x.toFixed(2))
      .join(' / ');
    const md = `${SECTION}

The daily run of the cadence rules (\`runCadenceFor\`, the job's own code and transaction;
docs/rules.md#r-cad-4-the-daily-run) over ${counts.customers.toLocaleString('en')} customers and
${counts.events.toLocaleString('en')} customer events (a purchase per customer in the last three years,
the rest spread over the other kinds of the regulations and the last two years), every default rule
approved, on ${today}. Beside it, the bare statement that selects the same day's due visits (events
joined to the rules' offsets and the value tiers' periods, minus the visits already made; no sample,
no assignment, no writes). ${RUNS} run(s), median (min–max); each run's tasks removed before the next.
Generated by \`bench/cadence.ts\` (\`pnpm bench:cadence\`) on ${now.toISOString().slice(0, 16).replace('T', ' ')} UTC;
${os.cpus().length} CPUs, load average ${load}.

| what | median | min–max | found |
| ---- | -----: | ------: | ----: |
| bare SQL: today's due visits | ${fmt(sb.median)} ms | ${fmt(sb.min)}–${fmt(sb.max)} ms | ${dueSql} |
| product: the day's first run (reads, samples, assigns, writes the tasks) | ${fmt(s1.median)} ms | ${fmt(s1.min)}–${fmt(s1.max)} ms | ${made.due} due → ${made.tasks} tasks, ${made.postponed} waiting (open task), ${made.suppressed} suppressed |
| product: a later run the same day (finds nothing new) | ${fmt(s2.median)} ms | ${fmt(s2.min)}–${fmt(s2.max)} ms | 0 |

Ratio, first run to bare SQL: **${(s1.median / sb.median).toFixed(1)}×**; a later run: ${(s2.median / sb.median).toFixed(1)}×.
The bare count is before sampling (the complaint and repair rules visit 50 % and 30 %), so it is
above the product's due count.
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

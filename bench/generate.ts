// Generates the benchmark's large organisation in its own embedded PostgreSQL (docs/performance.md#how-pnpm-bench-measures-them):
// ≥ 200 callers in 10 teams, ≥ 200 000 customers, ≈ 2.4 M tasks and ≥ 2 M visit records over
// 24 months plus the current one, ≈ 200 000 inspections, and ~50 pending tasks per caller this
// month (the caller queue). Every bulk insert is one set-based statement (per table, or per
// month for tasks + records); nothing is inserted row by row.
//
// The data is kept in `.data/bench/` (`.data/bench-<scale>/` for other scales, or HUIFANG_BENCH_DIR) and reused by the next run when it
// was generated at the same scale in the same month (a marker file beside the cluster);
// otherwise the database is dropped and generated again.
//
//   pnpm exec tsx bench/generate.ts [--scale 0.05]    (run.ts calls it itself)
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { repoRoot } from '../apps/api/src/config.ts';
import { type EmbeddedDatabase, startEmbeddedPostgres } from '../apps/api/src/db/embedded.ts';
import { applyMigrations } from '../apps/api/src/db/migrate.ts';
import { createPrisma } from '../apps/api/src/db/prisma.ts';
import { hashPassword } from '../apps/api/src/lib/passwords.ts';
import { createOrganization } from '../apps/api/src/seed/organization.ts';
import { addDays, addMonths, dayIn, monthBounds, monthIn } from '../packages/domain/src/index.ts';
import { pg } from './deps.ts';

export const BENCH_PASSWORD = 'bench1234';
export const TZ = 'Asia/Shanghai';
const DATABASE = 'bench';
/** months of history before the current one (`--months` for more: how figures grow with years of history) */
export const HISTORY_MONTHS = 24;
const TASKS_PER_CALLER_MONTH = 500;
const PENDING_PER_CALLER = 50;

export interface BenchMeta {
  scale: number;
  /** months of history (absent in data generated before `--months`: 24) */
  months?: number;
  /** the month that was "current" when the data was generated */
  month: string;
  today: string;
  orgId: string;
  generatedAt: string;
  seconds: number;
  counts: Record<string, number>;
}

export interface BenchDatabase {
  db: EmbeddedDatabase;
  url: string;
  meta: BenchMeta;
  reused: boolean;
}

export const say = (line: string) => process.stdout.write(`[bench] ${line}\n`);

/** Where a scale's data lives: `.data/bench` at full scale, `.data/bench-<scale>` otherwise, so a quick small run never wipes the full data. */
export function benchDir(scale = 1, months = HISTORY_MONTHS): string {
  const base = scale === 1 ? '.data/bench' : `.data/bench-${scale}`;
  const fallback = months === HISTORY_MONTHS ? base : `${base}-m${months}`;
  return path.resolve(repoRoot, process.env.HUIFANG_BENCH_DIR ?? fallback);
}

export function sizes(scale: number, months = HISTORY_MONTHS) {
  const teams = Math.max(2, Math.round(10 * scale));
  const callers = Math.max(teams * 2, Math.round(200 * scale));
  const customers = Math.round(200_000 * scale);
  return {
    teams,
    callers,
    supervisors: Math.max(2, Math.round(5 * scale)),
    customers,
    // ≈ 9 % of the records: 200 000 over 24 months at full scale, more with more history
    inspections: Math.round((200_000 * scale * months) / HISTORY_MONTHS),
    tickets: Math.round((callers * 4 * months) / HISTORY_MONTHS),
    months,
  };
}

async function timed<T>(label: string, run: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const result = await run();
  say(`  ${label.padEnd(44)} ${((performance.now() - started) / 1000).toFixed(1).padStart(7)} s`);
  return result;
}

/** Starts the bench cluster and makes sure it holds the organisation at this scale. */
export async function prepareBenchDatabase(
  scale: number,
  now = new Date(),
  months = HISTORY_MONTHS,
): Promise<BenchDatabase> {
  const dir = benchDir(scale, months);
  const db = await startEmbeddedPostgres({ dataDir: path.join(dir, 'pg'), database: DATABASE, log: say });
  const markerPath = path.join(dir, 'bench-data.json');
  const month = monthIn(now, TZ);
  try {
    const marker = existsSync(markerPath)
      ? (JSON.parse(readFileSync(markerPath, 'utf8')) as BenchMeta)
      : null;
    if (
      marker &&
      marker.scale === scale &&
      marker.month === month &&
      (marker.months ?? HISTORY_MONTHS) === months
    ) {
      const applied = await applyMigrations(db.url);
      if (applied.length) say(`applied new migrations to the existing data: ${applied.join(', ')}`);
      if (await organisationExists(db.url, marker.orgId)) {
        say(`reusing the data generated ${marker.generatedAt} at scale ${scale} (${dir})`);
        return { db, url: db.url, meta: marker, reused: true };
      }
    }
    if (marker)
      say(`the data in ${dir} is for scale ${marker.scale}, month ${marker.month}: generating again`);
    writeFileSync(markerPath, '{}');
    await recreateDatabase(db.url);
    const meta = await generate(db.url, scale, now, months);
    writeFileSync(markerPath, `${JSON.stringify(meta, null, 2)}\n`);
    return { db, url: db.url, meta, reused: false };
  } catch (error) {
    await db.stop();
    throw error;
  }
}

async function organisationExists(url: string, orgId: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const r = await client.query('SELECT 1 FROM "Organization" WHERE id = $1::uuid', [orgId]);
    return r.rowCount === 1;
  } catch {
    return false;
  } finally {
    await client.end();
  }
}

async function recreateDatabase(url: string): Promise<void> {
  const admin = new pg.Client({ connectionString: url.replace(/\/[^/]+$/, '/postgres') });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${DATABASE} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${DATABASE}`);
  } finally {
    await admin.end();
  }
}

async function generate(url: string, scale: number, now: Date, months: number): Promise<BenchMeta> {
  const started = performance.now();
  const n = sizes(scale, months);
  const month = monthIn(now, TZ);
  const today = dayIn(now, TZ);
  say(
    `generating at scale ${scale}: ${n.callers} callers in ${n.teams} teams, ${n.customers} customers, ` +
      `${months} months × ${TASKS_PER_CALLER_MONTH} tasks per caller`,
  );
  await timed('migrations', () => applyMigrations(url));

  const passwordHash = await timed('argon2 hash (once)', () => hashPassword(BENCH_PASSWORD));
  const prisma = createPrisma(url, 2);
  const org = await timed('organisation skeleton (createOrganization)', () =>
    prisma.$transaction((tx) =>
      createOrganization(tx, { name: '基准测试学校', timezone: TZ, demo: false, now }),
    ),
  );
  const rubric = await prisma.rubric.findFirstOrThrow({ where: { organizationId: org.id, isDefault: true } });
  await prisma.$disconnect();

  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(
      `SET synchronous_commit = off; SET work_mem = '256MB'; SET maintenance_work_mem = '512MB'`,
    );
    // uuid v7 layout (48-bit millisecond time first) so that the primary keys grow like the app's
    await client.query(`
      CREATE FUNCTION pg_temp.uuid7(ts timestamptz) RETURNS uuid LANGUAGE sql VOLATILE AS $$
        SELECT encode(set_byte(overlay(uuid_send(gen_random_uuid())
                 PLACING substring(int8send((extract(epoch FROM ts) * 1000)::bigint) FROM 3) FROM 1 FOR 6),
               6, (get_byte(uuid_send(gen_random_uuid()), 6) & 15) | 112), 'hex')::uuid
      $$`);
    const q = (sql: string, params: unknown[] = []) => client.query(sql, params);
    await timed('teams and users', () => insertPeople(q, org.id, org.departments, n, passwordHash));
    await timed(`customers (${n.customers})`, () => insertCustomers(q, org.id, n.customers));
    await q(
      `CREATE TEMP TABLE bu AS
               SELECT (row_number() OVER (ORDER BY email) - 1)::int AS n, id FROM "User"
               WHERE "organizationId" = $1::uuid AND role = 'CALLER'`,
      [org.id],
    );
    await q('CREATE UNIQUE INDEX ON bu (n)');
    await q(
      `CREATE TEMP TABLE bc AS
               SELECT (row_number() OVER (ORDER BY phone) - 1)::int AS n, id FROM "Customer"
               WHERE "organizationId" = $1::uuid AND NOT "refusesVisits"`,
      [org.id],
    );
    await q('CREATE UNIQUE INDEX ON bc (n)');
    await q('ANALYZE bu; ANALYZE bc');

    for (let i = months; i >= 1; i--) {
      const m = addMonths(month, -i);
      await timed(`tasks + records ${m}`, () => insertMonth(q, org.id, n, m, today, false));
    }
    await timed(`tasks + records ${month} (to ${today}) + queue`, () =>
      insertMonth(q, org.id, n, month, today, true),
    );
    await timed(`inspections (≈${n.inspections}) + appeals`, () =>
      insertInspections(q, org.id, n.inspections, rubric.id, rubric.criteria, now),
    );
    await timed(`conduct tickets (${n.tickets})`, () =>
      insertTickets(q, org.id, org.departments.SUPERVISION, n),
    );
    await timed('ANALYZE', () => q('ANALYZE'));

    const counts: Record<string, number> = {};
    for (const table of ['User', 'Customer', 'Task', 'VisitRecord', 'Inspection', 'IssueTicket']) {
      const r = await q(`SELECT count(*)::int AS n FROM "${table}"`);
      counts[table] = r.rows[0].n as number;
    }
    const open = await q(`SELECT count(*)::int AS n FROM "Task" WHERE status IN ('PENDING', 'IN_PROGRESS')`);
    counts.openTasks = open.rows[0].n as number;
    const size = await q('SELECT pg_database_size(current_database())::bigint AS b');
    counts.databaseMB = Math.round(Number(size.rows[0].b) / 1048576);
    const seconds = Math.round((performance.now() - started) / 100) / 10;
    say(`generated in ${seconds} s: ${JSON.stringify(counts)}`);
    return {
      scale,
      months,
      month,
      today,
      orgId: org.id,
      generatedAt: new Date().toISOString(),
      seconds,
      counts,
    };
  } finally {
    await client.end();
  }
}

type Query = (sql: string, params?: unknown[]) => Promise<{ rows: Array<Record<string, unknown>> }>;

async function insertPeople(
  q: Query,
  orgId: string,
  departments: Record<string, string>,
  n: ReturnType<typeof sizes>,
  passwordHash: string,
) {
  await q(
    `INSERT INTO "Team" (id, "organizationId", "departmentId", name, "createdAt")
     SELECT gen_random_uuid(), $1::uuid, $2::uuid, '回访' || lpad(g::text, 2, '0') || '组', now()
     FROM generate_series(1, $3::int) g`,
    [orgId, departments.VISIT, n.teams],
  );
  // One statement for everybody: admin, manager, supervisors, one lead per team, the callers.
  await q(
    `WITH tm AS (
       SELECT id, row_number() OVER (ORDER BY name)::int AS k FROM "Team" WHERE "organizationId" = $1::uuid
     ), people AS (
       SELECT 'admin@bench.local' AS email, '系统管理员' AS name, 'ADMIN'::"Role" AS role, $3::uuid AS dept, NULL::int AS k
       UNION ALL SELECT 'manager@bench.local', '部门经理', 'MANAGER', $2::uuid, NULL
       UNION ALL SELECT 'supervisor' || g || '@bench.local', '督导' || g, 'SUPERVISOR', $4::uuid, NULL
         FROM generate_series(1, $5::int) g
       UNION ALL SELECT 'lead' || lpad(g::text, 2, '0') || '@bench.local', '组长' || g, 'LEAD', $2::uuid, g
         FROM generate_series(1, $6::int) g
       UNION ALL SELECT 'caller' || lpad(g::text, 3, '0') || '@bench.local', '回访员' || g, 'CALLER', $2::uuid,
                        1 + (g - 1) % $6::int
         FROM generate_series(1, $7::int) g
     )
     INSERT INTO "User" (id, "organizationId", email, name, role, "departmentId", "teamId", "passwordHash",
                         "createdAt", "updatedAt")
     SELECT gen_random_uuid(), $1::uuid, p.email, p.name, p.role, p.dept, tm.id, $8, now(), now()
     FROM people p LEFT JOIN tm ON tm.k = p.k`,
    [
      orgId,
      departments.VISIT,
      departments.ADMIN,
      departments.SUPERVISION,
      n.supervisors,
      n.teams,
      n.callers,
      passwordHash,
    ],
  );
  await q(
    `UPDATE "Team" t SET "leaderId" = u.id FROM "User" u
     WHERE u."teamId" = t.id AND u.role = 'LEAD' AND t."organizationId" = $1::uuid`,
    [orgId],
  );
  await q(
    `UPDATE "Department" d SET "headUserId" = u.id FROM "User" u
     WHERE d.id = $2::uuid AND d."organizationId" = $1::uuid AND u.email = 'manager@bench.local'`,
    [orgId, departments.VISIT],
  );
}

async function insertCustomers(q: Query, orgId: string, count: number) {
  // 0.5 % refuse visits; phones are unique 11-digit mobile numbers.
  await q(
    `INSERT INTO "Customer" (id, "organizationId", name, phone, email, segment, tier, programme, "enrolledAt",
                             "refusesVisits", "refusedAt", "preferredChannel", "version", "createdAt", "updatedAt")
     SELECT pg_temp.uuid7(now() - interval '3 years' + g * interval '7 minutes'), $1::uuid,
            (ARRAY['王','李','张','刘','陈','杨','赵','黄','周','吴','徐','孙','胡','朱','高','林'])[1 + g % 16]
              || (ARRAY['伟','芳','娜','敏','静','丽','强','磊','军','洋','勇','艳','杰','娟','涛','明','超','秀','霞','平'])[1 + (g / 16) % 20]
              || (ARRAY['','华','英','玲','辉','斌','鹏','宇'])[1 + (g / 320) % 8],
            '13' || lpad(g::text, 9, '0'),
            CASE WHEN g % 3 = 0 THEN 'c' || g || '@example.com' END,
            (ARRAY['PROSPECT','NEW_ENROLLEE','STUDENT','STUDENT','GRADUATE','GRADUATE','KEY_ACCOUNT','CHURNED'])[1 + g % 8]::"Segment",
            (ARRAY['HIGH','MID','MID','LOW'])[1 + (g / 8) % 4]::"Tier",
            (ARRAY['会计实务','Python 编程','平面设计','英语口语','电商运营'])[1 + g % 5],
            (date '2023-01-01' + (g % 1000))::date,
            g % 200 = 199, CASE WHEN g % 200 = 199 THEN now() - interval '90 days' END,
            (ARRAY['PHONE','PHONE','PHONE','SMS','ONLINE_SURVEY']::"Channel"[])[1 + g % 5],
            1, now() - interval '3 years' + g * interval '7 minutes', now()
     FROM generate_series(0, $2::int - 1) g`,
    [orgId, count],
  );
}

/**
 * One month's tasks and their visit records in ONE statement (a data-modifying CTE). Past months:
 * 85 % DONE, 10 % UNREACHABLE, 5 % CANCELLED, due days spread over the month, done on the due day
 * or up to two days before, 5 % one to three days late. The current month (today given): the same
 * up to yesterday, then ~50 PENDING tasks per caller due from today on, on distinct customers.
 */
async function insertMonth(
  q: Query,
  orgId: string,
  n: ReturnType<typeof sizes>,
  month: string,
  today: string,
  current: boolean,
) {
  const { first, last } = monthBounds(month);
  const days = current
    ? Math.max(0, dayNumber(today) - dayNumber(first))
    : dayNumber(last) - dayNumber(first) + 1;
  const perCaller = current
    ? Math.round((TASKS_PER_CALLER_MONTH * days) / (dayNumber(last) - dayNumber(first) + 1))
    : TASKS_PER_CALLER_MONTH;
  const salt = dayNumber(first);
  if (days > 0 && perCaller > 0) {
    await q(
      `WITH cnt AS (SELECT count(*)::bigint AS c FROM bc),
       src AS (
         SELECT g, u.id AS uid, c.id AS cid,
                ($3::date + ((g / $5::int) % $6::int))::date AS due,
                random() AS r1, random() AS r2, random() AS r3
         FROM generate_series(0, $5::int * $7::int - 1) g
         JOIN bu u ON u.n = g % $5::int
         JOIN bc c ON c.n = ((g::bigint * 7919 + $8::bigint * 104729) % (SELECT c FROM cnt))::int
       ), shaped AS (
         SELECT s.*,
                CASE WHEN r1 < 0.85 THEN 'DONE' WHEN r1 < 0.95 THEN 'UNREACHABLE' ELSE 'CANCELLED' END::"TaskStatus" AS st,
                (least($9::date, CASE WHEN r2 < 0.05 THEN due + 1 + (r2 * 60)::int % 3
                                      ELSE greatest($3::date, due - (r2 * 3)::int) END)
                  + time '09:00' + r3 * interval '9 hours') AT TIME ZONE $2 AS done_at
         FROM src s
       ), t AS (
         INSERT INTO "Task" (id, "organizationId", "customerId", "assigneeId", purpose, channel, "windowFrom",
                             "windowTo", "dueDate", status, attempts, "lastAttemptAt", "doneAt", version,
                             "createdAt", "updatedAt")
         SELECT pg_temp.uuid7(($3::date - 5 + time '10:00') AT TIME ZONE $2 + g * interval '1 millisecond'),
                $1::uuid, cid, uid, '月度回访', (CASE WHEN g % 10 = 0 THEN 'SMS' ELSE 'PHONE' END)::"Channel",
                $3::date, $4::date, due, st,
                CASE WHEN st = 'CANCELLED' THEN 0 WHEN st = 'UNREACHABLE' THEN 3 ELSE 1 + (g % 3 = 0)::int END,
                CASE WHEN st <> 'CANCELLED' THEN done_at END,
                CASE WHEN st <> 'CANCELLED' THEN done_at END,
                CASE WHEN st = 'CANCELLED' THEN 2 ELSE 2 + (g % 3 = 0)::int END,
                ($3::date - 5 + time '10:00') AT TIME ZONE $2,
                CASE WHEN st = 'CANCELLED' THEN ($3::date + 3 + time '10:00') AT TIME ZONE $2 ELSE done_at END
         FROM shaped
         RETURNING id, "customerId", "assigneeId", status, "doneAt", channel
       ), rec AS (
         SELECT t.*, random() AS a, random() AS b FROM t WHERE status IN ('DONE', 'UNREACHABLE')
       ), rec2 AS (
         SELECT rec.*,
                (CASE WHEN status = 'DONE' THEN CASE WHEN a < 0.92 THEN 'COMPLETED' ELSE 'DECLINED' END
                      ELSE CASE WHEN a < 0.8 THEN 'NO_ANSWER' ELSE 'WRONG_NUMBER' END END)::"VisitOutcome" AS outcome,
                CASE WHEN status = 'DONE' AND a < 0.92 THEN
                  CASE WHEN b < 0.45 THEN 5 WHEN b < 0.80 THEN 4 WHEN b < 0.92 THEN 3 WHEN b < 0.97 THEN 2 ELSE 1 END
                END AS sat,
                60 + (b * 540)::int AS dur
         FROM rec
       )
       INSERT INTO "VisitRecord" (id, "organizationId", "taskId", "callerId", "customerId", "startedAt", "durationSec",
                                  channel, outcome, satisfaction, answers, opinions, original, "amendmentCount",
                                  version, "createdAt")
       SELECT pg_temp.uuid7("doneAt"), $1::uuid, id, "assigneeId", "customerId",
              "doneAt" - dur * interval '1 second', dur, channel, outcome, sat, '[]'::jsonb,
              CASE WHEN sat <= 2 THEN '希望课程安排更合理' END,
              jsonb_build_object('outcome', outcome, 'satisfaction', sat, 'durationSec', dur),
              ((a * 1000)::int % 100 = 0)::int, 1, "doneAt"
       FROM rec2`,
      [orgId, TZ, first, last, n.callers, days, perCaller, salt, addDays(today, -1)],
    );
  }
  if (current) {
    // The caller queue: ~50 PENDING tasks each, due from today to the month's end, customers
    // 0 … callers×50−1 (distinct: the one-open-task-per-customer index).
    const span = dayNumber(last) - dayNumber(today) + 1;
    await q(
      `INSERT INTO "Task" (id, "organizationId", "customerId", "assigneeId", purpose, channel, "windowFrom", "windowTo",
                           "dueDate", status, attempts, "lastAttemptAt", version, "createdAt", "updatedAt")
       SELECT pg_temp.uuid7(($3::date + time '08:00') AT TIME ZONE $7 + g * interval '1 millisecond'),
              $1::uuid, c.id, u.id, '月度回访', 'PHONE', $3::date, $4::date,
              ($5::date + (g / $6::int) % $2::int)::date, 'PENDING',
              (g % 10 = 0)::int, CASE WHEN g % 10 = 0 THEN now() - interval '1 day' END, 1,
              ($3::date + time '08:00') AT TIME ZONE $7, now()
       FROM generate_series(0, $6::int * $8::int - 1) g
       JOIN bu u ON u.n = g % $6::int
       JOIN bc c ON c.n = g`,
      [orgId, span, first, last, today, n.callers, TZ, PENDING_PER_CALLER],
    );
  }
}

function dayNumber(day: string): number {
  return Math.round(Date.parse(`${day}T00:00:00Z`) / 86_400_000);
}

/**
 * ≈ `target` SUBMITTED inspections sampled uniformly from the records at least two days old:
 * 92 % without findings, passed when total ≥ 80 and no critical criterion failed; 10 % of the
 * failures overturned on appeal (effectivePassed, with an OVERTURNED appeal row).
 */
async function insertInspections(
  q: Query,
  orgId: string,
  target: number,
  rubricId: string,
  criteria: unknown,
  now: Date,
) {
  const total = await q(`SELECT count(*)::bigint AS n FROM "VisitRecord" WHERE "organizationId" = $1::uuid`, [
    orgId,
  ]);
  const fraction = Math.min(1, target / Math.max(1, Number(total.rows[0]?.n)));
  await q(
    `CREATE TEMP TABLE bs AS
             SELECT (row_number() OVER (ORDER BY email) - 1)::int AS n, id FROM "User"
             WHERE "organizationId" = $1::uuid AND role = 'SUPERVISOR'`,
    [orgId],
  );
  await q(
    `WITH nsup AS (SELECT count(*)::int AS c FROM bs),
     pick AS (
       SELECT r.id, r."callerId", r."startedAt", random() AS a, random() AS b
       FROM "VisitRecord" r
       WHERE r."organizationId" = $1::uuid AND r."startedAt" < $5::timestamptz - interval '2 days'
         AND random() < $2::float8
     ), f AS (
       SELECT p.*,
              CASE WHEN a < 0.04 THEN ARRAY['LATE'] WHEN a < 0.065 THEN ARRAY['INCOMPLETE']
                   WHEN a < 0.075 THEN ARRAY['INACCURATE'] WHEN a < 0.078 THEN ARRAY['SCRIPT_DEVIATION']
                   WHEN a < 0.08 THEN ARRAY['ATTITUDE'] ELSE ARRAY[]::text[] END AS findings
       FROM pick p
     ), s AS (
       SELECT f.*, CASE WHEN cardinality(findings) = 0 THEN 82 + (b * 18)::int ELSE 55 + (b * 30)::int END AS total,
              findings && ARRAY['INACCURATE', 'ATTITUDE', 'FABRICATED'] AS crit
       FROM f
     )
     INSERT INTO "Inspection" (id, "organizationId", "visitId", "visitStartedAt", "callerId", "inspectorId", method, status, "rubricId",
                               "rubricVersion", "rubricSnapshot", scores, findings, total, "criticalFailed", passed,
                               "effectivePassed", "timeSpentSec", "startedAt", "submittedAt", version, "createdAt",
                               "updatedAt")
     SELECT pg_temp.uuid7(s."startedAt" + interval '1 day'), $1::uuid, s.id, s."startedAt", s."callerId",
            (SELECT id FROM bs WHERE bs.n = (hashtext(s.id::text) & 2147483647) % (SELECT c FROM nsup)),
            (CASE WHEN a > 0.9 THEN 'CUSTOMER_CALLBACK' ELSE 'RECORDING_REVIEW' END)::"InspectionMethod",
            'SUBMITTED', $3::uuid, 1, $4::jsonb, '[]'::jsonb, findings, total, crit,
            total >= 80 AND NOT crit,
            (total >= 80 AND NOT crit) OR b < 0.1,
            120 + (b * 600)::int, s."startedAt" + interval '1 day', s."startedAt" + interval '1 day 10 minutes', 1,
            s."startedAt" + interval '1 day', s."startedAt" + interval '1 day 10 minutes'
     FROM s`,
    [orgId, fraction, rubricId, JSON.stringify(criteria), now.toISOString()],
  );
  await q(
    `INSERT INTO "InspectionAppeal" (id, "inspectionId", "callerId", reason, status, "decidedById", "decisionReason",
                                     "decidedAt", "createdAt")
     SELECT gen_random_uuid(), i.id, i."callerId", '录音可证明已按流程执行', 'OVERTURNED', i."inspectorId", '复核属实',
            i."submittedAt" + interval '2 days', i."submittedAt" + interval '1 day'
     FROM "Inspection" i
     WHERE i."organizationId" = $1::uuid AND i."effectivePassed" AND NOT i.passed`,
    [orgId],
  );
}

/** ~4 conduct complaints per caller over the two years, 70 % confirmed. */
async function insertTickets(q: Query, orgId: string, supervisionDept: string, n: ReturnType<typeof sizes>) {
  await q(
    `INSERT INTO "IssueTicket" (id, "organizationId", number, "customerId", "subjectUserId", category, severity,
                                "departmentId", title, description, status, "dueAt", "respondedAt", "raisedById",
                                "closedAt", "conductConfirmed", "conductDecidedAt", version, "createdAt", "updatedAt")
     SELECT gen_random_uuid(), $1::uuid, g + 1, c.id, u.id, 'CALLER_CONDUCT', 'MEDIUM', $2::uuid,
            '客户投诉回访员态度', '客户反映回访过程中语气生硬', 'CLOSED', at + interval '2 days', at + interval '1 day',
            (SELECT id FROM bs WHERE n = 0), at + interval '3 days', g % 10 < 7, at + interval '1 day', 1, at,
            at + interval '3 days'
     FROM (SELECT g, now() - interval '3 days' - ((g * 7919) % ($3::int * 30)) * interval '1 day'
                  - (g % 600) * interval '1 minute' AS at
           FROM generate_series(0, $4::int - 1) g) x
     JOIN bu u ON u.n = g % (SELECT count(*) FROM bu)::int
     JOIN bc c ON c.n = (g * 37) % (SELECT count(*) FROM bc)::int`,
    [orgId, supervisionDept, n.months, n.tickets],
  );
}

/** `--months N` (12–120): months of history to generate; 24 by default. */
export function parseMonths(argv: string[]): number {
  const i = argv.indexOf('--months');
  const raw = i >= 0 ? argv[i + 1] : undefined;
  const months = raw === undefined ? HISTORY_MONTHS : Number(raw);
  if (!Number.isInteger(months) || months < 12 || months > 120)
    throw new Error(`--months must be an integer in [12, 120], got ${raw}`);
  return months;
}

export function parseScale(argv: string[]): number {
  const i = argv.indexOf('--scale');
  const raw = i >= 0 ? argv[i + 1] : argv.find((a) => a.startsWith('--scale='))?.slice(8);
  const scale = raw === undefined ? 1 : Number(raw);
  if (!Number.isFinite(scale) || scale <= 0 || scale > 10)
    throw new Error(`--scale must be in (0, 10], got ${raw}`);
  return scale;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const argv = process.argv.slice(2);
  const { db } = await prepareBenchDatabase(parseScale(argv), new Date(), parseMonths(argv));
  await db.stop();
}

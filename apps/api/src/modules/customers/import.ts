// Customer import: validate every row (as the file is read, import-file.ts), then write all valid
// rows in one transaction, set-based, in steps of up to 5 000 rows — per step one SELECT of the
// stored customers by phone, one INSERT, one UPDATE and one INSERT of their audit rows, each fed by
// one JSON parameter — while the progress goes to the ImportJob row outside the transaction for
// the UI to poll. The transaction runs straight through `pg` (pgTransaction): the ORM would copy
// each step's JSON several times over (measured by bench/import.ts; docs/performance.md).
import { randomUUID } from 'node:crypto';
import type { TImportJob, TImportRowError } from '@huifang/contracts';
import { type ImportedCustomer, importChanges, type StoredImportFields } from '@huifang/domain';
import { type ImportJob, Prisma } from '../../db/generated/client.ts';
import { type PrismaClient, pgTransaction, type SqlRunner } from '../../db/prisma.ts';
import type { Actor } from '../../lib/actor.ts';
import { conflict, notFound } from '../../lib/errors.ts';
import type { SessionUser } from '../../plugins/auth.ts';
import type { UploadedFile } from './import-file.ts';

/** Rows per step — one round of reads and writes, then a progress update — are a multiple of this. */
export const IMPORT_CHUNK = 500;
/** At most this many rows per step: each step's statements and their JSON stay a few MB. */
export const IMPORT_CHUNK_MAX = 5000;
/** Problems kept on the job and sent back; the invalid count is exact regardless. */
const MAX_ERRORS = 1000;

/** Rows per step for a file of `total` rows: about a tenth of it, so the progress moves in ≈ 10 steps. */
export const importChunk = (total: number) =>
  Math.min(IMPORT_CHUNK_MAX, Math.max(1, Math.ceil(total / 10 / IMPORT_CHUNK)) * IMPORT_CHUNK);

const CONSENT_KEYS = ['refusesVisits', 'preferredChannel', 'preferredTimeFrom', 'preferredTimeTo'];

export function toImportJob(job: ImportJob): TImportJob {
  const errors = (job.errors as unknown as TImportRowError[]) ?? [];
  const settled = job.created + job.updated + job.unchanged;
  return {
    jobId: job.id,
    fileName: job.fileName,
    status: job.status as TImportJob['status'],
    total: job.total,
    processed: job.processed,
    created: job.created,
    updated: job.updated,
    unchanged: job.unchanged,
    invalid: job.status === 'DONE' ? job.total - settled : new Set(errors.map((e) => e.row)).size,
    errors,
    createdAt: job.createdAt.toISOString(),
    finishedAt: job.finishedAt ? job.finishedAt.toISOString() : null,
  };
}

/** What an ImportJob row imports. */
export type ImportKind = 'CUSTOMERS' | 'CUSTOMER_EVENTS';

export async function getImportJob(
  prisma: PrismaClient,
  user: SessionUser,
  jobId: string,
  kind: ImportKind,
): Promise<TImportJob> {
  const job = await prisma.importJob.findFirst({
    where: { id: jobId, organizationId: user.organizationId, kind },
  });
  if (!job) throw notFound('Import job');
  return toImportJob(job);
}

/** A stored customer as an import compares it: the fields it may change, days as `YYYY-MM-DD`. */
interface StoredRow extends StoredImportFields {
  id: string;
  version: number;
  phone: string;
}

/** The customers of these phone numbers, only the columns an import compares. */
async function storedByPhone(db: SqlRunner, organizationId: string, phones: string[]): Promise<StoredRow[]> {
  const { rows } = await db.query<StoredRow>(Prisma.sql`
    SELECT "id", "version", "phone", "name", "email", "segment"::text AS "segment", "tier"::text AS "tier",
           "programme", to_char("enrolledAt", 'YYYY-MM-DD') AS "enrolledAt",
           to_char("completedAt", 'YYYY-MM-DD') AS "completedAt", "refusesVisits",
           "preferredChannel"::text AS "preferredChannel", "preferredTimeFrom", "preferredTimeTo", "notes"
    FROM "Customer"
    WHERE "organizationId" = ${organizationId}::uuid AND "phone" = ANY(${phones}::text[])`);
  return rows;
}

function stored(c: StoredRow): StoredImportFields {
  return {
    name: c.name,
    email: c.email,
    segment: c.segment,
    tier: c.tier,
    programme: c.programme,
    enrolledAt: c.enrolledAt,
    completedAt: c.completedAt,
    refusesVisits: c.refusesVisits,
    preferredChannel: c.preferredChannel,
    preferredTimeFrom: c.preferredTimeFrom,
    preferredTimeTo: c.preferredTimeTo,
    notes: c.notes,
  };
}

const changedDuringImport = () =>
  conflict('Customers in this file were changed while it was being imported; import it again', {
    reason: 'CHANGED_DURING_IMPORT',
  });

/** A uuid v7 (48 bits of milliseconds first), as Prisma's `@default(uuid(7))` makes the ids of customers. */
export function uuidV7(ms: number): string {
  const time = ms.toString(16).padStart(12, '0');
  const random = randomUUID();
  return `${time.slice(0, 8)}-${time.slice(8, 12)}-7${random.slice(15, 18)}-${random.slice(19)}`;
}

/**
 * One INSERT … SELECT FROM jsonb_to_recordset for a step's new customers. A field the row leaves
 * out is absent from the JSON, and so null (refusesVisits: false). Created and updated at the
 * request's `now`, like every other write (docs/api.md#time): the machine's clock is never read here.
 */
async function insertCustomers(
  db: SqlRunner,
  organizationId: string,
  creates: ImportedCustomer[],
  now: Date,
) {
  const ms = now.getTime();
  const json = JSON.stringify(creates.map((c) => ({ id: uuidV7(ms), ...c })));
  // A phone someone else added meanwhile is not overwritten: the import fails, as for an update
  const { rowCount } = await db.query(Prisma.sql`
    INSERT INTO "Customer" ("id", "organizationId", "name", "phone", "email", "segment", "tier", "programme",
                            "enrolledAt", "completedAt", "refusesVisits", "refusedAt", "preferredChannel",
                            "preferredTimeFrom", "preferredTimeTo", "notes", "createdAt", "updatedAt")
    SELECT v."id", ${organizationId}::uuid, v."name", v."phone", v."email", v."segment"::"Segment",
           v."tier"::"Tier", v."programme", v."enrolledAt"::date, v."completedAt"::date,
           coalesce(v."refusesVisits", false), CASE WHEN v."refusesVisits" THEN ${now}::timestamptz END,
           v."preferredChannel"::"Channel", v."preferredTimeFrom", v."preferredTimeTo", v."notes", ${now}::timestamptz,
           ${now}::timestamptz
    FROM jsonb_to_recordset(${json}::jsonb) AS v(
      "id" uuid, "name" text, "phone" text, "email" text, "segment" text, "tier" text, "programme" text,
      "enrolledAt" text, "completedAt" text, "refusesVisits" boolean, "preferredChannel" text,
      "preferredTimeFrom" text, "preferredTimeTo" text, "notes" text)
    ON CONFLICT ("organizationId", "phone") DO NOTHING`);
  if (rowCount !== creates.length) throw changedDuringImport();
}

interface Update {
  current: StoredRow;
  changes: Partial<StoredImportFields>;
}

/** One UPDATE … FROM jsonb_to_recordset for a step; a row someone changed meanwhile fails the import. */
async function applyUpdates(
  db: SqlRunner,
  organizationId: string,
  updates: Update[],
  now: Date,
): Promise<void> {
  const rows = updates.map(({ current, changes }) => ({
    id: current.id,
    version: current.version,
    ...stored(current),
    ...changes,
    // refusedAt: the instant of a change of mind, kept while the answer stays
    refusalChanged: changes.refusesVisits !== undefined,
  }));
  const { rowCount } = await db.query(Prisma.sql`
    UPDATE "Customer" AS c SET
      "name" = v."name",
      "email" = v."email",
      "segment" = v."segment"::"Segment",
      "tier" = v."tier"::"Tier",
      "programme" = v."programme",
      "enrolledAt" = v."enrolledAt"::date,
      "completedAt" = v."completedAt"::date,
      "refusesVisits" = v."refusesVisits",
      "refusedAt" = CASE WHEN NOT v."refusalChanged" THEN c."refusedAt"
                         WHEN v."refusesVisits" THEN ${now}::timestamptz END,
      "preferredChannel" = v."preferredChannel"::"Channel",
      "preferredTimeFrom" = v."preferredTimeFrom",
      "preferredTimeTo" = v."preferredTimeTo",
      "notes" = v."notes",
      "version" = c."version" + 1,
      "updatedAt" = ${now}::timestamptz
    FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS v(
      "id" uuid, "version" int, "name" text, "email" text, "segment" text, "tier" text,
      "programme" text, "enrolledAt" text, "completedAt" text, "refusesVisits" boolean,
      "refusalChanged" boolean, "preferredChannel" text, "preferredTimeFrom" text, "preferredTimeTo" text,
      "notes" text)
    WHERE c."id" = v."id" AND c."version" = v."version" AND c."organizationId" = ${organizationId}::uuid`);
  if (rowCount !== rows.length) throw changedDuringImport();
}

/** The audit rows of a step's updates, in one INSERT: CUSTOMER_UPDATED each, and CONSENT_CHANGED where consent changed. */
async function auditUpdates(db: SqlRunner, actor: Actor, updates: Update[], jobId: string): Promise<void> {
  const rows: { action: string; entityId: string; before: object; after: object }[] = [];
  for (const { current, changes } of updates) {
    const before = stored(current) as unknown as Record<string, unknown>;
    const keys = Object.keys(changes);
    const pick = (src: Record<string, unknown>, only: string[]) =>
      Object.fromEntries(only.map((k) => [k, src[k] ?? null]));
    rows.push({
      action: 'CUSTOMER_UPDATED',
      entityId: current.id,
      before: pick(before, keys),
      after: { ...pick(changes, keys), importJobId: jobId },
    });
    const consent = keys.filter((k) => CONSENT_KEYS.includes(k));
    if (consent.length > 0)
      rows.push({
        action: 'CONSENT_CHANGED',
        entityId: current.id,
        before: pick(before, consent),
        after: { ...pick(changes, consent), importJobId: jobId },
      });
  }
  await db.query(Prisma.sql`
    INSERT INTO "AuditLog" ("organizationId", "actorId", "action", "entity", "entityId", "before", "after", "ip")
    SELECT ${actor.organizationId}::uuid, ${actor.user.id}::uuid, a.r ->> 'action', 'Customer',
           a.r ->> 'entityId', a.r -> 'before', a.r -> 'after', ${actor.ip}
    FROM jsonb_array_elements(${JSON.stringify(rows)}::jsonb) WITH ORDINALITY AS a(r, n)
    ORDER BY a.n`);
}

export interface ImportCounts {
  created: number;
  updated: number;
  unchanged: number;
}

/**
 * The ImportJob of an import about to run (409 JOB_EXISTS for an id in use), RUNNING with the
 * file's row count and the problems its rows already have (the first 1 000).
 */
export async function startImportJob(
  prisma: PrismaClient,
  user: SessionUser,
  job: {
    id: string | undefined;
    kind: ImportKind;
    fileName: string;
    total: number;
    errors: TImportRowError[];
  },
): Promise<string> {
  const jobId = job.id ?? randomUUID();
  if (await prisma.importJob.findUnique({ where: { id: jobId }, select: { id: true } }))
    throw conflict('This import job id is already in use', { reason: 'JOB_EXISTS' });
  await prisma.importJob.create({
    data: {
      id: jobId,
      organizationId: user.organizationId,
      kind: job.kind,
      createdById: user.id,
      fileName: job.fileName,
      status: 'RUNNING',
      total: job.total,
      errors: job.errors.slice(0, MAX_ERRORS) as unknown as Prisma.InputJsonValue,
    },
  });
  return jobId;
}

/** A step's progress, written outside the import's transaction so that a poller sees it at once. */
export async function reportImportProgress(
  prisma: PrismaClient,
  jobId: string,
  processed: number,
  counts: ImportCounts,
): Promise<void> {
  await prisma.importJob.update({ where: { id: jobId }, data: { processed, ...counts } });
}

/** Runs an import's writes; the job ends DONE with its counts (and any problems found while writing), or FAILED. */
export async function finishImportJob(
  prisma: PrismaClient,
  actor: Actor,
  jobId: string,
  total: number,
  write: () => Promise<{ counts: ImportCounts; errors?: TImportRowError[] }>,
): Promise<TImportJob> {
  let done: { counts: ImportCounts; errors?: TImportRowError[] };
  try {
    done = await write();
  } catch (error) {
    await prisma.importJob
      .update({
        where: { id: jobId },
        data: {
          status: 'FAILED',
          processed: 0,
          created: 0,
          updated: 0,
          unchanged: 0,
          finishedAt: actor.now,
        },
      })
      .catch(() => {});
    throw error;
  }
  const job = await prisma.importJob.update({
    where: { id: jobId },
    data: {
      status: 'DONE',
      processed: total,
      ...done.counts,
      finishedAt: actor.now,
      ...(done.errors
        ? { errors: done.errors.slice(0, MAX_ERRORS) as unknown as Prisma.InputJsonValue }
        : {}),
    },
  });
  return toImportJob(job);
}

/** The import's own audit row (CUSTOMERS_IMPORTED …), in its transaction, with what it did. */
export async function auditImport(
  db: SqlRunner,
  actor: Actor,
  action: string,
  jobId: string,
  summary: object,
): Promise<void> {
  await db.query(Prisma.sql`
    INSERT INTO "AuditLog" ("organizationId", "actorId", "action", "entity", "entityId", "after", "ip",
                            "createdAt")
    VALUES (${actor.organizationId}::uuid, ${actor.user.id}::uuid, ${action}, 'ImportJob', ${jobId},
            ${JSON.stringify(summary)}::jsonb, ${actor.ip}, ${actor.now}::timestamptz)`);
}

export async function runImport(
  prisma: PrismaClient,
  actor: Actor,
  user: SessionUser,
  file: UploadedFile,
  requestedJobId: string | undefined,
): Promise<TImportJob> {
  const { validated } = file;
  const jobId = await startImportJob(prisma, user, {
    id: requestedJobId,
    kind: 'CUSTOMERS',
    fileName: file.fileName,
    total: validated.total,
    errors: validated.errors,
  });

  const counts: ImportCounts = { created: 0, updated: 0, unchanged: 0 };
  const now = actor.now;
  const step = importChunk(validated.rows.length);
  return finishImportJob(prisma, actor, jobId, validated.total, () =>
    pgTransaction(prisma, async (db) => {
      for (let i = 0; i < validated.rows.length; i += step) {
        const incoming: ImportedCustomer[] = [];
        for (const r of validated.rows.slice(i, i + step)) if (r.customer) incoming.push(r.customer);
        if (incoming.length > 0) {
          const existing = await storedByPhone(
            db,
            user.organizationId,
            incoming.map((c) => c.phone),
          );
          const byPhone = new Map(existing.map((c) => [c.phone, c]));
          const creates: ImportedCustomer[] = [];
          const updates: Update[] = [];
          for (const c of incoming) {
            const current = byPhone.get(c.phone);
            if (!current) {
              creates.push(c);
              continue;
            }
            const changes = importChanges(stored(current), c);
            if (Object.keys(changes).length === 0) counts.unchanged++;
            else updates.push({ current, changes });
          }
          if (creates.length > 0) {
            await insertCustomers(db, user.organizationId, creates, now);
            counts.created += creates.length;
          }
          if (updates.length > 0) {
            await applyUpdates(db, user.organizationId, updates, now);
            counts.updated += updates.length;
            await auditUpdates(db, actor, updates, jobId);
          }
        }
        await reportImportProgress(prisma, jobId, Math.min(i + step, validated.rows.length), counts);
      }
      await auditImport(db, actor, 'CUSTOMERS_IMPORTED', jobId, {
        fileName: file.fileName,
        total: validated.total,
        invalid: validated.invalid,
        ...counts,
      });
      return { counts };
    }),
  );
}

// Customer import: validate every row, then write all valid rows in one transaction, set-based,
// while the progress goes to the ImportJob row outside the transaction for the UI to poll.
import { randomUUID } from 'node:crypto';
import { IMPORT_LIMITS, type TImportJob, type TImportRowError } from '@huifang/contracts';
import {
  dateToDay,
  dayToDate,
  type ImportedCustomer,
  importChanges,
  mapImportHeader,
  type StoredImportFields,
  validateImportRows,
} from '@huifang/domain';
import type { Customer, ImportJob } from '../../db/generated/client.ts';
import type { Prisma, PrismaClient, Tx } from '../../db/prisma.ts';
import type { Actor } from '../../lib/actor.ts';
import { audit } from '../../lib/audit.ts';
import { conflict, notFound, ruleViolation } from '../../lib/errors.ts';
import type { SessionUser } from '../../plugins/auth.ts';
import type { Cells, UploadedFile } from './import-file.ts';

/** Rows per step: one round of reads and writes, then a progress update. */
export const IMPORT_CHUNK = 500;
/** Problems kept on the job and sent back; the invalid count is exact regardless. */
const MAX_ERRORS = 1000;

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

export async function getImportJob(
  prisma: PrismaClient,
  user: SessionUser,
  jobId: string,
): Promise<TImportJob> {
  const job = await prisma.importJob.findFirst({ where: { id: jobId, organizationId: user.organizationId } });
  if (!job) throw notFound('Import job');
  return toImportJob(job);
}

/** Header checks: a file without data rows or without a required column is refused whole (422). */
function checkFile(rows: Cells[]) {
  const headerIndex = rows.findIndex((r) => r.some((c) => c.trim() !== ''));
  if (headerIndex < 0) throw ruleViolation('The file is empty', { reason: 'EMPTY_FILE' });
  const header = rows[headerIndex]!;
  const mapping = mapImportHeader(header);
  if (mapping.missing.length > 0)
    throw ruleViolation(`Required columns are missing: ${mapping.missing.join(', ')}`, {
      reason: 'MISSING_COLUMNS',
      missing: mapping.missing,
      found: header.filter((h) => h.trim() !== ''),
    });
  if (mapping.duplicates.length > 0)
    throw ruleViolation(`Columns appear twice: ${mapping.duplicates.join(', ')}`, {
      reason: 'DUPLICATE_COLUMNS',
      duplicates: mapping.duplicates,
    });
  const body = rows.slice(headerIndex + 1);
  const validated = validateImportRows(body, mapping.columns, headerIndex + 2);
  if (validated.total === 0) throw ruleViolation('The file has no data rows', { reason: 'EMPTY_FILE' });
  if (validated.total > IMPORT_LIMITS.maxRows)
    throw ruleViolation(`The file has more than ${IMPORT_LIMITS.maxRows} rows`, {
      reason: 'TOO_MANY_ROWS',
      maxRows: IMPORT_LIMITS.maxRows,
      rows: validated.total,
    });
  return validated;
}

function stored(c: Customer): StoredImportFields {
  return {
    name: c.name,
    email: c.email,
    segment: c.segment,
    tier: c.tier,
    programme: c.programme,
    enrolledAt: c.enrolledAt ? dateToDay(c.enrolledAt) : null,
    completedAt: c.completedAt ? dateToDay(c.completedAt) : null,
    refusesVisits: c.refusesVisits,
    preferredChannel: c.preferredChannel,
    preferredTimeFrom: c.preferredTimeFrom,
    preferredTimeTo: c.preferredTimeTo,
    notes: c.notes,
  };
}

function toCreate(organizationId: string, c: ImportedCustomer, now: Date): Prisma.CustomerCreateManyInput {
  return {
    organizationId,
    name: c.name,
    phone: c.phone,
    email: c.email ?? null,
    segment: c.segment,
    tier: c.tier,
    programme: c.programme ?? null,
    enrolledAt: c.enrolledAt ? dayToDate(c.enrolledAt) : null,
    completedAt: c.completedAt ? dayToDate(c.completedAt) : null,
    refusesVisits: c.refusesVisits ?? false,
    refusedAt: c.refusesVisits ? now : null,
    preferredChannel: c.preferredChannel ?? null,
    preferredTimeFrom: c.preferredTimeFrom ?? null,
    preferredTimeTo: c.preferredTimeTo ?? null,
    notes: c.notes ?? null,
  };
}

interface Update {
  current: Customer;
  changes: Partial<StoredImportFields>;
}

/** One UPDATE … FROM jsonb_to_recordset for a chunk; a row someone changed meanwhile fails the import. */
async function applyUpdates(tx: Tx, organizationId: string, updates: Update[], now: Date): Promise<void> {
  const rows = updates.map(({ current, changes }) => {
    const next = { ...stored(current), ...changes };
    const refusedAt =
      changes.refusesVisits === undefined ? current.refusedAt : changes.refusesVisits ? now : null;
    return { id: current.id, version: current.version, ...next, refusedAt: refusedAt?.toISOString() ?? null };
  });
  const count = await tx.$executeRaw`
    UPDATE "Customer" AS c SET
      "name" = v."name",
      "email" = v."email",
      "segment" = v."segment"::"Segment",
      "tier" = v."tier"::"Tier",
      "programme" = v."programme",
      "enrolledAt" = v."enrolledAt"::date,
      "completedAt" = v."completedAt"::date,
      "refusesVisits" = v."refusesVisits",
      "refusedAt" = v."refusedAt"::timestamptz,
      "preferredChannel" = v."preferredChannel"::"Channel",
      "preferredTimeFrom" = v."preferredTimeFrom",
      "preferredTimeTo" = v."preferredTimeTo",
      "notes" = v."notes",
      "version" = c."version" + 1,
      "updatedAt" = ${now}
    FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS v(
      "id" uuid, "version" int, "name" text, "email" text, "segment" text, "tier" text,
      "programme" text, "enrolledAt" text, "completedAt" text, "refusesVisits" boolean,
      "refusedAt" text, "preferredChannel" text, "preferredTimeFrom" text, "preferredTimeTo" text,
      "notes" text)
    WHERE c."id" = v."id" AND c."version" = v."version" AND c."organizationId" = ${organizationId}::uuid`;
  if (count !== rows.length)
    throw conflict('Customers in this file were changed while it was being imported; import it again', {
      reason: 'CHANGED_DURING_IMPORT',
    });
}

export async function runImport(
  prisma: PrismaClient,
  actor: Actor,
  user: SessionUser,
  file: UploadedFile,
  requestedJobId: string | undefined,
): Promise<TImportJob> {
  const validated = checkFile(file.rows);
  const jobId = requestedJobId ?? randomUUID();
  if (await prisma.importJob.findUnique({ where: { id: jobId }, select: { id: true } }))
    throw conflict('This import job id is already in use', { reason: 'JOB_EXISTS' });
  const errors: TImportRowError[] = validated.errors.slice(0, MAX_ERRORS);
  await prisma.importJob.create({
    data: {
      id: jobId,
      organizationId: user.organizationId,
      createdById: user.id,
      fileName: file.fileName,
      status: 'RUNNING',
      total: validated.total,
      errors: errors as unknown as Prisma.InputJsonValue,
    },
  });

  const counts = { created: 0, updated: 0, unchanged: 0 };
  const now = actor.now;
  try {
    await prisma.$transaction(
      async (tx) => {
        for (let i = 0; i < validated.rows.length; i += IMPORT_CHUNK) {
          const chunk = validated.rows.slice(i, i + IMPORT_CHUNK);
          const incoming = chunk.flatMap((r) => (r.customer ? [r.customer] : []));
          if (incoming.length > 0) {
            const existing = await tx.customer.findMany({
              where: { organizationId: user.organizationId, phone: { in: incoming.map((c) => c.phone) } },
            });
            const byPhone = new Map(existing.map((c) => [c.phone, c]));
            const creates: Prisma.CustomerCreateManyInput[] = [];
            const updates: Update[] = [];
            for (const c of incoming) {
              const current = byPhone.get(c.phone);
              if (!current) {
                creates.push(toCreate(user.organizationId, c, now));
                continue;
              }
              const changes = importChanges(stored(current), c);
              if (Object.keys(changes).length === 0) counts.unchanged++;
              else updates.push({ current, changes });
            }
            if (creates.length > 0) {
              await tx.customer.createMany({ data: creates });
              counts.created += creates.length;
            }
            if (updates.length > 0) {
              await applyUpdates(tx, user.organizationId, updates, now);
              counts.updated += updates.length;
              await tx.auditLog.createMany({ data: updateAudits(actor, user, updates, jobId) });
            }
          }
          // Outside the transaction, so that a poller sees it now
          await prisma.importJob.update({
            where: { id: jobId },
            data: { processed: Math.min(i + IMPORT_CHUNK, validated.rows.length), ...counts },
          });
        }
        await audit(tx, actor, {
          action: 'CUSTOMERS_IMPORTED',
          entity: 'ImportJob',
          entityId: jobId,
          after: { fileName: file.fileName, total: validated.total, invalid: validated.invalid, ...counts },
        });
      },
      { timeout: 10 * 60_000, maxWait: 30_000 },
    );
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
    data: { status: 'DONE', processed: validated.total, ...counts, finishedAt: actor.now },
  });
  return toImportJob(job);
}

function updateAudits(
  actor: Actor,
  user: SessionUser,
  updates: Update[],
  jobId: string,
): Prisma.AuditLogCreateManyInput[] {
  const out: Prisma.AuditLogCreateManyInput[] = [];
  for (const { current, changes } of updates) {
    const before = stored(current) as unknown as Record<string, unknown>;
    const keys = Object.keys(changes);
    const pick = (src: Record<string, unknown>, only: string[]) =>
      Object.fromEntries(only.map((k) => [k, src[k] ?? null])) as Prisma.InputJsonValue;
    const base = {
      organizationId: user.organizationId,
      actorId: user.id,
      entity: 'Customer',
      entityId: current.id,
      ip: actor.ip,
    };
    out.push({
      ...base,
      action: 'CUSTOMER_UPDATED',
      before: pick(before, keys),
      after: { ...(pick(changes, keys) as object), importJobId: jobId },
    });
    const consent = keys.filter((k) => CONSENT_KEYS.includes(k));
    if (consent.length > 0)
      out.push({
        ...base,
        action: 'CONSENT_CHANGED',
        before: pick(before, consent),
        after: { ...(pick(changes, consent) as object), importJobId: jobId },
      });
  }
  return out;
}

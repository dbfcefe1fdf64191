// Customer event import (docs/rules.md#r-evt-2-event-import): the file is read and its rows checked
// as for customers (customers/import-file.ts, with the event columns); then, in one transaction and
// in steps of up to 5 000 rows, each step looks up its phone numbers and external ids in one
// SELECT each, settles its rows (packages/domain: new, imported before alike, or an error) and
// writes its new events in one INSERT fed by one JSON parameter. Progress goes to the ImportJob
// row outside the transaction for the UI to poll. Events are recorded with source IMPORT, by the
// importing user, at the request's `now`.
import type { TImportJob, TImportRowError } from '@huifang/contracts';
import {
  type EventImportField,
  type EventImportRowError,
  type EventToCreate,
  eventImportRowsValidator,
  mapEventImportHeader,
  type StoredImportedEvent,
  settleEventRows,
  type ValidatedEventImport,
} from '@huifang/domain';
import { Prisma } from '../../db/generated/client.ts';
import { type PrismaClient, pgTransaction, type SqlRunner } from '../../db/prisma.ts';
import type { Actor } from '../../lib/actor.ts';
import { conflict } from '../../lib/errors.ts';
import {
  auditImport,
  finishImportJob,
  type ImportCounts,
  importChunk,
  reportImportProgress,
  startImportJob,
  uuidV7,
} from '../customers/import.ts';
import type { ImportFormat, UploadedFile } from '../customers/import-file.ts';

/** The event file, its days checked against `today` (the organisation's day). */
export const eventFile = (today: string): ImportFormat<ValidatedEventImport> => ({
  mapHeader: mapEventImportHeader,
  rows: (columns) => eventImportRowsValidator(columns as (EventImportField | null)[], today),
});

async function customersByPhone(
  db: SqlRunner,
  organizationId: string,
  phones: string[],
): Promise<Map<string, string>> {
  const { rows } = await db.query<{ id: string; phone: string }>(Prisma.sql`
    SELECT "id", "phone" FROM "Customer"
    WHERE "organizationId" = ${organizationId}::uuid AND "phone" = ANY(${phones}::text[])`);
  return new Map(rows.map((r) => [r.phone, r.id]));
}

/** The events imported before under these external ids, cancelled ones included. */
async function importedByExternalId(
  db: SqlRunner,
  organizationId: string,
  externalIds: string[],
): Promise<Map<string, StoredImportedEvent>> {
  const { rows } = await db.query<StoredImportedEvent & { externalId: string }>(Prisma.sql`
    SELECT "externalId", "customerId"::text AS "customerId", "kind", to_char("day", 'YYYY-MM-DD') AS "day", "note"
    FROM "CustomerEvent"
    WHERE "organizationId" = ${organizationId}::uuid AND "source" = 'IMPORT'
      AND "externalId" = ANY(${externalIds}::text[])`);
  return new Map(rows.map(({ externalId, ...e }) => [externalId, e]));
}

/** One INSERT … SELECT FROM jsonb_to_recordset for a step's new events; one imported meanwhile fails the import. */
async function insertEvents(db: SqlRunner, actor: Actor, creates: EventToCreate[]): Promise<void> {
  const ms = actor.now.getTime();
  const json = JSON.stringify(
    creates.map((e) => ({
      id: uuidV7(ms),
      customerId: e.customerId,
      kind: e.kind,
      day: e.day,
      externalId: e.externalId,
      note: e.note,
    })),
  );
  const { rowCount } = await db.query(Prisma.sql`
    INSERT INTO "CustomerEvent" ("id", "organizationId", "customerId", "kind", "day", "source", "externalId",
                                 "note", "createdById", "createdAt")
    SELECT v."id", ${actor.organizationId}::uuid, v."customerId", v."kind", v."day"::date, 'IMPORT',
           v."externalId", v."note", ${actor.user.id}::uuid, ${actor.now}::timestamptz
    FROM jsonb_to_recordset(${json}::jsonb) AS v(
      "id" uuid, "customerId" uuid, "kind" text, "day" text, "externalId" text, "note" text)
    ON CONFLICT ("organizationId", "source", "externalId") DO NOTHING`);
  if (rowCount !== creates.length)
    throw conflict('Events of this file were imported by someone else meanwhile; import it again', {
      reason: 'CHANGED_DURING_IMPORT',
    });
}

/** The problems of the file's rows and those found while writing, in row order. */
const byRow = (a: EventImportRowError[], b: EventImportRowError[]): TImportRowError[] =>
  [...a, ...b].sort((x, y) => x.row - y.row);

export interface EventImportOutcome {
  job: TImportJob;
  /** events the import recorded */
  created: number;
}

/**
 * Imports the valid rows of an event file in one transaction: a phone of no customer, or an
 * external id imported before with other content, makes its row an error; an event imported
 * before alike counts as unchanged.
 */
export async function runEventImport(
  prisma: PrismaClient,
  actor: Actor,
  file: UploadedFile<ValidatedEventImport>,
  requestedJobId: string | undefined,
): Promise<EventImportOutcome> {
  const { validated } = file;
  const jobId = await startImportJob(prisma, actor.user, {
    id: requestedJobId,
    kind: 'CUSTOMER_EVENTS',
    fileName: file.fileName,
    total: validated.total,
    errors: validated.errors,
  });
  const counts: ImportCounts = { created: 0, updated: 0, unchanged: 0 };
  const late: EventImportRowError[] = [];
  const step = importChunk(validated.rows.length);
  const job = await finishImportJob(prisma, actor, jobId, validated.total, () =>
    pgTransaction(prisma, async (db) => {
      for (let i = 0; i < validated.rows.length; i += step) {
        const rows = validated.rows.slice(i, i + step).filter((r) => r.event);
        if (rows.length > 0) {
          const events = rows.map((r) => r.event!);
          const customers = await customersByPhone(db, actor.organizationId, [
            ...new Set(events.map((e) => e.phone)),
          ]);
          const imported = await importedByExternalId(
            db,
            actor.organizationId,
            events.map((e) => e.externalId),
          );
          const settled = settleEventRows(rows, customers, imported);
          if (settled.creates.length > 0) await insertEvents(db, actor, settled.creates);
          counts.created += settled.creates.length;
          counts.unchanged += settled.unchanged;
          late.push(...settled.errors);
        }
        await reportImportProgress(prisma, jobId, Math.min(i + step, validated.rows.length), counts);
      }
      await auditImport(db, actor, 'CUSTOMER_EVENTS_IMPORTED', jobId, {
        fileName: file.fileName,
        total: validated.total,
        invalid: validated.total - counts.created - counts.unchanged,
        ...counts,
      });
      return { counts, errors: byRow(validated.errors, late) };
    }),
  );
  return { job, created: counts.created };
}

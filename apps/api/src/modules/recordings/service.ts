// Call recordings (docs/rules.md#r-rec-1-recording-files … r-rec-6): upload (checked by its bytes,
// streamed to the storage), list by visit, delete or replace while allowed, and the audio streamed
// with byte ranges — every listen audited like contact data, once per listener, recording and window.
import { createHash, randomUUID } from 'node:crypto';
import { Readable, Transform } from 'node:stream';
import {
  can,
  RECORDING_CONTENT_TYPES,
  RECORDING_FORMATS,
  type TRecording,
  type TRecordingAccessReason,
  type TRecordingFormat,
  type TRecordingList,
} from '@huifang/contracts';
import {
  AUDIO_SNIFF_BYTES,
  type ByteRange,
  listenAuditedSince,
  mayChangeRecording,
  recordingAccess,
  requestedRange,
  sniffAudioFormat,
} from '@huifang/domain';
import type { VisitRecording } from '../../db/generated/client.ts';
import type { PrismaClient, Tx } from '../../db/prisma.ts';
import type { Actor, AnyActor } from '../../lib/actor.ts';
import { audit } from '../../lib/audit.ts';
import { AppError, conflict, forbidden, invalid, notFound, ruleViolation } from '../../lib/errors.ts';
import { peopleOf } from '../../lib/people.ts';
import type { SessionUser } from '../../plugins/auth.ts';
import { demoAudioFor } from './demo-audio.ts';
import type { RecordingStorage } from './storage.ts';

const EXTENSIONS: Record<TRecordingFormat, string> = {
  MP3: 'mp3',
  M4A: 'm4a',
  AAC: 'aac',
  WAV: 'wav',
  OGG: 'ogg',
  WEBM: 'webm',
};

export const unsupportedAudio = () =>
  new AppError(
    'UNSUPPORTED_MEDIA_TYPE',
    'Upload an audio file: MP3, M4A/AAC, WAV, OGG/Opus or WebM',
    { accepted: RECORDING_FORMATS },
    415,
  );

export const audioTooLarge = (maxBytes: number) =>
  ruleViolation(`The recording is larger than ${Math.round(maxBytes / 1024 / 1024)} MB`, {
    reason: 'FILE_TOO_LARGE',
    maxBytes,
  });

interface VisitForRecordings {
  id: string;
  callerId: string;
  callerTeamId: string | null;
  inspected: boolean;
}

async function visitOf(
  db: PrismaClient | Tx,
  organizationId: string,
  visitId: string,
): Promise<VisitForRecordings> {
  const v = await db.visitRecord.findFirst({
    where: { id: visitId, organizationId },
    select: { id: true, callerId: true, inspection: { select: { id: true } } },
  });
  if (!v) throw notFound('Visit record');
  const caller = await db.user.findUnique({ where: { id: v.callerId }, select: { teamId: true } });
  return {
    id: v.id,
    callerId: v.callerId,
    callerTeamId: caller?.teamId ?? null,
    inspected: v.inspection !== null,
  };
}

/** Why this user may listen to the visit's recordings; 403 when they may not (R-REC-3). */
function accessOf(user: SessionUser, visit: VisitForRecordings): TRecordingAccessReason {
  const reason = can(user.role, 'recording:listen') ? recordingAccess(user, visit) : null;
  if (!reason) throw forbidden("You may not listen to this visit's recordings");
  return reason;
}

async function present(
  db: PrismaClient | Tx,
  user: SessionUser | null,
  visit: VisitForRecordings,
  rows: VisitRecording[],
): Promise<TRecording[]> {
  const person = await peopleOf(
    db,
    rows.map((r) => r.uploadedById),
  );
  const keys = rows.some((r) => r.apiKeyId)
    ? await db.apiKey.findMany({
        where: { id: { in: rows.flatMap((r) => (r.apiKeyId ? [r.apiKeyId] : [])) } },
        select: { id: true, name: true },
      })
    : [];
  const keyName = new Map(keys.map((k) => [k.id, k.name]));
  return rows.map((r) => ({
    id: r.id,
    visitId: r.visitId,
    fileName: r.fileName,
    format: r.format as TRecordingFormat,
    contentType: r.contentType,
    sizeBytes: r.sizeBytes,
    uploadedBy: person(r.uploadedById),
    integration: r.apiKeyId ? (keyName.get(r.apiKeyId) ?? '') : null,
    createdAt: r.createdAt.toISOString(),
    audioUrl: `/api/recordings/${r.id}/audio`,
    mayChange:
      !!user &&
      mayChangeRecording(user.id, { uploadedById: r.uploadedById, deleted: !!r.deletedAt }, visit.inspected),
  }));
}

export async function listRecordings(
  prisma: PrismaClient,
  actor: Actor,
  visitId: string,
  maxBytes: number,
): Promise<TRecordingList> {
  const user = actor.user;
  const visit = await visitOf(prisma, user.organizationId, visitId);
  accessOf(user, visit);
  const rows = await prisma.visitRecording.findMany({
    where: { visitId, deletedAt: null },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
  });
  return {
    items: await present(prisma, user, visit, rows),
    mayUpload: can(user.role, 'recording:upload') && visit.callerId === user.id,
    maxBytes,
  };
}

/** Who uploads: a signed-in caller, or an integration key with the RECORDINGS scope. */
export type Uploader = { actor: Actor; apiKeyId?: undefined } | { actor: AnyActor; apiKeyId: string };

export interface IncomingAudio {
  fileName: string;
  stream: Readable;
  /** true once the stream was cut at the size limit */
  truncated: () => boolean;
}

/** Reads the first bytes of a stream, then hands back a stream of the whole (those bytes first). */
async function peek(stream: Readable, bytes: number): Promise<{ head: Buffer; whole: Readable }> {
  const iterator = stream[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  const chunks: Buffer[] = [];
  let length = 0;
  let done = false;
  while (length < bytes) {
    const next = await iterator.next();
    if (next.done) {
      done = true;
      break;
    }
    chunks.push(next.value);
    length += next.value.length;
  }
  const head = Buffer.concat(chunks);
  async function* all() {
    yield head;
    if (done) return;
    for (;;) {
      const next = await iterator.next();
      if (next.done) return;
      yield next.value;
    }
  }
  return { head, whole: Readable.from(all(), { objectMode: false }) };
}

/**
 * Stores an uploaded recording for a visit (R-REC-1, R-REC-2): the format is read from the first
 * bytes; the audio streams to the storage while its size and SHA-256 are counted; a file cut at the
 * limit is removed again. With `replaces`, the uploader's earlier recording is retired in the same
 * transaction (R-REC-4).
 */
export async function uploadRecording(
  prisma: PrismaClient,
  storage: RecordingStorage,
  who: Uploader,
  visitId: string,
  audio: IncomingAudio,
  options: { maxBytes: number; replaces?: string },
): Promise<TRecording> {
  const { actor } = who;
  const user = who.apiKeyId ? null : (who.actor as Actor).user;
  const visit = await visitOf(prisma, actor.organizationId, visitId);
  if (user && visit.callerId !== user.id)
    throw forbidden('Only the caller who made the visit uploads its recording');
  if (options.replaces) await replaceable(prisma, user, visit, options.replaces);

  // a body cut short or malformed fails the incoming stream: the client's fault (400), not ours
  let incomingError: unknown = null;
  audio.stream.on('error', (error) => {
    incomingError = error;
  });
  const unreadable = (error: unknown) =>
    (error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE'
      ? audioTooLarge(options.maxBytes)
      : invalid('The upload is not a readable multipart body', [
          { path: 'file', message: error instanceof Error ? error.message : 'unreadable' },
        ]);
  const { head, whole } = await peek(audio.stream, AUDIO_SNIFF_BYTES).catch((error: unknown) => {
    throw unreadable(error);
  });
  const format = sniffAudioFormat(head);
  if (!format) {
    whole.resume();
    throw unsupportedAudio();
  }
  const contentType = RECORDING_CONTENT_TYPES[format];
  const storageKey = `${actor.organizationId}/${randomUUID()}.${EXTENSIONS[format]}`;
  const hash = createHash('sha256');
  let size = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _enc, done) {
      hash.update(chunk);
      size += chunk.length;
      done(null, chunk);
    },
  });
  whole.on('error', (e) => counter.destroy(e));
  try {
    await storage.put(storageKey, whole.pipe(counter), contentType);
  } catch (error) {
    await storage.delete(storageKey).catch(() => undefined);
    if (incomingError) throw unreadable(incomingError);
    throw error;
  }
  if (audio.truncated() || size > options.maxBytes) {
    await storage.delete(storageKey);
    throw audioTooLarge(options.maxBytes);
  }
  const fileName = (audio.fileName || `recording.${EXTENSIONS[format]}`).slice(0, 200);
  let replaced: VisitRecording | null = null;
  try {
    const row = await prisma.$transaction(async (tx) => {
      if (options.replaces) {
        const old = await replaceable(
          tx,
          user,
          await visitOf(tx, actor.organizationId, visitId),
          options.replaces,
        );
        replaced = old;
      }
      const created = await tx.visitRecording.create({
        data: {
          organizationId: actor.organizationId,
          visitId,
          uploadedById: user?.id ?? null,
          apiKeyId: who.apiKeyId ?? null,
          fileName,
          format,
          contentType,
          sizeBytes: size,
          sha256: hash.digest('hex'),
          storageKey,
          createdAt: actor.now,
        },
      });
      if (options.replaces) {
        const done = await tx.visitRecording.updateMany({
          where: { id: options.replaces, deletedAt: null },
          data: { deletedAt: actor.now, deletedById: user?.id ?? null, replacedById: created.id },
        });
        if (done.count !== 1) throw conflict('That recording was changed meanwhile; reload and try again');
      }
      await audit(tx, actor, {
        action: options.replaces ? 'RECORDING_REPLACE' : 'RECORDING_UPLOAD',
        entity: 'VisitRecording',
        entityId: created.id,
        after: {
          visitId,
          fileName,
          format,
          sizeBytes: size,
          sha256: created.sha256,
          ...(options.replaces ? { replaces: options.replaces } : {}),
          ...(who.apiKeyId ? { apiKeyId: who.apiKeyId } : {}),
        },
      });
      return created;
    });
    const old = replaced as VisitRecording | null;
    if (old) await storage.delete(old.storageKey).catch(() => undefined);
    return (await present(prisma, user, visit, [row]))[0]!;
  } catch (error) {
    await storage.delete(storageKey).catch(() => undefined);
    throw error;
  }
}

/** The recording `id` of this visit, which this user may still change (R-REC-4). */
async function replaceable(
  db: PrismaClient | Tx,
  user: SessionUser | null,
  visit: VisitForRecordings,
  id: string,
): Promise<VisitRecording> {
  const row = await db.visitRecording.findFirst({ where: { id, visitId: visit.id, deletedAt: null } });
  if (!row) throw notFound('Recording');
  if (!user || row.uploadedById !== user.id) throw forbidden('Only its uploader changes a recording');
  if (visit.inspected)
    throw ruleViolation('The visit is taken for inspection: its recording is evidence now and stays', {
      reason: 'RECORDING_UNDER_INSPECTION',
    });
  return row;
}

export async function deleteRecording(
  prisma: PrismaClient,
  storage: RecordingStorage,
  actor: Actor,
  id: string,
): Promise<void> {
  const user = actor.user;
  const found = await prisma.visitRecording.findFirst({
    where: { id, organizationId: user.organizationId, deletedAt: null },
    select: { visitId: true },
  });
  if (!found) throw notFound('Recording');
  const row = await prisma.$transaction(async (tx) => {
    const visit = await visitOf(tx, user.organizationId, found.visitId);
    const r = await replaceable(tx, user, visit, id);
    const done = await tx.visitRecording.updateMany({
      where: { id, deletedAt: null },
      data: { deletedAt: actor.now, deletedById: user.id },
    });
    if (done.count !== 1) throw conflict('That recording was changed meanwhile; reload and try again');
    await audit(tx, actor, {
      action: 'RECORDING_DELETE',
      entity: 'VisitRecording',
      entityId: id,
      before: { visitId: r.visitId, fileName: r.fileName, sizeBytes: r.sizeBytes, sha256: r.sha256 },
    });
    return r;
  });
  await storage.delete(row.storageKey).catch(() => undefined);
}

export interface AudioAnswer {
  status: 200 | 206;
  headers: Record<string, string>;
  body: Readable;
}

/**
 * The audio of a recording for a listener (R-REC-3), whole or the byte range asked for, and the
 * listen audited (R-REC-5): one CONTACT-like audit row per listener and recording within the
 * window, however many range requests the player makes.
 */
export async function openAudio(
  prisma: PrismaClient,
  storage: RecordingStorage,
  actor: Actor,
  id: string,
  rangeHeader: string | undefined,
): Promise<AudioAnswer> {
  const user = actor.user;
  const row = await prisma.visitRecording.findFirst({
    where: { id, organizationId: user.organizationId, deletedAt: null },
  });
  if (!row) throw notFound('Recording');
  const visit = await visitOf(prisma, user.organizationId, row.visitId);
  const reason = accessOf(user, visit);
  const size = row.sizeBytes;
  const range = requestedRange(rangeHeader, size);
  if (range === 'unsatisfiable')
    throw new AppError(
      'RANGE_NOT_SATISFIABLE',
      'The range asked for is past the end of the recording',
      { size },
      416,
    );
  const body = await readAudio(storage, row.storageKey, row.contentType, range ?? undefined);
  await auditListen(prisma, actor, row, reason);
  const headers: Record<string, string> = {
    'content-type': row.contentType,
    'accept-ranges': 'bytes',
    'cache-control': 'private, no-store',
    'content-disposition': `inline; filename*=UTF-8''${encodeURIComponent(row.fileName)}`,
  };
  if (!range) return { status: 200, headers: { ...headers, 'content-length': String(size) }, body };
  return {
    status: 206,
    headers: {
      ...headers,
      'content-length': String(range.end - range.start + 1),
      'content-range': `bytes ${range.start}-${range.end}/${size}`,
    },
    body,
  };
}

async function readAudio(
  storage: RecordingStorage,
  key: string,
  contentType: string,
  range: ByteRange | undefined,
): Promise<Readable> {
  const stream = await storage.get(key, range);
  if (stream) return stream;
  // a demo recording's audio is made in code and written when first asked for (demo-audio.ts)
  const demo = demoAudioFor(key);
  if (!demo) throw notFound('The audio of this recording');
  await storage.put(key, Readable.from([demo]), contentType);
  const again = await storage.get(key, range);
  if (!again) throw notFound('The audio of this recording');
  return again;
}

async function auditListen(
  prisma: PrismaClient,
  actor: Actor,
  row: VisitRecording,
  reason: TRecordingAccessReason,
): Promise<void> {
  await prisma.$transaction(async (tx) => {
    // the player's parallel range requests queue here, so one of them writes the row
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`recording-listen:${actor.user.id}:${row.id}`}))`;
    const recent = await tx.auditLog.findFirst({
      where: {
        organizationId: actor.organizationId,
        entity: 'VisitRecording',
        entityId: row.id,
        action: 'RECORDING_LISTEN',
        actorId: actor.user.id,
        createdAt: { gte: listenAuditedSince(actor.now) },
      },
      select: { id: true },
    });
    if (recent) return;
    await audit(tx, actor, {
      action: 'RECORDING_LISTEN',
      entity: 'VisitRecording',
      entityId: row.id,
      after: { visitId: row.visitId, reason, fileName: row.fileName },
    });
  });
}

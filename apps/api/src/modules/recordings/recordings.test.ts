import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { testClock } from '../../../test/clock.ts';
import { demoUsers, setupTestApp } from '../../../test/helper.ts';
import { multipart } from '../../../test/upload.ts';
import { createOrganization } from '../../seed/organization.ts';
import { demoToneWav } from './demo-audio.ts';

/** A small valid WAV (a second of tone), different for each `n`. */
const wav = (n: number, seconds = 1) => demoToneWav(n + 20, seconds);

describe('call recordings (回访录音, R-REC-1 … R-REC-6)', async () => {
  const t = await setupTestApp({ env: { HUIFANG_RECORDING_MAX_MB: '1' } });
  const users = await demoUsers(t.prisma);
  const id = (who: string) => users[`${who}@demo.local`]!.id;
  const storageDir =
    t.app.config.recordings.storage.kind === 'local' ? t.app.config.recordings.storage.dir : '';

  // caller1's latest phone visits without an inspection or a recording: free to upload to
  const free = await t.prisma.visitRecord.findMany({
    where: { callerId: id('caller1'), channel: 'PHONE', inspection: null, recordings: { none: {} } },
    orderBy: [{ startedAt: 'desc' }, { id: 'asc' }],
    take: 6,
    select: { id: true },
  });
  // a demo recording on a visit open for inspection
  const demoRec = await t.prisma.visitRecording.findFirstOrThrow({
    where: { visit: { inspection: { isNot: null } } },
    include: { visit: { select: { callerId: true } } },
  });

  const upload = (who: string, visitId: string, file: Buffer | string, name = 'call.wav', extra = '') =>
    t.as(`${who}@demo.local`, {
      method: 'POST',
      url: `/api/recordings?visitId=${visitId}${extra}`,
      ...multipart(name, file, 'audio/wav'),
    });
  const list = (who: string, visitId: string) =>
    t.as(`${who}@demo.local`, { method: 'GET', url: `/api/recordings?visitId=${visitId}` });
  const audio = (who: string, recId: string, range?: string) =>
    t.as(`${who}@demo.local`, {
      method: 'GET',
      url: `/api/recordings/${recId}/audio`,
      headers: range ? { range } : {},
    });
  const listens = (recId: string) =>
    t.prisma.auditLog.findMany({
      where: { action: 'RECORDING_LISTEN', entityId: recId },
      orderBy: { id: 'asc' },
    });
  const leftovers = () =>
    existsSync(storageDir)
      ? readdirSync(storageDir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.part'))
      : [];

  describe('POST /api/recordings', () => {
    it('stores an audio file the caller uploads to their own record, read by its bytes', async () => {
      const file = wav(1);
      const res = await upload('caller1', free[0]!.id, file, '录音 1.wav');
      expect(res.statusCode, res.body).toBe(201);
      const rec = res.json();
      expect(rec).toMatchObject({
        visitId: free[0]!.id,
        fileName: '录音 1.wav',
        format: 'WAV',
        contentType: 'audio/wav',
        sizeBytes: file.length,
        uploadedBy: { id: id('caller1') },
        integration: null,
        mayChange: true,
      });
      const back = await audio('caller1', rec.id);
      expect(back.statusCode).toBe(200);
      expect(back.headers['content-type']).toBe('audio/wav');
      expect(back.rawPayload.equals(file)).toBe(true);
      const row = await t.prisma.auditLog.findFirstOrThrow({
        where: { action: 'RECORDING_UPLOAD', entityId: rec.id },
      });
      expect(row.actorId).toBe(id('caller1'));
      expect(row.after).toMatchObject({ visitId: free[0]!.id, format: 'WAV', sizeBytes: file.length });
    });

    it('decides the type by the content, not the name: a PDF called .mp3 is refused, an MP3 called .bin is not', async () => {
      const pdf = await upload('caller1', free[1]!.id, Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj'), 'call.mp3');
      expect(pdf.statusCode).toBe(415);
      expect(pdf.json().error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
      const text = await upload('caller1', free[1]!.id, 'just some text, not a recording', 'call.wav');
      expect(text.statusCode).toBe(415);
      const mp3 = Buffer.concat([
        Buffer.from('ID3\x04\x00\x00\x00\x00\x00\x00', 'latin1'),
        Buffer.alloc(400, 0),
      ]);
      const ok = await upload('caller1', free[1]!.id, mp3, 'export.bin');
      expect(ok.statusCode, ok.body).toBe(201);
      expect(ok.json()).toMatchObject({ format: 'MP3', contentType: 'audio/mpeg' });
      expect(await t.prisma.visitRecording.count({ where: { visitId: free[1]!.id } })).toBe(1);
    });

    it('refuses a file over the size limit and keeps nothing of it', async () => {
      const before = await t.prisma.visitRecording.count();
      const big = Buffer.concat([wav(2), Buffer.alloc(1024 * 1024 + 10, 1)]);
      const res = await upload('caller1', free[2]!.id, big);
      expect(res.statusCode).toBe(422);
      expect(res.json().error.details).toMatchObject({ reason: 'FILE_TOO_LARGE', maxBytes: 1024 * 1024 });
      expect(await t.prisma.visitRecording.count()).toBe(before);
      expect(leftovers()).toEqual([]);
    });

    it('answers a body without a file, or not multipart, with the documented errors', async () => {
      const boundary = '----hfempty';
      const none = await t.as('caller1@demo.local', {
        method: 'POST',
        url: `/api/recordings?visitId=${free[2]!.id}`,
        headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
        payload: `--${boundary}\r\nContent-Disposition: form-data; name="note"\r\n\r\nx\r\n--${boundary}--\r\n`,
      });
      expect(none.statusCode).toBe(400);
      const json = await t.as('caller1@demo.local', {
        method: 'POST',
        url: `/api/recordings?visitId=${free[2]!.id}`,
        payload: { file: 'x' },
      });
      expect(json.statusCode).toBe(415);
      // a body cut short in the middle of the file
      const whole = multipart('cut.wav', wav(3));
      const cut = await t.as('caller1@demo.local', {
        method: 'POST',
        url: `/api/recordings?visitId=${free[2]!.id}`,
        headers: whole.headers,
        payload: whole.payload.subarray(0, 2000),
      });
      expect(cut.statusCode, cut.body).toBe(400);
      expect(await t.prisma.visitRecording.count({ where: { visitId: free[2]!.id } })).toBe(0);
      expect(leftovers()).toEqual([]);
      const badId = await upload('caller1', 'not-a-uuid', wav(3));
      expect(badId.statusCode).toBe(400);
      const unknown = await upload('caller1', '00000000-0000-4000-8000-000000000000', wav(3));
      expect(unknown.statusCode).toBe(404);
    });

    it("lets only the visit's caller upload", async () => {
      expect((await upload('caller2', free[2]!.id, wav(4))).statusCode).toBe(403);
      expect((await upload('supervisor', free[2]!.id, wav(4))).statusCode).toBe(403);
      expect((await upload('lead', free[2]!.id, wav(4))).statusCode).toBe(403);
      expect(await t.prisma.visitRecording.count({ where: { visitId: free[2]!.id } })).toBe(0);
    });
  });

  describe('GET /api/recordings and who may listen (R-REC-3)', () => {
    it('lists the recordings of a visit for the supervisor, the manager, the caller and the team lead', async () => {
      for (const who of ['supervisor', 'manager', 'lead']) {
        const res = await list(who, free[0]!.id);
        expect(res.statusCode, `${who} ${res.body}`).toBe(200);
        expect(res.json()).toMatchObject({ mayUpload: false, maxBytes: 1024 * 1024 });
        expect(res.json().items).toHaveLength(1);
        expect(res.json().items[0].mayChange).toBe(false);
      }
      const own = await list('caller1', free[0]!.id);
      expect(own.json()).toMatchObject({ mayUpload: true });
    });

    it("refuses another caller, the other team's lead and the administrator", async () => {
      expect((await list('caller2', free[0]!.id)).statusCode).toBe(403);
      expect((await list('lead2', free[0]!.id)).statusCode).toBe(403);
      expect((await list('admin', free[0]!.id)).statusCode).toBe(403);
      const rec = (await list('caller1', free[0]!.id)).json().items[0];
      expect((await audio('caller2', rec.id)).statusCode).toBe(403);
      expect((await audio('lead2', rec.id)).statusCode).toBe(403);
      expect((await listens(rec.id)).filter((l) => l.actorId !== id('caller1'))).toEqual([]);
    });
  });

  describe('GET /api/recordings/:id/audio', () => {
    it('plays a demo recording: a valid WAV, made when first asked for', async () => {
      const res = await audio('supervisor', demoRec.id);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('audio/wav');
      expect(res.headers['accept-ranges']).toBe('bytes');
      expect(Number(res.headers['content-length'])).toBe(demoRec.sizeBytes);
      expect(res.rawPayload.subarray(0, 4).toString('latin1')).toBe('RIFF');
      expect(res.rawPayload.length).toBe(demoRec.sizeBytes);
    });

    it('answers byte ranges, so the player can seek', async () => {
      const whole = (await audio('supervisor', demoRec.id)).rawPayload;
      const first = await audio('supervisor', demoRec.id, 'bytes=0-99');
      expect(first.statusCode).toBe(206);
      expect(first.headers['content-range']).toBe(`bytes 0-99/${demoRec.sizeBytes}`);
      expect(first.headers['content-length']).toBe('100');
      expect(first.rawPayload.equals(whole.subarray(0, 100))).toBe(true);
      const open = await audio('supervisor', demoRec.id, 'bytes=1000-');
      expect(open.statusCode).toBe(206);
      expect(open.rawPayload.equals(whole.subarray(1000))).toBe(true);
      const tail = await audio('supervisor', demoRec.id, 'bytes=-16');
      expect(tail.rawPayload.equals(whole.subarray(whole.length - 16))).toBe(true);
      const past = await audio('supervisor', demoRec.id, `bytes=${demoRec.sizeBytes}-`);
      expect(past.statusCode).toBe(416);
      expect(past.headers['content-range']).toBe(`bytes */${demoRec.sizeBytes}`);
      expect(past.json().error.code).toBe('RANGE_NOT_SATISFIABLE');
    });

    it('audits a playback once however many ranges it asks for, and again after the window (R-REC-5)', async () => {
      const rec = await t.prisma.visitRecording.findFirstOrThrow({
        where: { id: { not: demoRec.id }, visit: { inspection: { isNot: null } } },
      });
      expect(await listens(rec.id)).toEqual([]);
      await Promise.all(
        ['bytes=0-', 'bytes=0-1', 'bytes=100-199', 'bytes=2000-', 'bytes=-10'].map((r) =>
          audio('manager', rec.id, r),
        ),
      );
      for (let i = 0; i < 5; i++) await audio('manager', rec.id, `bytes=${i * 500}-`);
      const rows = await listens(rec.id);
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ actorId: id('manager'), entity: 'VisitRecording' });
      expect(rows[0]!.after).toMatchObject({ reason: 'MANAGEMENT', visitId: rec.visitId });
      // another listener is another row
      await audio('supervisor', rec.id, 'bytes=0-');
      expect(await listens(rec.id)).toHaveLength(2);
      // and the same listener after the window
      testClock.advance(11 * 60_000);
      await audio('manager', rec.id, 'bytes=0-');
      expect((await listens(rec.id)).filter((l) => l.actorId === id('manager'))).toHaveLength(2);
      // the audit log shows it to whoever reads the audit log
      const log = await t.as('admin@demo.local', {
        method: 'GET',
        url: `/api/audit-log?entity=VisitRecording&entityId=${rec.id}`,
      });
      expect(log.statusCode, log.body).toBe(200);
      expect(JSON.stringify(log.json())).toContain('RECORDING_LISTEN');
    });

    it('answers 404 for an unknown recording', async () => {
      expect((await audio('supervisor', '00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
    });
  });

  describe('delete and replace (R-REC-4)', () => {
    it('lets the uploader replace a recording: the old audio is gone, the new one listed', async () => {
      const first = (await upload('caller1', free[3]!.id, wav(5))).json();
      const res = await upload('caller1', free[3]!.id, wav(6), 'better.wav', `&replaces=${first.id}`);
      expect(res.statusCode, res.body).toBe(201);
      const items = (await list('caller1', free[3]!.id)).json().items;
      expect(items.map((r: { id: string }) => r.id)).toEqual([res.json().id]);
      expect((await audio('caller1', first.id)).statusCode).toBe(404);
      const old = await t.prisma.visitRecording.findUniqueOrThrow({ where: { id: first.id } });
      expect(old).toMatchObject({ replacedById: res.json().id, deletedById: id('caller1') });
      expect(old.deletedAt).not.toBeNull();
    });

    it('lets the uploader delete one, nobody else', async () => {
      const rec = (await upload('caller1', free[4]!.id, wav(7))).json();
      const other = await t.as('caller2@demo.local', { method: 'DELETE', url: `/api/recordings/${rec.id}` });
      expect(other.statusCode).toBe(403);
      const res = await t.as('caller1@demo.local', { method: 'DELETE', url: `/api/recordings/${rec.id}` });
      expect(res.statusCode).toBe(204);
      const again = await t.as('caller1@demo.local', { method: 'DELETE', url: `/api/recordings/${rec.id}` });
      expect(again.statusCode).toBe(404);
      expect(await t.prisma.auditLog.count({ where: { action: 'RECORDING_DELETE', entityId: rec.id } })).toBe(
        1,
      );
    });

    it('keeps the recording once the visit is taken for inspection', async () => {
      const own = await t.prisma.visitRecording.findFirstOrThrow({
        where: { uploadedById: demoRec.visit.callerId, visit: { inspection: { isNot: null } } },
      });
      const res = await t.as(
        `${(await t.prisma.user.findUniqueOrThrow({ where: { id: own.uploadedById! } })).email}`,
        {
          method: 'DELETE',
          url: `/api/recordings/${own.id}`,
        },
      );
      expect(res.statusCode).toBe(422);
      expect(res.json().error.details.reason).toBe('RECORDING_UNDER_INSPECTION');
    });
  });

  describe('the inspection method follows an uploaded recording (R-REC-6)', () => {
    it('defaults to listening when a file is uploaded though the text reference is empty', async () => {
      const v = free[5]!;
      await t.prisma.visitRecord.update({ where: { id: v.id }, data: { recordingRef: null } });
      expect((await upload('caller1', v.id, wav(8))).statusCode).toBe(201);
      const res = await t.as('supervisor@demo.local', {
        method: 'POST',
        url: '/api/inspections',
        payload: { visitId: v.id },
      });
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json()).toMatchObject({ method: 'RECORDING_REVIEW' });
      expect(res.json().visit).toMatchObject({
        recordingRef: null,
        uploadedRecordings: 1,
        hasRecording: true,
      });
    });
  });

  describe('integrations (scope RECORDINGS)', () => {
    const makeKey = async (scopes?: string[]) => {
      const res = await t.as('admin@demo.local', {
        method: 'POST',
        url: '/api/api-keys',
        payload: { name: `pbx ${scopes?.join('+') ?? 'default'}`, ...(scopes ? { scopes } : {}) },
      });
      expect(res.statusCode, res.body).toBe(201);
      return res.json() as { key: string; apiKey: { scopes: string[]; name: string } };
    };

    it('uploads with a key holding the scope; a key without it is refused, and it posts no events', async () => {
      const rec = await makeKey(['RECORDINGS']);
      expect(rec.apiKey.scopes).toEqual(['RECORDINGS']);
      const events = await makeKey();
      expect(events.apiKey.scopes).toEqual(['EVENTS']);
      const visit = await t.prisma.visitRecord.findFirstOrThrow({
        where: { callerId: id('caller2'), channel: 'PHONE', inspection: null },
        orderBy: { startedAt: 'desc' },
      });
      const send = (key: string) =>
        t.app.inject({
          method: 'POST',
          url: `/api/recordings?visitId=${visit.id}`,
          ...multipart('pbx-0001.wav', wav(9), 'audio/x-wav'),
          headers: { ...multipart('pbx-0001.wav', wav(9)).headers, authorization: `Bearer ${key}` },
        });
      const refused = await send(events.key);
      expect(refused.statusCode).toBe(403);
      const ok = await t.app.inject({
        method: 'POST',
        url: `/api/recordings?visitId=${visit.id}`,
        ...(() => {
          const m = multipart('pbx-0001.wav', wav(9), 'audio/x-wav');
          return { payload: m.payload, headers: { ...m.headers, authorization: `Bearer ${rec.key}` } };
        })(),
      });
      expect(ok.statusCode, ok.body).toBe(201);
      expect(ok.json()).toMatchObject({ uploadedBy: null, integration: 'pbx RECORDINGS', mayChange: false });
      const row = await t.prisma.auditLog.findFirstOrThrow({
        where: { action: 'RECORDING_UPLOAD', entityId: ok.json().id },
      });
      expect(row.actorId).toBeNull();
      const listWithKey = await t.app.inject({
        method: 'GET',
        url: `/api/recordings?visitId=${visit.id}`,
        headers: { authorization: `Bearer ${rec.key}` },
      });
      expect(listWithKey.statusCode).toBe(403);
      const event = await t.app.inject({
        method: 'POST',
        url: '/api/customer-events',
        headers: { authorization: `Bearer ${rec.key}` },
        payload: { customerId: visit.customerId, kind: 'DISCHARGE', day: '2026-03-17', externalId: 'x-1' },
      });
      expect(event.statusCode).toBe(403);
    });
  });

  it("answers 404 for another organisation's recordings and records", async () => {
    const other = await t.prisma.$transaction((tx) =>
      createOrganization(tx, { name: '别家', demo: false, now: testClock.now() }),
    );
    const rec = await t.prisma.visitRecording.findFirstOrThrow({
      where: { deletedAt: null, visitId: free[0]!.id },
    });
    await t.prisma.visitRecording.update({ where: { id: rec.id }, data: { organizationId: other.id } });
    expect((await audio('supervisor', rec.id)).statusCode).toBe(404);
    const del = await t.as('caller1@demo.local', { method: 'DELETE', url: `/api/recordings/${rec.id}` });
    expect(del.statusCode).toBe(404);
    await t.prisma.visitRecording.update({
      where: { id: rec.id },
      data: { organizationId: rec.organizationId },
    });
    await t.prisma.visitRecord.update({ where: { id: free[2]!.id }, data: { organizationId: other.id } });
    expect((await list('supervisor', free[2]!.id)).statusCode).toBe(404);
    expect((await upload('caller1', free[2]!.id, wav(10))).statusCode).toBe(404);
    await t.prisma.visitRecord.update({
      where: { id: free[2]!.id },
      data: { organizationId: rec.organizationId },
    });
  });

  it('writes every file under the configured directory, none left half-written', () => {
    expect(path.isAbsolute(storageDir)).toBe(true);
    expect(leftovers()).toEqual([]);
  });
});

import { addMonths, monthIn } from '@huifang/domain';
import { beforeAll, describe, expect, it } from 'vitest';
import { testNow } from '../../../test/clock.ts';
import { demoUsers, setupTestApp } from '../../../test/helper.ts';
import { createOrganization } from '../../seed/organization.ts';

describe('supervision', async () => {
  const t = await setupTestApp();
  const users = await demoUsers(t.prisma);
  const uid = (email: string) => users[email]?.id as string;
  const SUP = 'supervisor@demo.local';
  const SUP2 = 'supervisor2@demo.local';
  const lastMonth = addMonths(monthIn(testNow(), 'Asia/Shanghai'), -1);
  const rubric = await t.prisma.rubric.findFirstOrThrow({ where: { isDefault: true } });
  const criteria = rubric.criteria as Array<{ id: string; weight: number; critical: boolean }>;
  const fullScores = () => criteria.map((c) => ({ criterionId: c.id, score: c.weight }));

  const get = (email: string, url: string) => t.as(email, { method: 'GET', url });
  const post = (email: string, url: string, payload: unknown = {}) =>
    t.as(email, { method: 'POST', url, payload: payload as object });
  const patch = (email: string, url: string, payload: unknown) =>
    t.as(email, { method: 'PATCH', url, payload: payload as object });

  /** A completed record of `caller` never inspected. */
  async function freshVisit(callerEmail: string, skip = 0) {
    return t.prisma.visitRecord.findFirstOrThrow({
      where: { callerId: uid(callerEmail), outcome: 'COMPLETED', inspection: null },
      orderBy: { startedAt: 'asc' },
      skip,
    });
  }

  /** An inspection created by hand for `inspector`, started. */
  async function started(callerEmail: string, inspector = SUP, skip = 0) {
    const visit = await freshVisit(callerEmail, skip);
    const created = await post(inspector, '/api/inspections', { visitId: visit.id });
    expect(created.statusCode).toBe(201);
    const row = await t.prisma.inspection.findUniqueOrThrow({ where: { id: created.json().id } });
    expect(row.visitStartedAt).toEqual(visit.startedAt);
    const res = await post(inspector, `/api/inspections/${created.json().id}/start`);
    expect(res.statusCode).toBe(200);
    return res.json();
  }

  describe('demo data', () => {
    it('has a run over last month with 12 inspections and one pending appeal', async () => {
      const runs = await get(SUP, '/api/sampling-runs');
      expect(runs.statusCode).toBe(200);
      expect(runs.json().items).toHaveLength(1);
      expect(runs.json().items[0]).toMatchObject({
        month: lastMonth,
        counts: { total: 12, pending: 2, inProgress: 1, submitted: 9, passed: 7 },
      });
      const appeals = await get('manager@demo.local', '/api/appeals?status=PENDING');
      expect(appeals.json().total).toBe(1);
      expect(appeals.json().items[0].caller.id).toBe(uid('caller2@demo.local'));
      const inspections = await t.prisma.inspection.findMany();
      for (const i of inspections) expect(i.inspectorId).not.toBe(i.callerId);
    });
  });

  describe('rubrics', () => {
    it('everyone but handlers reads them; the default comes first', async () => {
      const res = await get('caller1@demo.local', '/api/rubrics');
      expect(res.statusCode).toBe(200);
      expect(res.json().items[0]).toMatchObject({ isDefault: true, name: '回访质量评分标准' });
      expect(res.json().items[0].criteria).toHaveLength(5);
      expect((await get('handler@demo.local', '/api/rubrics')).statusCode).toBe(403);
      expect((await get(SUP, `/api/rubrics/${rubric.id}`)).json().version).toBe(1);
    });

    it('creates a rubric only with weights summing to 100, names unique, for ADMIN and SUPERVISOR', async () => {
      const criteriaBody = [
        { id: 'a', name: '开场', weight: 40, critical: false, guidance: '自报身份' },
        { id: 'b', name: '记录', weight: 60, critical: true, guidance: '' },
      ];
      const bad = await post(SUP, '/api/rubrics', {
        name: '简版',
        criteria: [{ ...criteriaBody[0] }, { ...criteriaBody[1], weight: 59 }],
      });
      expect(bad.statusCode).toBe(422);
      expect(bad.json().error.details.reason).toBe('WEIGHTS_NOT_100');
      const zero = await post(SUP, '/api/rubrics', {
        name: '简版',
        criteria: [
          { ...criteriaBody[0], weight: 100 },
          { ...criteriaBody[1], weight: 0 },
        ],
      });
      expect(zero.statusCode).toBe(422);
      const dup = await post(SUP, '/api/rubrics', {
        name: '简版',
        criteria: [criteriaBody[0], { ...criteriaBody[1], id: 'a' }],
      });
      expect(dup.statusCode).toBe(422);
      expect(
        (await post('lead@demo.local', '/api/rubrics', { name: 'x', criteria: criteriaBody })).statusCode,
      ).toBe(403);
      const ok = await post('admin@demo.local', '/api/rubrics', { name: '简版', criteria: criteriaBody });
      expect(ok.statusCode).toBe(201);
      expect(ok.json()).toMatchObject({ name: '简版', version: 1, isDefault: false, inspectionCount: 0 });
      expect((await post(SUP, '/api/rubrics', { name: '简版', criteria: criteriaBody })).statusCode).toBe(
        409,
      );
      const log = await t.prisma.auditLog.findFirst({
        where: { action: 'RUBRIC_CREATED', entityId: ok.json().id },
      });
      expect(log).not.toBeNull();
    });

    it('edits bump the version, a stale version is refused, the default cannot be switched off', async () => {
      const created = await post(SUP, '/api/rubrics', {
        name: '试用版',
        criteria: [{ id: 'x', name: '整体', weight: 100, critical: false }],
      });
      const id = created.json().id;
      const edited = await patch(SUP, `/api/rubrics/${id}`, {
        version: 1,
        criteria: [
          { id: 'x', name: '整体', weight: 70, critical: false },
          { id: 'y', name: '态度', weight: 30, critical: true },
        ],
      });
      expect(edited.statusCode).toBe(200);
      expect(edited.json().version).toBe(2);
      const stale = await patch(SUP, `/api/rubrics/${id}`, { version: 1, name: '试用版 2' });
      expect(stale.statusCode).toBe(409);
      expect(stale.json().error.code).toBe('STALE_VERSION');
      expect((await get(SUP, `/api/rubrics/${id}`)).json().name).toBe('试用版');
      expect(
        (await patch(SUP, `/api/rubrics/${id}`, { criteria: [{ id: 'x', name: 'x', weight: 90 }] }))
          .statusCode,
      ).toBe(422);
      expect((await patch(SUP, `/api/rubrics/${rubric.id}`, { active: false })).statusCode).toBe(422);
      expect((await patch('manager@demo.local', `/api/rubrics/${id}`, { name: 'm' })).statusCode).toBe(403);
    });

    it('another organisation’s rubric is not found', async () => {
      const other = await t.prisma.$transaction((tx) =>
        createOrganization(tx, { name: '别家', demo: false, now: testNow() }),
      );
      const foreign = await t.prisma.rubric.findFirstOrThrow({ where: { organizationId: other.id } });
      expect((await get(SUP, `/api/rubrics/${foreign.id}`)).statusCode).toBe(404);
      expect((await patch(SUP, `/api/rubrics/${foreign.id}`, { name: 'x' })).statusCode).toBe(404);
      const list = await get(SUP, '/api/rubrics');
      expect(list.json().items.some((r: { id: string }) => r.id === foreign.id)).toBe(false);
    });
  });

  describe('sampling runs', () => {
    const body = (over: Record<string, unknown> = {}) => ({
      month: lastMonth,
      mode: 'PER_CALLER',
      perCaller: 2,
      minPerCaller: 0,
      strata: {},
      seed: 7,
      inspectorIds: [uid(SUP), uid(SUP2)],
      callerIds: [uid('caller4@demo.local'), uid('caller5@demo.local')],
      ...over,
    });

    it('previews reproducibly and writes nothing', async () => {
      const before = await t.prisma.inspection.count();
      const a = await post(SUP, '/api/sampling-runs/preview', body());
      expect(a.statusCode).toBe(200);
      expect(a.json().total).toBe(4);
      expect(a.json().perCaller.map((c: { picked: number }) => c.picked)).toEqual([2, 2]);
      expect(a.json().perInspector.map((i: { assigned: number }) => i.assigned)).toEqual([2, 2]);
      expect(a.json().rubric.id).toBe(rubric.id);
      const b = await post(SUP, '/api/sampling-runs/preview', body());
      expect(b.json()).toEqual(a.json());
      expect(await t.prisma.inspection.count()).toBe(before);
      expect(await t.prisma.samplingRun.count()).toBe(1);
    });

    it('refuses bad input: no rate in RATE mode (400), a caller as inspector (422), the wrong role (403)', async () => {
      expect((await post(SUP, '/api/sampling-runs/preview', body({ mode: 'RATE' }))).statusCode).toBe(400);
      const asInspector = await post(
        SUP,
        '/api/sampling-runs/preview',
        body({ inspectorIds: [uid('caller1@demo.local')] }),
      );
      expect(asInspector.statusCode).toBe(422);
      expect(asInspector.json().error.details.reason).toBe('INVALID_INSPECTOR');
      for (const email of [
        'lead@demo.local',
        'manager@demo.local',
        'admin@demo.local',
        'caller1@demo.local',
      ]) {
        expect((await post(email, '/api/sampling-runs/preview', body())).statusCode).toBe(403);
        expect((await post(email, '/api/sampling-runs', body())).statusCode).toBe(403);
      }
      expect((await get('caller1@demo.local', '/api/sampling-runs')).statusCode).toBe(403);
      expect((await get('manager@demo.local', '/api/sampling-runs')).statusCode).toBe(200);
    });

    it('creates the run and its pending inspections; a second run never repeats a record', async () => {
      const res = await post(SUP, '/api/sampling-runs', body({ seed: 11 }));
      expect(res.statusCode).toBe(201);
      expect(res.json().counts).toMatchObject({ total: 4, pending: 4, submitted: 0 });
      const rows = await t.prisma.inspection.findMany({ where: { runId: res.json().id } });
      expect(rows).toHaveLength(4);
      for (const r of rows) {
        expect(r.status).toBe('PENDING');
        expect(r.rubricSnapshot).toEqual(rubric.criteria);
        expect([uid(SUP), uid(SUP2)]).toContain(r.inspectorId);
        expect(r.inspectorId).not.toBe(r.callerId);
      }
      // each carries its record's start (the quality dashboard's month, docs/performance.md)
      const records = await t.prisma.visitRecord.findMany({
        where: { id: { in: rows.map((r) => r.visitId) } },
      });
      for (const r of rows)
        expect(r.visitStartedAt).toEqual(records.find((v) => v.id === r.visitId)?.startedAt);
      const again = await post(SUP, '/api/sampling-runs', body({ seed: 11 }));
      expect(again.statusCode).toBe(201);
      const second = await t.prisma.inspection.findMany({ where: { runId: again.json().id } });
      const first = new Set(rows.map((r) => r.visitId));
      expect(second.some((r) => first.has(r.visitId))).toBe(false);
      expect(await t.prisma.auditLog.count({ where: { action: 'SAMPLING_RUN_CREATED' } })).toBe(2);
    });

    it('two runs racing never inspect a record twice (the loser answers 409)', async () => {
      const b = body({
        seed: 99,
        callerIds: [uid('caller4@demo.local')],
        perCaller: 1,
        inspectorIds: [uid(SUP)],
      });
      const [x, y] = await Promise.all([
        post(SUP, '/api/sampling-runs', b),
        post(SUP2, '/api/sampling-runs', b),
      ]);
      const codes = [x.statusCode, y.statusCode].sort();
      const visits = await t.prisma.inspection.groupBy({ by: ['visitId'], _count: { _all: true } });
      expect(visits.every((v) => v._count._all === 1)).toBe(true);
      if (codes[1] !== 201) {
        expect(codes).toEqual([201, 409]);
        expect([x, y].find((r) => r.statusCode === 409)?.json().error.details.reason).toBe('ALREADY_SAMPLED');
      }
    });

    it('answers 422 when nothing is left to sample', async () => {
      const res = await post(SUP, '/api/sampling-runs', body({ month: '2000-01' }));
      expect(res.statusCode).toBe(422);
      expect(res.json().error.details.reason).toBe('NOTHING_TO_SAMPLE');
    });
  });

  describe('inspections', () => {
    it('a caller lists only their own submitted inspections, and reads no one else’s', async () => {
      const res = await get('caller1@demo.local', '/api/inspections?size=100');
      expect(res.statusCode).toBe(200);
      expect(res.json().total).toBeGreaterThan(0);
      for (const i of res.json().items) {
        expect(i.caller.id).toBe(uid('caller1@demo.local'));
        expect(i.status).toBe('SUBMITTED');
      }
      const others = await t.prisma.inspection.findFirstOrThrow({
        where: { callerId: uid('caller2@demo.local'), status: 'SUBMITTED' },
      });
      expect((await get('caller1@demo.local', `/api/inspections/${others.id}`)).statusCode).toBe(403);
      expect(
        (await get('caller1@demo.local', `/api/inspections?callerId=${uid('caller2@demo.local')}`))
          .statusCode,
      ).toBe(403);
      const draft = await t.prisma.inspection.findFirstOrThrow({
        where: { callerId: uid('caller1@demo.local'), status: 'IN_PROGRESS' },
      });
      expect((await get('caller1@demo.local', `/api/inspections/${draft.id}`)).statusCode).toBe(404);
      expect((await get('handler@demo.local', '/api/inspections')).statusCode).toBe(403);
      const mine = res.json().items[0];
      const detail = await get('caller1@demo.local', `/api/inspections/${mine.id}`);
      expect(detail.statusCode).toBe(200);
      expect(detail.json().scores).toHaveLength(5);
      expect(detail.json().rubricSnapshot).toHaveLength(5);
      expect(detail.json().visit.answers.length).toBeGreaterThan(0);
    });

    it('filters by inspector, status, month and result', async () => {
      const queue = await get(SUP, '/api/inspections?inspectorId=me&open=true&size=100');
      for (const i of queue.json().items) {
        expect(i.inspector.id).toBe(uid(SUP));
        expect(['PENDING', 'IN_PROGRESS']).toContain(i.status);
      }
      const failed = await get('lead@demo.local', `/api/inspections?passed=false&month=${lastMonth}`);
      expect(failed.json().total).toBe(2);
      const none = await get(SUP, '/api/inspections?month=2000-01');
      expect(none.json().total).toBe(0);
    });

    it('only the assigned inspector starts; another cannot take one being worked on (409)', async () => {
      const working = await t.prisma.inspection.findFirstOrThrow({ where: { status: 'IN_PROGRESS' } });
      const other = working.inspectorId === uid(SUP) ? SUP2 : SUP;
      const taken = await post(other, `/api/inspections/${working.id}/start`);
      expect(taken.statusCode).toBe(409);
      expect(taken.json().error.details.reason).toBe('TAKEN');
      const pending = await t.prisma.inspection.findFirstOrThrow({
        where: { status: 'PENDING', runId: { not: null } },
      });
      const notMine = pending.inspectorId === uid(SUP) ? SUP2 : SUP;
      // what the screen offers is what the server allows: the start only to its inspector
      expect((await get(notMine, `/api/inspections/${pending.id}`)).json().can).toEqual({
        start: false,
        saveDraft: false,
        submit: false,
      });
      expect((await post(notMine, `/api/inspections/${pending.id}/start`)).statusCode).toBe(403);
      expect((await post('manager@demo.local', `/api/inspections/${pending.id}/start`)).statusCode).toBe(403);
      const mine = pending.inspectorId === uid(SUP) ? SUP : SUP2;
      expect((await get(mine, `/api/inspections/${pending.id}`)).json().can).toEqual({
        start: true,
        saveDraft: false,
        submit: false,
      });
      const ok = await post(mine, `/api/inspections/${pending.id}/start`);
      expect(ok.statusCode).toBe(200);
      expect(ok.json().status).toBe('IN_PROGRESS');
      expect(ok.json().can).toEqual({ start: false, saveDraft: true, submit: true });
      expect((await post(notMine, `/api/inspections/${pending.id}/start`)).statusCode).toBe(409);
      // resuming one's own is fine
      expect((await post(mine, `/api/inspections/${pending.id}/start`)).statusCode).toBe(200);
      expect(
        await t.prisma.auditLog.count({ where: { action: 'INSPECTION_STARTED', entityId: pending.id } }),
      ).toBe(1);
    });

    it('two supervisors inspecting the same record at once: one wins, the other gets 409', async () => {
      const visit = await freshVisit('caller2@demo.local');
      const [a, b] = await Promise.all([
        post(SUP, '/api/inspections', { visitId: visit.id }),
        post(SUP2, '/api/inspections', { visitId: visit.id }),
      ]);
      expect([a.statusCode, b.statusCode].sort()).toEqual([201, 409]);
      expect(await t.prisma.inspection.count({ where: { visitId: visit.id } })).toBe(1);
    });

    it('by hand: 409 when already inspected, 422 for self-inspection, 403 for callers', async () => {
      const inspected = await t.prisma.inspection.findFirstOrThrow();
      expect((await post(SUP, '/api/inspections', { visitId: inspected.visitId })).statusCode).toBe(409);
      const visit = await freshVisit('caller3@demo.local');
      const self = await post(SUP, '/api/inspections', { visitId: visit.id, inspectorId: visit.callerId });
      expect(self.statusCode).toBe(422);
      expect(self.json().error.details.reason).toBe('SELF_INSPECTION');
      const notInspector = await post(SUP, '/api/inspections', {
        visitId: visit.id,
        inspectorId: uid('lead@demo.local'),
      });
      expect(notInspector.statusCode).toBe(422);
      expect((await post('caller1@demo.local', '/api/inspections', { visitId: visit.id })).statusCode).toBe(
        403,
      );
      expect(await t.prisma.inspection.count({ where: { visitId: visit.id } })).toBe(0);
    });

    it('drafts: only in progress, only by the inspector, with the version', async () => {
      const visit = await freshVisit('caller3@demo.local');
      const created = (await post(SUP, '/api/inspections', { visitId: visit.id })).json();
      const notStarted = await patch(SUP, `/api/inspections/${created.id}`, { comment: 'x' });
      expect(notStarted.statusCode).toBe(409);
      expect(notStarted.json().error.details.reason).toBe('NOT_STARTED');
      const s = (await post(SUP, `/api/inspections/${created.id}/start`)).json();
      const saved = await patch(SUP, `/api/inspections/${created.id}`, {
        version: s.version,
        scores: fullScores().slice(0, 2),
        findings: ['LATE'],
        comment: '草稿',
        timeSpentSec: 90,
      });
      expect(saved.statusCode).toBe(200);
      expect(saved.json()).toMatchObject({
        version: s.version + 1,
        findings: ['LATE'],
        comment: '草稿',
        timeSpentSec: 90,
      });
      const stale = await patch(SUP, `/api/inspections/${created.id}`, { version: s.version, comment: 'y' });
      expect(stale.statusCode).toBe(409);
      expect(stale.json().error.code).toBe('STALE_VERSION');
      expect((await patch(SUP2, `/api/inspections/${created.id}`, { comment: 'y' })).statusCode).toBe(403);
      expect((await get(SUP, `/api/inspections/${created.id}`)).json().comment).toBe('草稿');
    });

    it('submit computes the score on the server, refuses incomplete scoring, and notifies the caller', async () => {
      const s = await started('caller1@demo.local');
      const url = `/api/inspections/${s.id}/submit`;
      const missing = await post(SUP, url, { scores: fullScores().slice(1) });
      expect(missing.statusCode).toBe(422);
      expect(missing.json().error.details.missing).toEqual([criteria[0]?.id]);
      const low = fullScores().map((x) => (x.criterionId === 'process' ? { ...x, score: 5 } : x));
      const noComment = await post(SUP, url, { scores: low });
      expect(noComment.statusCode).toBe(422);
      expect(noComment.json().error.details.reason).toBe('COMMENT_REQUIRED');
      const tooHigh = await post(SUP, url, {
        scores: fullScores().map((x) => (x.criterionId === 'process' ? { ...x, score: 21 } : x)),
      });
      expect(tooHigh.statusCode).toBe(422);
      expect((await get(SUP, `/api/inspections/${s.id}`)).json().status).toBe('IN_PROGRESS');

      const scores = low.map((x) => (x.criterionId === 'process' ? { ...x, comment: '未核实客户身份' } : x));
      const ok = await post(SUP, url, { scores, findings: ['SCRIPT_DEVIATION'], comment: '整体尚可' });
      expect(ok.statusCode).toBe(200);
      expect(ok.json()).toMatchObject({
        status: 'SUBMITTED',
        total: 85,
        criticalFailed: false,
        passed: true,
        effectivePassed: true,
        findings: ['SCRIPT_DEVIATION'],
      });
      expect(ok.json().submittedAt).not.toBeNull();
      const n = await t.prisma.notification.findFirst({
        where: { userId: uid('caller1@demo.local'), type: 'INSPECTION_RESULT', entityId: s.id },
      });
      // who inspected whose record, with what result
      expect(n?.payload).toEqual({
        total: ok.json().total,
        passed: true,
        inspector: expect.any(String),
        customer: ok.json().customer.name,
      });
      expect(
        await t.prisma.auditLog.count({ where: { action: 'INSPECTION_SUBMITTED', entityId: s.id } }),
      ).toBe(1);
      // a submitted inspection never changes
      expect((await post(SUP, url, { scores })).statusCode).toBe(409);
      expect((await patch(SUP, `/api/inspections/${s.id}`, { comment: 'later' })).statusCode).toBe(409);
      expect((await post(SUP, `/api/inspections/${s.id}/start`)).statusCode).toBe(409);
    });

    it('a critical item marked failed fails a high total', async () => {
      const s = await started('caller1@demo.local');
      const scores = fullScores().map((x) => (x.criterionId === 'attitude' ? { ...x, failed: true } : x));
      const res = await post(SUP, `/api/inspections/${s.id}/submit`, { scores });
      expect(res.json()).toMatchObject({
        total: 100,
        criticalFailed: true,
        passed: false,
        effectivePassed: false,
      });
    });

    it('a call-back needs its outcome; "no visit took place" is fabrication and fails', async () => {
      const s = await started('caller2@demo.local', SUP2);
      const url = `/api/inspections/${s.id}/submit`;
      const noOutcome = await post(SUP2, url, { method: 'CUSTOMER_CALLBACK', scores: fullScores() });
      expect(noOutcome.statusCode).toBe(422);
      expect(noOutcome.json().error.details.reason).toBe('CALLBACK_OUTCOME_REQUIRED');
      const res = await post(SUP2, url, {
        method: 'CUSTOMER_CALLBACK',
        callbackOutcome: 'NO_VISIT',
        scores: fullScores(),
      });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({
        method: 'CUSTOMER_CALLBACK',
        callbackOutcome: 'NO_VISIT',
        findings: ['FABRICATED'],
        criticalFailed: true,
        passed: false,
      });
    });

    it('editing the rubric leaves inspections already made as they were', async () => {
      const done = await t.prisma.inspection.findFirstOrThrow({
        where: { status: 'SUBMITTED', rubricId: rubric.id },
      });
      const before = (await get(SUP, `/api/inspections/${done.id}`)).json();
      const current = (await get(SUP, `/api/rubrics/${rubric.id}`)).json();
      const edited = current.criteria.map((c: { id: string; weight: number }) =>
        c.id === 'timeliness' ? { ...c, weight: 10 } : c.id === 'handling' ? { ...c, weight: 25 } : c,
      );
      const res = await patch('admin@demo.local', `/api/rubrics/${rubric.id}`, {
        version: current.version,
        criteria: edited,
      });
      expect(res.statusCode).toBe(200);
      expect(res.json().version).toBe(current.version + 1);
      const after = (await get(SUP, `/api/inspections/${done.id}`)).json();
      expect(after.rubricSnapshot).toEqual(before.rubricSnapshot);
      expect(after.rubric.version).toBe(before.rubric.version);
      expect(after.total).toBe(before.total);
      // new inspections take the new version
      const s = await started('caller3@demo.local', SUP2);
      expect(s.rubric.version).toBe(current.version + 1);
      expect(s.rubricSnapshot.find((c: { id: string }) => c.id === 'timeliness').weight).toBe(10);
    });

    it('another organisation’s inspection is not found', async () => {
      const other = await t.prisma.organization.findFirstOrThrow({ where: { name: '别家' } });
      const row = await t.prisma.inspection.findFirstOrThrow({ where: { status: 'PENDING' } });
      await t.prisma.inspection.update({ where: { id: row.id }, data: { organizationId: other.id } });
      expect((await get(SUP, `/api/inspections/${row.id}`)).statusCode).toBe(404);
      expect((await post(SUP, `/api/inspections/${row.id}/start`)).statusCode).toBe(404);
      const list = await get(SUP, '/api/inspections?size=200');
      expect(list.json().items.some((i: { id: string }) => i.id === row.id)).toBe(false);
      await t.prisma.inspection.update({
        where: { id: row.id },
        data: { organizationId: row.organizationId },
      });
    });
  });

  describe('appeals', () => {
    let failedId = '';
    beforeAll(async () => {
      const s = await started('caller1@demo.local', SUP, 0);
      const scores = s.rubricSnapshot.map((c: { id: string; weight: number }) =>
        c.id === 'record'
          ? { criterionId: c.id, score: 10, comment: '意见未记录' }
          : { criterionId: c.id, score: c.weight },
      );
      const res = await post(SUP, `/api/inspections/${s.id}/submit`, { scores, findings: ['INCOMPLETE'] });
      expect(res.json().passed).toBe(false);
      failedId = res.json().id;
    });

    it('only the caller of a submitted inspection appeals, one at a time', async () => {
      const detail = (await get('caller1@demo.local', `/api/inspections/${failedId}`)).json();
      expect(detail.canAppeal).toBe(true);
      expect(detail.appealDeadline).not.toBeNull();
      expect(
        (await post('caller2@demo.local', `/api/inspections/${failedId}/appeal`, { reason: '不服' }))
          .statusCode,
      ).toBe(403);
      expect((await post(SUP, `/api/inspections/${failedId}/appeal`, { reason: '不服' })).statusCode).toBe(
        403,
      );
      const badItem = await post('caller1@demo.local', `/api/inspections/${failedId}/appeal`, {
        reason: '记录完整',
        items: [{ criterionId: 'nope' }],
      });
      expect(badItem.statusCode).toBe(422);
      const res = await post('caller1@demo.local', `/api/inspections/${failedId}/appeal`, {
        reason: '客户意见已记录在建议栏',
        items: [{ criterionId: 'record', proposedScore: 22 }],
      });
      expect(res.statusCode).toBe(201);
      expect(res.json().appeals).toHaveLength(1);
      expect(res.json()).toMatchObject({ appealStatus: 'PENDING', canAppeal: false });
      const twice = await post('caller1@demo.local', `/api/inspections/${failedId}/appeal`, {
        reason: '再次申诉',
      });
      expect(twice.statusCode).toBe(409);
      expect(twice.json().error.details.reason).toBe('APPEAL_PENDING');
      const n = await t.prisma.notification.count({
        where: { userId: uid('manager@demo.local'), type: 'APPEAL_FILED', entityId: failedId },
      });
      expect(n).toBe(1);
    });

    it('an inspection not submitted cannot be appealed', async () => {
      const draft = await t.prisma.inspection.findFirstOrThrow({
        where: { callerId: uid('caller1@demo.local'), status: 'IN_PROGRESS' },
      });
      expect(
        (await post('caller1@demo.local', `/api/inspections/${draft.id}/appeal`, { reason: '不服' }))
          .statusCode,
      ).toBe(404);
    });

    it('the window closes after the policy’s days (422)', async () => {
      const old = await t.prisma.inspection.findFirstOrThrow({
        where: {
          callerId: uid('caller1@demo.local'),
          status: 'SUBMITTED',
          appeals: { none: {} },
          id: { not: failedId },
        },
      });
      await t.prisma.inspection.update({
        where: { id: old.id },
        data: { submittedAt: new Date(testNow().getTime() - 5 * 86_400_000 - 60_000) },
      });
      const res = await post('caller1@demo.local', `/api/inspections/${old.id}/appeal`, { reason: '不服' });
      expect(res.statusCode).toBe(422);
      expect(res.json().error.details.reason).toBe('APPEAL_WINDOW_CLOSED');
      expect((await get('caller1@demo.local', `/api/inspections/${old.id}`)).json().canAppeal).toBe(false);
      await t.prisma.orgPolicy.updateMany({ data: { appealWindowDays: 10 } });
      expect(
        (await post('caller1@demo.local', `/api/inspections/${old.id}/appeal`, { reason: '不服' }))
          .statusCode,
      ).toBe(201);
      await t.prisma.orgPolicy.updateMany({ data: { appealWindowDays: 5 } });
    });

    it('a manager overturns: the inspection counts as passed from then on; the caller is told', async () => {
      const list = await get('manager@demo.local', '/api/appeals?status=PENDING');
      const appeal = list.json().items.find((a: { inspectionId: string }) => a.inspectionId === failedId);
      expect(appeal).toBeDefined();
      expect(appeal.can).toEqual({ uphold: true, overturn: true, overturnItems: true });
      expect((await get('caller1@demo.local', '/api/appeals')).statusCode).toBe(403);
      const seen = await get(SUP, '/api/appeals');
      expect(seen.statusCode).toBe(200);
      // a supervisor reads appeals but does not decide them
      expect(seen.json().items.find((a: { id: string }) => a.id === appeal.id).can).toEqual({
        uphold: false,
        overturn: false,
        overturnItems: false,
      });
      const url = `/api/appeals/${appeal.id}/decide`;
      expect((await post(SUP, url, { decision: 'OVERTURNED', reason: '同意' })).statusCode).toBe(403);
      expect(
        (await post('lead@demo.local', url, { decision: 'OVERTURNED', reason: '同意' })).statusCode,
      ).toBe(403);
      expect((await post('manager@demo.local', url, { decision: 'MAYBE', reason: '同意' })).statusCode).toBe(
        400,
      );
      const res = await post('manager@demo.local', url, { decision: 'OVERTURNED', reason: '录音证实已记录' });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ passed: false, effectivePassed: true, appealStatus: 'OVERTURNED' });
      expect(res.json().appeals[0]).toMatchObject({
        status: 'OVERTURNED',
        decisionReason: '录音证实已记录',
        decidedBy: { id: uid('manager@demo.local') },
      });
      const again = await post('manager@demo.local', url, { decision: 'UPHELD', reason: '改主意' });
      expect(again.statusCode).toBe(409);
      expect((await get(SUP, `/api/inspections/${failedId}`)).json().effectivePassed).toBe(true);
      const passedNow = await get('caller1@demo.local', '/api/inspections?passed=true&size=200');
      expect(passedNow.json().items.some((i: { id: string }) => i.id === failedId)).toBe(true);
      expect(
        await t.prisma.notification.count({
          where: { userId: uid('caller1@demo.local'), type: 'APPEAL_DECIDED', entityId: failedId },
        }),
      ).toBe(1);
      expect(
        await t.prisma.auditLog.count({ where: { action: 'APPEAL_DECIDED', entityId: appeal.id } }),
      ).toBe(1);
      const reappeal = await post('caller1@demo.local', `/api/inspections/${failedId}/appeal`, {
        reason: '再来',
      });
      expect(reappeal.statusCode).toBe(409);
    });

    it('upheld keeps the result', async () => {
      const seeded = await t.prisma.inspectionAppeal.findFirstOrThrow({
        where: { callerId: uid('caller2@demo.local'), status: 'PENDING' },
      });
      const res = await post('manager@demo.local', `/api/appeals/${seeded.id}/decide`, {
        decision: 'UPHELD',
        reason: '录音显示确有打断客户',
      });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ passed: false, effectivePassed: false, appealStatus: 'UPHELD' });
      // the caller may appeal once more within the window
      expect(res.json().appeals).toHaveLength(1);
    });
  });
});

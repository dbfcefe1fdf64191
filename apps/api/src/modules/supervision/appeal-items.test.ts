// Inspections and item appeals (docs/product.md): what an inspection starts with (method from the record, a late visit
// flagged, the whole questionnaire) and appeals decided item by item (docs/rules.md#r-appeal-3-item-level-appeal-decision).
import { monthIn } from '@huifang/domain';
import { beforeAll, describe, expect, it } from 'vitest';
import { demoUsers, setupTestApp } from '../../../test/helper.ts';

describe('inspection start defaults and item-level appeal decisions', async () => {
  const t = await setupTestApp();
  const users = await demoUsers(t.prisma);
  const uid = (email: string) => users[email]?.id as string;
  const SUP = 'supervisor@demo.local';
  const MGR = 'manager@demo.local';
  const CALLER = 'caller4@demo.local';
  const get = (email: string, url: string) => t.as(email, { method: 'GET', url });
  const post = (email: string, url: string, payload: unknown = {}) =>
    t.as(email, { method: 'POST', url, payload: payload as object });

  async function inspect(visitId: string) {
    const created = await post(SUP, '/api/inspections', { visitId });
    expect(created.statusCode).toBe(201);
    return created.json();
  }

  describe('starting an inspection', () => {
    it('a record without a recording is checked, not listened to; a late visit is flagged LATE', async () => {
      const visit = await t.prisma.visitRecord.findFirstOrThrow({
        where: { callerId: uid(CALLER), outcome: 'COMPLETED', inspection: null },
        orderBy: { startedAt: 'asc' },
        include: { task: { select: { dueDate: true } } },
      });
      // no recording, and made two days after the task was due
      const due = new Date(visit.startedAt.getTime() - 2 * 86_400_000);
      await t.prisma.task.update({
        where: { id: visit.taskId },
        data: { dueDate: new Date(`${due.toISOString().slice(0, 10)}T00:00:00Z`) },
      });
      await t.prisma.visitRecord.update({ where: { id: visit.id }, data: { recordingRef: null } });
      const created = await inspect(visit.id);
      expect(created.method).toBe('RECORD_CHECK');
      expect(created.visit.late).toBe(true);
      const started = await post(SUP, `/api/inspections/${created.id}/start`, { version: created.version });
      expect(started.statusCode).toBe(200);
      expect(started.json()).toMatchObject({ method: 'RECORD_CHECK', findings: ['LATE'] });
      const audit = await t.prisma.auditLog.findFirstOrThrow({
        where: { action: 'INSPECTION_STARTED', entityId: created.id },
      });
      expect(audit.after).toMatchObject({ method: 'RECORD_CHECK', findings: ['LATE'] });
    });

    it('a sampled RECORDING_REVIEW of a record without recording starts as RECORD_CHECK; with one it stays', async () => {
      const pending = await t.prisma.inspection.findMany({
        where: { status: 'PENDING', method: 'RECORDING_REVIEW' },
        include: { visit: { select: { recordingRef: true } } },
      });
      expect(pending.length).toBeGreaterThan(0);
      for (const p of pending) {
        const res = await t.as(SUP, {
          method: 'POST',
          url: `/api/inspections/${p.id}/start`,
          payload: {},
        });
        if (p.inspectorId !== uid(SUP)) continue;
        expect(res.statusCode).toBe(200);
        expect(res.json().method).toBe(p.visit.recordingRef ? 'RECORDING_REVIEW' : 'RECORD_CHECK');
      }
    });

    it('the record pane gets the whole questionnaire, unanswered questions too', async () => {
      const visit = await t.prisma.visitRecord.findFirstOrThrow({
        where: {
          callerId: uid(CALLER),
          outcome: 'COMPLETED',
          inspection: null,
          questionnaireId: { not: null },
        },
        orderBy: { startedAt: 'asc' },
      });
      const q = await t.prisma.questionnaire.findUniqueOrThrow({
        where: { id: visit.questionnaireId ?? '' },
      });
      const questions = q.questions as { id: string }[];
      // the record answered only the first question
      const answers = (visit.answers as { questionId: string }[]).filter(
        (a) => a.questionId === questions[0]?.id,
      );
      await t.prisma.visitRecord.update({ where: { id: visit.id }, data: { answers } });
      const created = await inspect(visit.id);
      expect(created.visit.questionnaire.name).toBe(q.name);
      expect(created.visit.questionnaire.items.map((i: { questionId: string }) => i.questionId)).toEqual(
        questions.map((x) => x.id),
      );
      expect(
        created.visit.questionnaire.items.filter((i: { answered: boolean }) => !i.answered),
      ).toHaveLength(questions.length - answers.length);
    });
  });

  describe('appeal decided item by item', () => {
    let inspectionId = '';
    let appealId = '';
    let version = 0;
    const url = () => `/api/appeals/${appealId}/decide`;

    beforeAll(async () => {
      const visit = await t.prisma.visitRecord.findFirstOrThrow({
        where: { callerId: uid(CALLER), outcome: 'COMPLETED', inspection: null },
        orderBy: { startedAt: 'desc' },
      });
      const created = await inspect(visit.id);
      const started = (await post(SUP, `/api/inspections/${created.id}/start`)).json();
      // timeliness 10/20 (low, commented), record 25/25 but marked failed: 90 points, failed
      const scores = started.rubricSnapshot.map((c: { id: string; weight: number }) =>
        c.id === 'timeliness'
          ? { criterionId: c.id, score: 10, comment: '超期两天' }
          : c.id === 'record'
            ? { criterionId: c.id, score: c.weight, failed: true, comment: '客户意见未记录' }
            : { criterionId: c.id, score: c.weight },
      );
      const submitted = await post(SUP, `/api/inspections/${created.id}/submit`, {
        scores,
        findings: [],
        version: started.version,
      });
      expect(submitted.statusCode).toBe(200);
      expect(submitted.json()).toMatchObject({ total: 90, passed: false, effectiveTotal: 90 });
      inspectionId = created.id;
      const appealed = await post(CALLER, `/api/inspections/${inspectionId}/appeal`, {
        reason: '意见记录在建议栏，且客户改约',
        items: [{ criterionId: 'record' }, { criterionId: 'timeliness', proposedScore: 18 }],
      });
      expect(appealed.statusCode).toBe(201);
      appealId = appealed.json().appeals[0].id;
      version = appealed.json().version;
    });

    it('the manager sees every item with its score, the comment and which are appealed', async () => {
      const list = (await get(MGR, '/api/appeals?status=PENDING')).json();
      const a = list.items.find((x: { id: string }) => x.id === appealId);
      expect(a.can).toEqual({ uphold: true, overturn: true, overturnItems: true });
      expect(a.inspection).toMatchObject({ total: 90, effectiveTotal: 90, passThreshold: 80, version });
      expect(a.inspection.items.map((i: { criterionId: string }) => i.criterionId)).toEqual([
        'timeliness',
        'process',
        'record',
        'attitude',
        'handling',
      ]);
      expect(a.inspection.items[0]).toMatchObject({
        score: 10,
        comment: '超期两天',
        appealed: true,
        proposedScore: 18,
      });
      expect(a.inspection.items[2]).toMatchObject({
        critical: true,
        failed: true,
        comment: '客户意见未记录',
        appealed: true,
        proposedScore: null,
      });
      expect(a.inspection.items[1]).toMatchObject({ appealed: false });
    });

    it('bad input is 400 and changes nothing', async () => {
      const bodies = [
        { decision: 'UPHELD', reason: '维持', items: [{ criterionId: 'record' }] },
        { decision: 'OVERTURNED', reason: '改判', items: [] },
        { decision: 'OVERTURNED', reason: '改判', items: [{ criterionId: 'record', score: -1 }] },
        { decision: 'OVERTURNED', reason: '改判', items: [{ criterionId: 'record', score: 2.5 }] },
        {
          decision: 'OVERTURNED',
          reason: '改判',
          items: [{ criterionId: 'record' }, { criterionId: 'record' }],
        },
        { decision: 'OVERTURNED', reason: '改判', items: [{ criterionId: '' }] },
        { decision: 'OVERTURNED', reason: '改判', items: 'record' },
        { decision: 'OVERTURNED', reason: '改判', version: -1 },
      ];
      for (const body of bodies) {
        const res = await post(MGR, url(), body);
        expect(res.statusCode, JSON.stringify(body)).toBe(400);
        expect(res.json().error).toMatchObject({ code: expect.any(String), message: expect.any(String) });
      }
      const appeal = await t.prisma.inspectionAppeal.findUniqueOrThrow({ where: { id: appealId } });
      expect(appeal.status).toBe('PENDING');
      const i = await t.prisma.inspection.findUniqueOrThrow({ where: { id: inspectionId } });
      expect(i).toMatchObject({ version, effectiveTotal: 90, effectivePassed: false });
    });

    it('rule violations are 422 with the reason: an item not appealed, a lower score, beyond the weight', async () => {
      const cases: [unknown, string][] = [
        [[{ criterionId: 'process', score: 20 }], 'NOT_APPEALED'],
        [[{ criterionId: 'timeliness', score: 5 }], 'NOT_RAISED'],
        [[{ criterionId: 'timeliness', score: 21 }], 'OUT_OF_RANGE'],
        [[{ criterionId: 'nope', score: 1 }], 'UNKNOWN_CRITERION'],
        [[{ criterionId: 'timeliness', score: 10 }], 'UNCHANGED'],
      ];
      for (const [items, reason] of cases) {
        const res = await post(MGR, url(), { decision: 'OVERTURNED', reason: '改判', items });
        expect(res.statusCode, reason).toBe(422);
        expect(res.json().error.details.reason).toBe(reason);
      }
      expect((await t.prisma.inspectionAppeal.findUniqueOrThrow({ where: { id: appealId } })).status).toBe(
        'PENDING',
      );
    });

    it('wrong role 403; a stale version 409', async () => {
      const body = { decision: 'OVERTURNED', reason: '改判', items: [{ criterionId: 'record' }] };
      expect((await post(SUP, url(), body)).statusCode).toBe(403);
      expect((await post(CALLER, url(), body)).statusCode).toBe(403);
      expect((await post('lead2@demo.local', url(), body)).statusCode).toBe(403);
      const stale = await post(MGR, url(), { ...body, version: version - 1 });
      expect(stale.statusCode).toBe(409);
      expect(stale.json().error.code).toBe('STALE_VERSION');
    });

    it('overturning one item recomputes the score; the result still fails while the critical item is failed', async () => {
      // only timeliness: 10 → 18 (the proposed score) = 98, record still marked failed
      const before = (await get(MGR, `/api/kpi?month=${await visitMonth()}&scope=caller`)).json();
      const res = await post(MGR, url(), {
        decision: 'OVERTURNED',
        reason: '客户改约，不算超期',
        items: [{ criterionId: 'timeliness' }],
        version,
      });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({
        total: 90,
        passed: false,
        effectiveTotal: 98,
        effectivePassed: false,
        appealStatus: 'OVERTURNED',
        version: version + 1,
      });
      expect(res.json().appeals[0].decisions).toEqual([
        { criterionId: 'timeliness', from: 10, to: 18, clearedFail: false },
      ]);
      const after = (await get(MGR, `/api/kpi?month=${await visitMonth()}&scope=caller`)).json();
      expect(row(after).kpi.counts.passed).toBe(row(before).kpi.counts.passed);
      const again = await post(MGR, url(), { decision: 'UPHELD', reason: '改主意' });
      expect(again.statusCode).toBe(409);
      expect(again.json().error.details.reason).toBe('ALREADY_DECIDED');
      const audit = await t.prisma.auditLog.findFirstOrThrow({
        where: { action: 'APPEAL_DECIDED', entityId: appealId },
      });
      expect(audit.after).toMatchObject({
        status: 'OVERTURNED',
        items: [{ criterionId: 'timeliness', from: 10, to: 18 }],
        effectiveTotal: 98,
        effectivePassed: false,
      });
      expect(audit.before).toMatchObject({ status: 'PENDING', effectiveTotal: 90, effectivePassed: false });
      expect(
        await t.prisma.notification.count({
          where: { userId: uid(CALLER), type: 'APPEAL_DECIDED', entityId: inspectionId },
        }),
      ).toBe(1);
    });

    it('clearing the failed critical item passes the inspection; the KPI pass count follows', async () => {
      // a second appeal is refused once overturned: file a fresh one on another inspection
      const visit = await t.prisma.visitRecord.findFirstOrThrow({
        where: { callerId: uid(CALLER), outcome: 'COMPLETED', inspection: null },
        orderBy: { startedAt: 'desc' },
      });
      const created = await inspect(visit.id);
      const started = (await post(SUP, `/api/inspections/${created.id}/start`)).json();
      const scores = started.rubricSnapshot.map((c: { id: string; weight: number }) =>
        c.id === 'record'
          ? { criterionId: c.id, score: c.weight, failed: true, comment: '未记录' }
          : { criterionId: c.id, score: c.weight },
      );
      await post(SUP, `/api/inspections/${created.id}/submit`, { scores });
      const month = monthIn(visit.startedAt, 'Asia/Shanghai');
      const kpiUrl = `/api/kpi?month=${month}&scope=caller`;
      const before = row((await get(MGR, kpiUrl)).json()).kpi.counts;
      const filed = await post(CALLER, `/api/inspections/${created.id}/appeal`, {
        reason: '已记录',
        items: [{ criterionId: 'record' }],
      });
      const id = filed.json().appeals[0].id;
      const res = await post(MGR, `/api/appeals/${id}/decide`, {
        decision: 'OVERTURNED',
        reason: '已记录在建议栏',
        items: [{ criterionId: 'record' }],
        version: filed.json().version,
      });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({
        total: 100,
        passed: false,
        effectiveTotal: 100,
        effectivePassed: true,
      });
      expect(res.json().appeals[0].decisions).toEqual([
        { criterionId: 'record', from: 25, to: 25, clearedFail: true },
      ]);
      const after = row((await get(MGR, kpiUrl)).json()).kpi.counts;
      expect(after.inspected).toBe(before.inspected);
      expect(after.passed).toBe(before.passed + 1);
    });

    it('the whole-inspection overturn keeps working (no items)', async () => {
      const visit = await t.prisma.visitRecord.findFirstOrThrow({
        where: { callerId: uid(CALLER), outcome: 'COMPLETED', inspection: null },
        orderBy: { startedAt: 'desc' },
      });
      const created = await inspect(visit.id);
      const started = (await post(SUP, `/api/inspections/${created.id}/start`)).json();
      const scores = started.rubricSnapshot.map((c: { id: string; weight: number }) =>
        c.id === 'attitude'
          ? { criterionId: c.id, score: 5, comment: '打断客户' }
          : { criterionId: c.id, score: c.weight },
      );
      await post(SUP, `/api/inspections/${created.id}/submit`, { scores });
      const filed = await post(CALLER, `/api/inspections/${created.id}/appeal`, { reason: '没有打断' });
      const res = await post(MGR, `/api/appeals/${filed.json().appeals[0].id}/decide`, {
        decision: 'OVERTURNED',
        reason: '录音证实',
      });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({
        total: 85,
        effectiveTotal: 85,
        passed: false,
        effectivePassed: true,
      });
      expect(res.json().appeals[0].decisions).toEqual([]);
    });

    async function visitMonth() {
      const i = await t.prisma.inspection.findUniqueOrThrow({
        where: { id: inspectionId },
        include: { visit: { select: { startedAt: true } } },
      });
      return monthIn(i.visit.startedAt, 'Asia/Shanghai');
    }
    function row(kpi: { rows: { id: string; kpi: { counts: { passed: number; inspected: number } } }[] }) {
      const r = kpi.rows.find((x) => x.id === uid(CALLER));
      if (!r) throw new Error('no KPI row for the caller');
      return r;
    }
  });
});

// Training routes (docs/rules.md, R-TRN-1 … R-TRN-6): plans, sessions, attendance and evaluation,
// the retraining assignment a failed pass rate makes, the training days' pay deducted from the
// attendance, and the re-check of the next month's pass rate (closed, or demotion proposed).
import { describe, expect, it } from 'vitest';
import { setupTestApp } from '../../../test/helper.ts';
import { kpiFixtures, MONTH } from '../incentives/fixtures.ts';

const MGR = 'manager@demo.local';
const NEXT = '2022-06';

type Item = {
  id: string;
  rule: string;
  kind: string;
  userId: string;
  amountFen: number | null;
  status: string;
  source: string;
  dependsOnId: string | null;
  figures: Record<string, unknown>;
};

describe('training: plans, sessions, attendance, retraining and its re-check', async () => {
  const t = await setupTestApp();
  const fx = await kpiFixtures(t.prisma);
  const u = fx.users;
  const post = (email: string, url: string, payload: object = {}) =>
    t.as(email, { method: 'POST', url, payload });
  const get = (email: string, url: string) => t.as(email, { method: 'GET', url });
  const sheet = async (month: string) =>
    (await get(MGR, `/api/month-closes/${month}`)).json() as { items: Item[] };
  const close = async (month: string) => {
    const res = await post(MGR, '/api/month-closes', { month });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as { items: Item[] };
  };

  // caller2's June: visits with inspections, passed as given
  const rubric = await t.prisma.rubric.findFirstOrThrow({ where: { isDefault: true } });
  const customer = await t.prisma.customer.findFirstOrThrow({ where: { organizationId: fx.orgId } });
  async function juneInspection(day: string, passed: boolean) {
    const startedAt = new Date(`2022-06-${day}T02:00:00Z`);
    const task = await t.prisma.task.create({
      data: {
        organizationId: fx.orgId,
        customerId: customer.id,
        assigneeId: u.caller2!,
        purpose: 'training fixture',
        channel: 'PHONE',
        windowFrom: new Date(`2022-06-${day}T00:00:00Z`),
        windowTo: new Date(`2022-06-${day}T00:00:00Z`),
        dueDate: new Date(`2022-06-${day}T00:00:00Z`),
        status: 'DONE',
        doneAt: startedAt,
      },
    });
    const visit = await t.prisma.visitRecord.create({
      data: {
        organizationId: fx.orgId,
        taskId: task.id,
        callerId: u.caller2!,
        customerId: customer.id,
        startedAt,
        channel: 'PHONE',
        outcome: 'COMPLETED',
        satisfaction: 4,
        original: {},
      },
    });
    return t.prisma.inspection.create({
      data: {
        organizationId: fx.orgId,
        visitId: visit.id,
        visitStartedAt: startedAt,
        callerId: u.caller2!,
        inspectorId: u.supervisor!,
        status: 'SUBMITTED',
        rubricId: rubric.id,
        rubricVersion: rubric.version,
        rubricSnapshot: rubric.criteria ?? [],
        findings: passed ? [] : ['ATTITUDE'],
        total: passed ? 90 : 60,
        criticalFailed: false,
        passed,
        effectivePassed: passed,
        submittedAt: startedAt,
      },
    });
  }

  let planId = '';
  let sessionId = '';
  let assignmentId = '';

  it('plans: managers and supervisors write, everyone on the floor reads; bad input is 400 naming the field', async () => {
    expect(
      (await post('caller1@demo.local', '/api/training-plans', { year: 2022, title: 'x' })).statusCode,
    ).toBe(403);
    expect(
      (await post('lead@demo.local', '/api/training-plans', { year: 2022, title: 'x' })).statusCode,
    ).toBe(403);
    const bad = await post(MGR, '/api/training-plans', { year: 1999, title: '' });
    expect(bad.statusCode).toBe(400);
    expect(JSON.stringify(bad.json().error.details)).toContain('year');
    const before = await t.prisma.trainingPlan.count();
    const res = await post(MGR, '/api/training-plans', {
      year: 2022,
      title: '2022 年度培训计划',
      goals: '沟通技巧、产品知识',
    });
    expect(res.statusCode, res.body).toBe(201);
    planId = res.json().id;
    expect(await t.prisma.trainingPlan.count()).toBe(before + 1);
    const list = await get('caller1@demo.local', '/api/training-plans?year=2022');
    expect(list.statusCode).toBe(200);
    expect(list.json()).toMatchObject({
      items: [{ id: planId, year: 2022, sessionCount: 0 }],
      can: { write: false },
    });
    expect((await get('handler@demo.local', '/api/training-plans')).statusCode).toBe(403);
  });

  it("a failed pass rate makes a retraining assignment at the close, and no day's pay yet", async () => {
    const s = await close(MONTH);
    const retraining = s.items.find((i) => i.rule === 'PASS_RATE_RETRAINING' && i.userId === u.caller2)!;
    expect(retraining.status).toBe('PROPOSED');
    expect(s.items.some((i) => i.rule === 'PASS_RATE_DEDUCTION')).toBe(false);
    const a = await t.prisma.trainingAssignment.findUniqueOrThrow({ where: { itemId: retraining.id } });
    expect(a).toMatchObject({ userId: u.caller2, month: MONTH, status: 'OPEN', sessionId: null });
    assignmentId = a.id;
    // the caller sees their own assignment, another caller does not
    const mine = (await get('caller2@demo.local', '/api/training-sessions')).json();
    expect(mine.assignments.map((x: { id: string }) => x.id)).toContain(assignmentId);
    expect(mine.can).toEqual({ write: false, record: false });
    const other = (await get('caller1@demo.local', '/api/training-sessions')).json();
    expect(other.assignments.map((x: { id: string }) => x.id)).not.toContain(assignmentId);
    // a rerun keeps one assignment
    await close(MONTH);
    expect(await t.prisma.trainingAssignment.count({ where: { userId: u.caller2!, month: MONTH } })).toBe(1);
  });

  it('a session puts the assignment on it; bad input changes nothing', async () => {
    const body = {
      planId,
      topic: 'SKILLS',
      title: '回访技能再培训',
      day: `${NEXT}-08`,
      trainer: '王主任',
      durationDays: 2,
      passMark: 60,
      assignmentIds: [assignmentId],
    };
    const before = await t.prisma.trainingSession.count();
    for (const [field, value] of [
      ['topic', 'JUGGLING'],
      ['day', '2022-02-30'],
      ['durationDays', 0],
      ['passMark', 101],
    ] as const) {
      const res = await post(MGR, '/api/training-sessions', { ...body, [field]: value });
      expect(res.statusCode, field).toBe(400);
      expect(JSON.stringify(res.json().error.details)).toContain(field);
    }
    expect(
      (await post(MGR, '/api/training-sessions', { ...body, planId: '00000000-0000-4000-8000-000000000000' }))
        .statusCode,
    ).toBe(400);
    expect((await post('lead@demo.local', '/api/training-sessions', body)).statusCode).toBe(403);
    expect(await t.prisma.trainingSession.count()).toBe(before);
    const res = await post(MGR, '/api/training-sessions', body);
    expect(res.statusCode, res.body).toBe(201);
    sessionId = res.json().id;
    expect(res.json()).toMatchObject({
      topic: 'SKILLS',
      day: `${NEXT}-08`,
      attendance: [{ userId: u.caller2, daysAttended: 0, score: null, passed: null, assignmentId }],
    });
    expect(
      await t.prisma.trainingAssignment.findUniqueOrThrow({ where: { id: assignmentId } }),
    ).toMatchObject({ sessionId });
    // on another session it cannot go again
    const again = await post(MGR, '/api/training-sessions', { ...body, title: '再来一次' });
    expect(again.statusCode).toBe(422);
  });

  it("two days attended → two days' pay deducted on the sheet of the session's month, changed in place", async () => {
    const url = `/api/training-sessions/${sessionId}/attendance`;
    const tooMany = await post(MGR, url, { userId: u.caller2, daysAttended: 3 });
    expect(tooMany.statusCode).toBe(400);
    expect(JSON.stringify(tooMany.json().error.details)).toContain('daysAttended');
    // the caller records nothing but their own evaluation
    expect((await post('caller2@demo.local', url, { daysAttended: 2 })).statusCode).toBe(403);
    expect((await post('caller1@demo.local', url, { evaluationRating: 5 })).statusCode).toBe(404);
    expect((await post(MGR, url, { userId: u.caller2, evaluationRating: 5 })).statusCode).toBe(403);

    const res = await post(MGR, url, { userId: u.caller2, daysAttended: 2, score: 80 });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().attendance[0]).toMatchObject({ daysAttended: 2, score: 80, passed: true, version: 2 });
    const deduction = (await sheet(NEXT)).items.find((i) => i.rule === 'PASS_RATE_DEDUCTION')!;
    expect(deduction).toMatchObject({
      userId: u.caller2,
      kind: 'DEDUCTION',
      source: 'TRAINING',
      amountFen: 40000,
      status: 'PROPOSED',
      figures: { daysAttended: 2, dailyPayFen: 20000, retrainingMonth: MONTH, sessionDay: `${NEXT}-08` },
    });
    const retraining = await t.prisma.trainingAssignment.findUniqueOrThrow({ where: { id: assignmentId } });
    expect(deduction.dependsOnId).toBe(retraining.itemId);

    // one day, by the lead: the same item, one day's pay; a stale version is 409
    expect(
      (await post('lead@demo.local', url, { userId: u.caller2, daysAttended: 1, version: 1 })).statusCode,
    ).toBe(409);
    expect(
      (await post('lead@demo.local', url, { userId: u.caller2, daysAttended: 1, version: 2 })).statusCode,
    ).toBe(200);
    let items = (await sheet(NEXT)).items.filter((i) => i.rule === 'PASS_RATE_DEDUCTION');
    expect(items.map((i) => [i.amountFen, i.status])).toEqual([[20000, 'PROPOSED']]);
    // another team's lead may not
    const c2 = await t.prisma.user.findUniqueOrThrow({ where: { id: u.caller2! } });
    const otherLead = await t.prisma.user.findFirst({
      where: { role: 'LEAD', teamId: { not: c2.teamId } },
    });
    if (otherLead)
      expect((await post(otherLead.email, url, { userId: u.caller2, daysAttended: 1 })).statusCode).toBe(403);
    // none → withdrawn; two again → proposed again
    await post(MGR, url, { userId: u.caller2, daysAttended: 0 });
    items = (await sheet(NEXT)).items.filter((i) => i.rule === 'PASS_RATE_DEDUCTION');
    expect(items.map((i) => i.status)).toEqual(['WITHDRAWN']);
    await post(MGR, url, { userId: u.caller2, daysAttended: 2 });
    items = (await sheet(NEXT)).items.filter((i) => i.rule === 'PASS_RATE_DEDUCTION');
    expect(items.map((i) => [i.amountFen, i.status])).toEqual([[40000, 'PROPOSED']]);
  });

  it('the attendee evaluates the session; everyone sees the mean, a caller only their own row', async () => {
    const url = `/api/training-sessions/${sessionId}/attendance`;
    expect((await post('caller2@demo.local', url, { evaluationRating: 6 })).statusCode).toBe(400);
    const res = await post('caller2@demo.local', url, {
      evaluationRating: 4,
      evaluationComment: '案例很实用',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      meanRatingHundredths: 400,
      attendance: [{ userId: u.caller2, evaluationRating: 4, evaluationComment: '案例很实用' }],
    });
    // another attendee, failing the test
    const other = await post(MGR, url, { userId: u.caller1, daysAttended: 2, score: 50 });
    expect(other.json().attendance).toHaveLength(2);
    expect(other.json().attendance.find((a: { userId: string }) => a.userId === u.caller1)).toMatchObject({
      passed: false,
    });
    const mine = (await get('caller2@demo.local', '/api/training-sessions')).json();
    expect(mine.items.find((s: { id: string }) => s.id === sessionId).attendance).toHaveLength(1);
  });

  it('another organisation’s id is 404; a session not started yet takes no days', async () => {
    expect(
      (
        await post(MGR, '/api/training-sessions/00000000-0000-4000-8000-000000000000/attendance', {
          userId: u.caller2,
          daysAttended: 1,
        })
      ).statusCode,
    ).toBe(404);
    const future = await post(MGR, '/api/training-sessions', {
      topic: 'ETIQUETTE',
      title: '服务礼仪',
      day: '2099-01-05',
      trainer: '李老师',
      durationDays: 1,
      passMark: 60,
    });
    expect(future.statusCode).toBe(201);
    const res = await post(MGR, `/api/training-sessions/${future.json().id}/attendance`, {
      userId: u.caller1,
      daysAttended: 1,
    });
    expect(res.statusCode).toBe(422);
    // enrolling ahead is fine
    expect(
      (await post(MGR, `/api/training-sessions/${future.json().id}/attendance`, { userId: u.caller1 }))
        .statusCode,
    ).toBe(200);
  });

  it('passing the next month closes the assignment: no demotion proposed', async () => {
    await juneInspection('10', true);
    await juneInspection('11', true);
    const s = await close(NEXT);
    expect(s.items.some((i) => i.rule === 'RETRAINING_RECHECK')).toBe(false);
    expect(
      await t.prisma.trainingAssignment.findUniqueOrThrow({ where: { id: assignmentId } }),
    ).toMatchObject({
      status: 'CLOSED',
      recheckMonth: NEXT,
    });
    // the training days' pay is still on the sheet; the failed test counts in the evaluation (seed 004)
    expect(s.items.find((i) => i.rule === 'PASS_RATE_DEDUCTION')).toMatchObject({
      amountFen: 40000,
      source: 'TRAINING',
    });
    expect(s.items.find((i) => i.rule === 'TRAINING_TEST_FAILED')).toMatchObject({
      userId: u.caller1,
      kind: 'RETRAINING',
      figures: { score: 50, passMark: 60 },
    });
  });

  it('still below the next month → the sheet proposes demotion with the evidence; passing again withdraws it', async () => {
    const a = await juneInspection('12', false);
    const b = await juneInspection('13', false);
    const c = await juneInspection('14', false);
    let s = await close(NEXT);
    const proposal = s.items.find((i) => i.rule === 'RETRAINING_RECHECK')!;
    expect(proposal).toMatchObject({
      userId: u.caller2,
      kind: 'DEMOTION_PROPOSAL',
      amountFen: null,
      status: 'PROPOSED',
      figures: {
        inspected: 5,
        passed: 2,
        passRateBp: 4000,
        thresholdBp: 9000,
        retrainingMonth: MONTH,
        daysAttended: 2,
        score: 80,
        passMark: 60,
        earlierEscalations: 0,
      },
    });
    expect(
      await t.prisma.trainingAssignment.findUniqueOrThrow({ where: { id: assignmentId } }),
    ).toMatchObject({ status: 'ESCALATED' });
    // June below the bar too: a new retraining and its assignment
    expect(
      await t.prisma.trainingAssignment.count({ where: { userId: u.caller2!, month: NEXT, status: 'OPEN' } }),
    ).toBe(1);
    // the figures change back: the proposal is withdrawn and the assignment closed
    await t.prisma.inspection.updateMany({
      where: { id: { in: [a.id, b.id, c.id] } },
      data: { status: 'IN_PROGRESS' },
    });
    s = await close(NEXT);
    expect(s.items.find((i) => i.rule === 'RETRAINING_RECHECK')?.status).toBe('WITHDRAWN');
    expect(
      await t.prisma.trainingAssignment.findUniqueOrThrow({ where: { id: assignmentId } }),
    ).toMatchObject({ status: 'CLOSED' });
  });
});

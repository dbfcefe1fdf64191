import { describe, expect, it } from 'vitest';
import { testNow } from '../../../test/clock.ts';
import { setupTestApp } from '../../../test/helper.ts';

describe('quality dashboard', async () => {
  const t = await setupTestApp();
  const org = await t.prisma.organization.findFirstOrThrow({ where: { demo: true } });
  const users = Object.fromEntries(
    (await t.prisma.user.findMany({ select: { id: true, email: true } })).map((u) => [u.email, u.id]),
  ) as Record<string, string>;
  const rubric = await t.prisma.rubric.findFirstOrThrow({
    where: { organizationId: org.id, isDefault: true },
  });
  const url = (month?: string) => `/api/dashboards/quality${month ? `?month=${month}` : ''}`;
  const get = async (email: string, month?: string) => {
    const res = await t.as(email, { method: 'GET', url: url(month) });
    expect(res.statusCode, res.body).toBe(200);
    return res.json();
  };

  let seq = 0;
  /** One customer, one closed task, one visit record and its inspection (each record its own task). */
  async function inspected(
    startedAt: string,
    caller: string,
    inspection: {
      status?: 'PENDING' | 'IN_PROGRESS' | 'SUBMITTED';
      inspector?: string;
      passed?: boolean;
      effectivePassed?: boolean;
      findings?: string[];
    },
    orgId = org.id,
    rubricId = rubric.id,
  ) {
    seq += 1;
    const customer = await t.prisma.customer.create({
      data: {
        organizationId: orgId,
        name: `看板客户${seq}`,
        phone: `1990000${String(seq).padStart(4, '0')}`,
        segment: 'GRADUATE',
        tier: 'MID',
      },
    });
    const day = new Date(`${startedAt.slice(0, 10)}T00:00:00.000Z`);
    const task = await t.prisma.task.create({
      data: {
        organizationId: orgId,
        customerId: customer.id,
        assigneeId: users[caller] as string,
        purpose: '看板测试',
        channel: 'PHONE',
        windowFrom: day,
        windowTo: day,
        dueDate: day,
        status: 'DONE',
        attempts: 1,
      },
    });
    const visit = await t.prisma.visitRecord.create({
      data: {
        organizationId: orgId,
        taskId: task.id,
        callerId: users[caller] as string,
        customerId: customer.id,
        startedAt: new Date(startedAt),
        channel: 'PHONE',
        outcome: 'COMPLETED',
        satisfaction: 5,
        original: {},
      },
    });
    const status = inspection.status ?? 'SUBMITTED';
    const done = status === 'SUBMITTED';
    return t.prisma.inspection.create({
      data: {
        organizationId: orgId,
        visitId: visit.id,
        visitStartedAt: visit.startedAt,
        callerId: users[caller] as string,
        inspectorId: users[inspection.inspector ?? 'supervisor@demo.local'] as string,
        status,
        rubricId,
        rubricVersion: 1,
        rubricSnapshot: [],
        findings: inspection.findings ?? [],
        ...(done
          ? {
              total: inspection.passed ? 90 : 60,
              criticalFailed: false,
              passed: inspection.passed ?? true,
              effectivePassed: inspection.effectivePassed ?? inspection.passed ?? true,
              submittedAt: new Date(startedAt),
            }
          : {}),
      },
    });
  }

  const before = await get('supervisor@demo.local', '2021-05');

  // 2021-05 in Asia/Shanghai: from 2021-04-30T16:00Z to 2021-05-31T16:00Z.
  const c1 = 'caller1@demo.local';
  const c2 = 'caller2@demo.local';
  await inspected('2021-04-30T16:30:00Z', c1, { passed: true }); // 05-01 00:30 local
  await inspected('2021-05-10T02:00:00Z', c1, { passed: false, findings: ['LATE', 'INCOMPLETE'] });
  const overturned = await inspected('2021-05-12T02:00:00Z', c1, {
    passed: false,
    effectivePassed: true,
    findings: ['LATE'],
  });
  const appealed = await inspected('2021-05-20T02:00:00Z', c2, {
    passed: false,
    findings: ['ATTITUDE', 'LATE'],
  });
  await inspected('2021-05-21T02:00:00Z', c2, { status: 'PENDING', inspector: 'supervisor2@demo.local' });
  await inspected('2021-05-22T02:00:00Z', c2, { status: 'IN_PROGRESS' });
  await inspected('2021-05-31T17:00:00Z', c1, { passed: true, findings: ['FABRICATED'] }); // 06-01 local
  await inspected('2021-04-30T15:30:00Z', c2, { passed: true }); // 04-30 23:30 local
  await inspected('2021-02-10T02:00:00Z', c1, { passed: true });
  await inspected('2020-12-05T02:00:00Z', c2, { passed: false });
  await inspected('2020-11-05T02:00:00Z', c2, { passed: true }); // outside the six months
  await t.prisma.inspectionAppeal.createMany({
    data: [
      { inspectionId: overturned.id, callerId: users[c1] as string, reason: '有录音', status: 'OVERTURNED' },
      { inspectionId: appealed.id, callerId: users[c2] as string, reason: '态度正常' },
    ],
  });
  await t.prisma.visitReport.createMany({
    data: [
      {
        organizationId: org.id,
        month: '2021-05',
        status: 'SUBMITTED',
        createdById: users['lead@demo.local'] as string,
      },
      {
        organizationId: org.id,
        month: '2021-05',
        status: 'DRAFT',
        createdById: users['lead2@demo.local'] as string,
      },
      {
        organizationId: org.id,
        month: '2021-04',
        status: 'APPROVED',
        createdById: users['lead@demo.local'] as string,
      },
    ],
  });

  // Another organisation's figures never show.
  const other = await t.prisma.organization.create({ data: { name: '别的机构' } });
  const otherRubric = await t.prisma.rubric.create({
    data: { organizationId: other.id, name: 'r', criteria: [] },
  });
  await inspected(
    '2021-05-15T02:00:00Z',
    c1,
    { passed: false, findings: ['LATE'] },
    other.id,
    otherRubric.id,
  );
  await inspected('2021-05-16T02:00:00Z', c1, { status: 'PENDING' }, other.id, otherRubric.id);
  await t.prisma.visitReport.create({
    data: {
      organizationId: other.id,
      month: '2021-05',
      status: 'SUBMITTED',
      createdById: users[c1] as string,
    },
  });

  it('computes pass rate by caller, the six-month trend and findings of the month (org timezone, after appeals)', async () => {
    const d = await get('supervisor@demo.local', '2021-05');
    expect(d.month).toBe('2021-05');
    const names = Object.fromEntries(
      (await t.prisma.user.findMany({ where: { email: { in: [c1, c2] } } })).map((u) => [u.email, u.name]),
    );
    expect(d.passRateByCaller).toEqual(
      [
        { callerId: users[c1], name: names[c1], inspected: 3, passed: 2 },
        { callerId: users[c2], name: names[c2], inspected: 1, passed: 0 },
      ].sort((a, b) => String(a.name).localeCompare(String(b.name), 'en')),
    );
    expect(d.passRateTrend).toEqual([
      { month: '2020-12', inspected: 1, passed: 0 },
      { month: '2021-01', inspected: 0, passed: 0 },
      { month: '2021-02', inspected: 1, passed: 1 },
      { month: '2021-03', inspected: 0, passed: 0 },
      { month: '2021-04', inspected: 1, passed: 1 },
      { month: '2021-05', inspected: 4, passed: 2 },
    ]);
    expect(d.findings).toEqual([
      { finding: 'LATE', count: 3 },
      { finding: 'ATTITUDE', count: 1 },
      { finding: 'INCOMPLETE', count: 1 },
    ]);
  });

  it('puts a record started after local midnight of the 1st into the next month', async () => {
    const d = await get('manager@demo.local', '2021-06');
    expect(d.passRateByCaller).toEqual([
      { callerId: users[c1], name: expect.any(String), inspected: 1, passed: 1 },
    ]);
    expect(d.findings).toEqual([{ finding: 'FABRICATED', count: 1 }]);
    expect(d.passRateTrend.map((m: { month: string }) => m.month)).toEqual([
      '2021-01',
      '2021-02',
      '2021-03',
      '2021-04',
      '2021-05',
      '2021-06',
    ]);
    expect(d.passRateTrend[5]).toEqual({ month: '2021-06', inspected: 1, passed: 1 });
  });

  it('counts the backlog per inspector, pending appeals and submitted reports of the organisation', async () => {
    const d = await get('admin@demo.local', '2021-05');
    expect(d.inspectionBacklog.pending).toBe(before.inspectionBacklog.pending + 1);
    expect(d.inspectionBacklog.inProgress).toBe(before.inspectionBacklog.inProgress + 1);
    const row = (rows: Array<{ inspectorId: string; pending: number; inProgress: number }>, email: string) =>
      rows.find((r) => r.inspectorId === users[email]) ?? { pending: 0, inProgress: 0 };
    for (const [email, dp, di] of [
      ['supervisor@demo.local', 0, 1],
      ['supervisor2@demo.local', 1, 0],
    ] as const) {
      const was = row(before.inspectionBacklog.byInspector, email);
      expect(row(d.inspectionBacklog.byInspector, email)).toMatchObject({
        pending: was.pending + dp,
        inProgress: was.inProgress + di,
      });
    }
    const sum = (k: 'pending' | 'inProgress') =>
      d.inspectionBacklog.byInspector.reduce((s: number, r: Record<string, number>) => s + (r[k] ?? 0), 0);
    expect(sum('pending')).toBe(d.inspectionBacklog.pending);
    expect(sum('inProgress')).toBe(d.inspectionBacklog.inProgress);
    expect(d.appealsWaiting).toBe(before.appealsWaiting + 1);
    expect(d.reportsWaiting).toBe(before.reportsWaiting + 1);
  });

  it('defaults to the current month in the organisation timezone', async () => {
    const d = await get('supervisor@demo.local');
    const now = new Intl.DateTimeFormat('en-CA', {
      timeZone: org.timezone,
      year: 'numeric',
      month: '2-digit',
    })
      .format(testNow())
      .slice(0, 7);
    expect(d.month).toBe(now);
    expect(d.passRateTrend).toHaveLength(6);
  });

  it('is for ADMIN, MANAGER and SUPERVISOR only; 401 without a session', async () => {
    for (const email of ['caller1@demo.local', 'lead@demo.local', 'handler@demo.local']) {
      const res = await t.as(email, { method: 'GET', url: url('2021-05') });
      expect(res.statusCode, email).toBe(403);
    }
    expect((await t.app.inject({ method: 'GET', url: url('2021-05') })).statusCode).toBe(401);
  });

  it('answers 400 for a malformed month', async () => {
    for (const month of ['2021-13', '2021-5', 'May', '2021-05-01']) {
      const res = await t.as('supervisor@demo.local', { method: 'GET', url: url(month) });
      expect(res.statusCode, month).toBe(400);
      expect(res.json().error.code).toBeDefined();
    }
  });
});

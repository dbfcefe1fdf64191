// Improvement measures through the API (docs/rules.md#r-meas-1-workflow … #r-meas-4-incentive-items):
// the whole workflow with its refusals, milestones, overdue and escalation at pinned instants, the
// effect figures on hand-made data, and the incentive items proposed once.
import { addDays, startOfDay } from '@huifang/domain';
import { beforeAll, describe, expect, it } from 'vitest';
import { TEST_NOW } from '../../../test/clock.ts';
import { recordEvent, setupTestApp } from '../../../test/helper.ts';
import { runMeasureChecks } from './overdue.ts';

describe('improvement measures', async () => {
  const t = await setupTestApp();
  let users: Record<string, string>;
  let depts: Record<string, string>;
  let orgId: string;
  let tz: string;
  beforeAll(async () => {
    users = Object.fromEntries(
      (await t.prisma.user.findMany({ select: { id: true, email: true } })).map((u) => [
        u.email.split('@')[0]!,
        u.id,
      ]),
    );
    depts = Object.fromEntries(
      (await t.prisma.department.findMany({ select: { id: true, kind: true } })).map((d) => [d.kind, d.id]),
    );
    const org = await t.prisma.organization.findFirstOrThrow();
    orgId = org.id;
    tz = org.timezone;
  });

  const create = (as: string, body: Record<string, unknown>) =>
    t.as(`${as}@demo.local`, {
      method: 'POST',
      url: '/api/improvement-measures',
      payload: {
        title: 'Call every dropped-out student within a week',
        departmentId: depts.SERVICE,
        ownerId: users.lead,
        deadline: '2026-04-30',
        milestones: [{ title: 'Script written', dueDay: '2026-03-25' }],
        ...body,
      },
    });
  const step = (as: string, id: string, name: string, payload: Record<string, unknown>) =>
    t.as(`${as}@demo.local`, { method: 'POST', url: `/api/improvement-measures/${id}/${name}`, payload });

  it('finds demo measures in every state, one overdue and escalated, one effective, one not', async () => {
    const demo = await t.prisma.improvementMeasure.findMany({ orderBy: { number: 'asc' } });
    expect(new Set(demo.map((m) => m.status))).toEqual(
      new Set(['DRAFT', 'APPROVED', 'IN_PROGRESS', 'DONE', 'EVALUATED']),
    );
    expect(
      demo
        .filter((m) => m.status === 'EVALUATED')
        .map((m) => m.outcome)
        .sort(),
    ).toEqual(['EFFECTIVE', 'NOT_EFFECTIVE']);
    const overdue = (
      await t.as('manager@demo.local', { method: 'GET', url: '/api/improvement-measures?overdue=true' })
    ).json();
    expect(overdue.items).toHaveLength(1);
    expect(overdue.items[0]).toMatchObject({ status: 'IN_PROGRESS', overdue: true, escalationLevel: 1 });
  });

  it('runs DRAFT → APPROVED → IN_PROGRESS → DONE → EVALUATED with its refusals', async () => {
    expect((await create('handler', {})).statusCode).toBe(403);
    expect((await create('supervisor', {})).statusCode).toBe(403);
    const res = await create('lead', {});
    expect(res.statusCode).toBe(201);
    let m = res.json();
    expect(m).toMatchObject({ status: 'DRAFT', version: 1, overdue: false });
    expect(m.milestones).toHaveLength(1);
    expect(m.can).toMatchObject({ edit: true, approve: false });

    // wrong role, stale version, then approved; the owner is told
    expect((await step('lead', m.id, 'approve', { version: 1 })).statusCode).toBe(403);
    const stale = await step('manager', m.id, 'approve', { version: 0 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('STALE_VERSION');
    m = (await step('manager', m.id, 'approve', { version: 1 })).json();
    expect(m.status).toBe('APPROVED');
    expect(
      await t.prisma.notification.count({
        where: { entityId: m.id, type: 'MEASURE_APPROVED', userId: users.lead },
      }),
    ).toBe(1);
    // wrong state
    const again = await step('manager', m.id, 'approve', { version: m.version });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.details).toMatchObject({ reason: 'STATUS', status: 'APPROVED' });
    const edit = await t.as('lead@demo.local', {
      method: 'PATCH',
      url: `/api/improvement-measures/${m.id}`,
      payload: { version: m.version, title: 'x' },
    });
    expect(edit.statusCode).toBe(409);

    // not the owner
    expect((await step('lead2', m.id, 'start', { version: m.version })).statusCode).toBe(403);
    m = (await step('lead', m.id, 'start', { version: m.version })).json();
    expect(m.status).toBe('IN_PROGRESS');
    expect(m.startDay).toBe('2026-03-18');

    // milestones: the owner reports progress; another lead may not
    const msUrl = `/api/improvement-measures/${m.id}/milestones/${m.milestones[0].id}`;
    expect(
      (
        await t.as('lead2@demo.local', {
          method: 'PATCH',
          url: msUrl,
          payload: { version: m.version, progress: 50 },
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (
        await t.as('lead@demo.local', {
          method: 'PATCH',
          url: msUrl,
          payload: { version: m.version, progress: 101 },
        })
      ).statusCode,
    ).toBe(400);
    m = (
      await t.as('lead@demo.local', {
        method: 'PATCH',
        url: msUrl,
        payload: { version: m.version, progress: 50 },
      })
    ).json();
    expect(m.milestones[0].progress).toBe(50);
    expect(m.progress).toBe(50);

    // complete: short of 100 % needs a note
    const short = await step('lead', m.id, 'complete', { version: m.version });
    expect(short.statusCode).toBe(422);
    expect(short.json().error.details).toMatchObject({ field: 'comment', openMilestones: 1 });
    m = (
      await t.as('lead@demo.local', {
        method: 'PATCH',
        url: msUrl,
        payload: { version: m.version, progress: 100 },
      })
    ).json();
    expect(m.milestones[0].doneAt).not.toBeNull();
    m = (await step('lead', m.id, 'complete', { version: m.version })).json();
    expect(m.status).toBe('DONE');
    expect(
      await t.prisma.notification.count({
        where: { entityId: m.id, type: 'MEASURE_DONE', userId: users.manager },
      }),
    ).toBe(1);

    // evaluate: a manager only; the figures are frozen
    expect((await step('lead', m.id, 'evaluate', { version: m.version })).statusCode).toBe(403);
    m = (await step('manager', m.id, 'evaluate', { version: m.version, comment: 'Looks fine' })).json();
    expect(m.status).toBe('EVALUATED');
    expect(m.effect).toMatchObject({ frozen: true, startDay: '2026-03-18' });
    expect(m.outcome).toBe(m.effect.outcome);
    expect(m.timeline.map((x: { action: string }) => x.action)).toEqual([
      'CREATE',
      'APPROVE',
      'START',
      'PROGRESS',
      'PROGRESS',
      'DONE',
      'EVALUATE',
    ]);
    const audits = await t.prisma.auditLog.findMany({ where: { entityId: m.id }, select: { action: true } });
    expect(audits.map((a) => a.action)).toEqual(
      expect.arrayContaining([
        'MEASURE_CREATE',
        'MEASURE_APPROVE',
        'MEASURE_START',
        'MEASURE_COMPLETE',
        'MEASURE_EVALUATE',
      ]),
    );
  });

  it('turns a weekly meeting decision into a measure once, linking both in one write', async () => {
    const week = '2026-W11';
    const meeting = await t.as('manager@demo.local', {
      method: 'PUT',
      url: `/api/churn/meetings/${week}`,
      payload: {
        heldOn: '2026-03-13',
        minutes: 'Dropouts after the schedule change',
        decisions: [{ text: 'Call every dropped-out student' }, { text: 'Review the evening schedule' }],
        version: 0,
      },
    });
    expect(meeting.statusCode).toBe(200);
    const before = await t.prisma.improvementMeasure.count();

    const outOfRange = await create('lead', { fromDecision: { week, index: 2 } });
    expect(outOfRange.statusCode).toBe(400);
    expect(outOfRange.json().error.details[0].path).toBe('fromDecision.index');
    const noMeeting = await create('lead', { fromDecision: { week: '2026-W01', index: 0 } });
    expect(noMeeting.statusCode).toBe(404);
    expect(await t.prisma.improvementMeasure.count()).toBe(before);

    const made = await create('lead', {
      title: 'Review the evening schedule',
      fromDecision: { week, index: 1 },
    });
    expect(made.statusCode).toBe(201);
    expect(made.json().meetingWeek).toBe(week);
    const after = await t.as('manager@demo.local', { method: 'GET', url: `/api/churn/weekly?week=${week}` });
    expect(after.json().meeting.decisions).toEqual([
      { text: 'Call every dropped-out student', measureId: null },
      { text: 'Review the evening schedule', measureId: made.json().id },
    ]);
    expect(after.json().meeting.version).toBe(2);

    const again = await create('manager', { fromDecision: { week, index: 1 } });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.details).toEqual({ measureId: made.json().id });
    expect(await t.prisma.improvementMeasure.count()).toBe(before + 1);
  });

  it('sends a draft back with a comment, and edits a draft with its version', async () => {
    const m = (await create('manager', {})).json();
    expect((await step('manager', m.id, 'reject', { version: m.version })).statusCode).toBe(400);
    const back = (
      await step('manager', m.id, 'reject', { version: m.version, comment: 'Name a deadline per step' })
    ).json();
    expect(back.status).toBe('DRAFT');
    expect(back.timeline.at(-1)).toMatchObject({ action: 'REJECT', comment: 'Name a deadline per step' });
    const edited = await t.as('lead@demo.local', {
      method: 'PATCH',
      url: `/api/improvement-measures/${m.id}`,
      payload: {
        version: back.version,
        title: 'Better title',
        milestones: [
          { id: back.milestones[0].id, title: 'Script written', dueDay: '2026-03-26' },
          { title: 'Calls made', dueDay: '2026-04-10' },
        ],
        target: { segments: ['STUDENT'], stages: ['DROPPED_OUT'] },
      },
    });
    expect(edited.statusCode).toBe(200);
    expect(edited.json().milestones.map((x: { dueDay: string }) => x.dueDay)).toEqual([
      '2026-03-26',
      '2026-04-10',
    ]);
    const stale = await t.as('lead@demo.local', {
      method: 'PATCH',
      url: `/api/improvement-measures/${m.id}`,
      payload: { version: back.version, title: 'Again' },
    });
    expect(stale.statusCode).toBe(409);
  });

  it('refuses an owner who is not an active user of the organisation, and unknown ids', async () => {
    await t.prisma.user.update({ where: { id: users.caller3 }, data: { active: false } });
    const res = await create('lead', { ownerId: users.caller3 });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.details).toMatchObject({ field: 'ownerId' });
    await t.prisma.user.update({ where: { id: users.caller3 }, data: { active: true } });
    expect((await create('lead', { ownerId: '00000000-0000-7000-8000-000000000000' })).statusCode).toBe(422);
    const missing = await t.as('manager@demo.local', {
      method: 'GET',
      url: '/api/improvement-measures/00000000-0000-7000-8000-000000000000',
    });
    expect(missing.statusCode).toBe(404);
  });

  it('shows a handler their department’s measures and their own only', async () => {
    const teaching = (
      await create('lead', { departmentId: depts.TEACHING, ownerId: users.supervisor })
    ).json();
    const own = (await create('lead', { departmentId: depts.SERVICE, ownerId: users.handler })).json();
    const seen = await t.as('handler@demo.local', {
      method: 'GET',
      url: '/api/improvement-measures?size=200',
    });
    const ids = seen.json().items.map((x: { id: string }) => x.id);
    expect(ids).toContain(teaching.id);
    expect(ids).toContain(own.id);
    const other = await t.as('handler2@demo.local', {
      method: 'GET',
      url: `/api/improvement-measures/${teaching.id}`,
    });
    expect(other.statusCode).toBe(404);
    const filtered = await t.as('manager@demo.local', {
      method: 'GET',
      url: `/api/improvement-measures?departmentId=${depts.TEACHING}&status=DRAFT&size=200`,
    });
    expect(
      filtered.json().items.every((x: { departmentId: string }) => x.departmentId === depts.TEACHING),
    ).toBe(true);
  });

  it('is overdue from the end of its deadline day, then escalates to the head and to management; one criticism', async () => {
    const m = (await create('lead', { deadline: '2026-03-17', departmentId: depts.TEACHING })).json();
    await step('manager', m.id, 'approve', { version: m.version });
    const end = startOfDay('2026-03-18', tz); // the end of 17 March, organisation time
    await runMeasureChecks(t.prisma, new Date(end.getTime() - 1));
    let row = await t.prisma.improvementMeasure.findUniqueOrThrow({ where: { id: m.id } });
    expect(row.overdueAt).toBeNull();
    await runMeasureChecks(t.prisma, end);
    row = await t.prisma.improvementMeasure.findUniqueOrThrow({ where: { id: m.id } });
    expect(row.overdueAt?.toISOString()).toBe(end.toISOString());
    expect(row.escalationLevel).toBe(0);
    expect(
      await t.prisma.notification.count({
        where: { entityId: m.id, type: 'MEASURE_OVERDUE', userId: users.lead },
      }),
    ).toBe(1);
    // the list says so
    const list = await t.as('manager@demo.local', {
      method: 'GET',
      url: '/api/improvement-measures?overdue=true&size=200',
    });
    expect(list.json().items.map((x: { id: string }) => x.id)).toContain(m.id);

    const day = 86_400_000;
    await runMeasureChecks(t.prisma, new Date(end.getTime() + 3 * day - 1));
    expect(
      (await t.prisma.improvementMeasure.findUniqueOrThrow({ where: { id: m.id } })).escalationLevel,
    ).toBe(0);
    await runMeasureChecks(t.prisma, new Date(end.getTime() + 3 * day));
    expect(
      (await t.prisma.improvementMeasure.findUniqueOrThrow({ where: { id: m.id } })).escalationLevel,
    ).toBe(1);
    expect(
      await t.prisma.notification.count({
        where: { entityId: m.id, type: 'MEASURE_ESCALATED', userId: users.handler },
      }),
    ).toBe(1);
    await runMeasureChecks(t.prisma, new Date(end.getTime() + 7 * day));
    await runMeasureChecks(t.prisma, new Date(end.getTime() + 7 * day + 3600_000));
    expect(
      (await t.prisma.improvementMeasure.findUniqueOrThrow({ where: { id: m.id } })).escalationLevel,
    ).toBe(2);
    expect(
      await t.prisma.notification.count({
        where: { entityId: m.id, type: 'MEASURE_ESCALATED', userId: users.manager },
      }),
    ).toBe(1);
    const items = await t.prisma.incentiveItem.findMany({ where: { dedupeKey: `MEASURE_FAILED:${m.id}` } });
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      rule: 'MEASURE_FAILED',
      kind: 'PUBLIC_CRITICISM',
      status: 'PROPOSED',
      userId: users.lead,
      month: '2026-03',
    });
    expect(items[0]!.figures).toMatchObject({ measureId: m.id, failure: 'OVERDUE' });
    const reviews = await t.prisma.measureReview.findMany({
      where: { measureId: m.id, action: { in: ['OVERDUE', 'ESCALATE'] } },
    });
    expect(reviews.map((r) => r.body)).toEqual([{ level: 0 }, { level: 1 }, { level: 2 }]);
  });

  it('measures the effect on hand-made data, and a NOT_EFFECTIVE evaluation proposes a criticism once', async () => {
    // 40 new customers with no visits, tickets or churn cases of their own: only what the test adds counts
    const orgId = (await t.prisma.organization.findFirstOrThrow()).id;
    await t.prisma.customer.createMany({
      data: Array.from({ length: 40 }, (_, i) => ({
        organizationId: orgId,
        name: `效果测试${i}`,
        phone: `1990000${String(i).padStart(4, '0')}`,
        segment: 'STUDENT' as const,
        tier: 'MID' as const,
      })),
    });
    const free = await t.prisma.customer.findMany({
      where: { organizationId: orgId, name: { startsWith: '效果测试' } },
      select: { id: true },
    });
    expect(free).toHaveLength(40);
    await t.prisma.customer.updateMany({
      where: { id: { in: free.map((c) => c.id) } },
      data: { programme: 'MEAS-TEST' },
    });
    // before (2026-01-02 … 2026-01-31): 10 customers renewed, one of them twice; after: none; one referral after
    for (const [i, c] of free.slice(0, 10).entries()) {
      await recordEvent(t.prisma, {
        organizationId: orgId,
        customerId: c.id,
        kind: 'RENEWED',
        day: '2026-01-10',
        createdAt: TEST_NOW,
      });
      if (i === 0)
        await recordEvent(t.prisma, {
          organizationId: orgId,
          customerId: c.id,
          kind: 'RENEWED',
          day: '2026-01-31',
          createdAt: TEST_NOW,
        });
    }
    await recordEvent(t.prisma, {
      organizationId: orgId,
      customerId: free[0]!.id,
      kind: 'REFERRAL',
      day: '2026-02-01',
      createdAt: TEST_NOW,
    });
    // outside both windows: not counted
    await recordEvent(t.prisma, {
      organizationId: orgId,
      customerId: free[1]!.id,
      kind: 'RENEWED',
      day: '2026-01-01',
      createdAt: TEST_NOW,
    });
    await t.prisma.churnCase.create({
      data: {
        organizationId: orgId,
        customerId: free[2]!.id,
        status: 'CONFIRMED',
        stage: 'NOT_RENEWED',
        day: new Date('2026-02-15T00:00:00Z'),
        createdAt: TEST_NOW,
      },
    });

    const m = (
      await create('lead', {
        target: { programme: 'MEAS-TEST' },
        startDay: '2026-02-01',
        windowDays: 30,
        deadline: '2026-04-30',
      })
    ).json();
    const eff = (
      await t.as('manager@demo.local', { method: 'GET', url: `/api/improvement-measures/${m.id}/effect` })
    ).json();
    expect(eff.frozen).toBe(false);
    expect(eff.customers).toBe(40);
    expect(eff.windows.before).toEqual({ from: '2026-01-02', to: '2026-01-31', days: 30 });
    expect(eff.windows.after).toEqual({ from: '2026-02-01', to: '2026-03-02', days: 30 });
    const by = Object.fromEntries(eff.metrics.map((x: { metric: string }) => [x.metric, x]));
    expect(by.satisfaction).toMatchObject({
      beforeSample: 0,
      afterSample: 0,
      verdict: 'INCONCLUSIVE',
      why: 'FEW_VISITS',
    });
    expect(by.renewal).toMatchObject({
      beforeCount: 10,
      afterCount: 0,
      before: 2500,
      after: 0,
      verdict: 'WORSENED',
    });
    expect(by.referral).toMatchObject({ beforeCount: 0, afterCount: 1, verdict: 'IMPROVED' });
    expect(by.churn).toMatchObject({ beforeCount: 0, afterCount: 1, verdict: 'WORSENED' });
    expect(by.complaints).toMatchObject({ beforeCount: 0, afterCount: 0, verdict: 'UNCHANGED' });
    expect(eff.outcome).toBe('NOT_EFFECTIVE');

    // through the workflow to the evaluation
    let d = (await step('manager', m.id, 'approve', { version: m.version })).json();
    d = (await step('lead', m.id, 'start', { version: d.version })).json();
    expect(d.startDay).toBe('2026-02-01');
    d = (await step('lead', m.id, 'complete', { version: d.version, comment: 'Skipped the script' })).json();
    d = (await step('manager', m.id, 'evaluate', { version: d.version })).json();
    expect(d.outcome).toBe('NOT_EFFECTIVE');
    const items = await t.prisma.incentiveItem.findMany({ where: { dedupeKey: `MEASURE_FAILED:${m.id}` } });
    expect(items).toHaveLength(1);
    expect(items[0]!.figures).toMatchObject({ failure: 'NOT_EFFECTIVE', measureNumber: m.number });
    expect(items[0]!.remediationDueAt).not.toBeNull();
    // the frozen figures stay, whatever happens later
    await recordEvent(t.prisma, {
      organizationId: orgId,
      customerId: free[5]!.id,
      kind: 'RENEWED',
      day: '2026-02-10',
      createdAt: TEST_NOW,
    });
    const frozen = (
      await t.as('manager@demo.local', { method: 'GET', url: `/api/improvement-measures/${m.id}/effect` })
    ).json();
    expect(frozen.frozen).toBe(true);
    expect(frozen.metrics.find((x: { metric: string }) => x.metric === 'renewal').afterCount).toBe(0);
  });

  it('targets the customers of its reasons and linked cases, each once though in two stages', async () => {
    const reason = await t.prisma.churnReason.create({
      data: { organizationId: orgId, category: 'MARKET', label: '测试原因', createdAt: TEST_NOW },
    });
    const made = await Promise.all(
      [0, 1, 2].map((i) =>
        t.prisma.customer.create({
          data: {
            organizationId: orgId,
            name: `两阶段${i}`,
            phone: `1980000000${i}`,
            segment: 'STUDENT',
            tier: 'MID',
          },
        }),
      ),
    );
    const [a, b, c] = made.map((x) => x.id);
    const kase = (
      customerId: string,
      stage: string,
      status = 'CONFIRMED',
      reasonId: string | null = reason.id,
    ) =>
      t.prisma.churnCase.create({
        data: {
          organizationId: orgId,
          customerId,
          status,
          stage,
          reasonId,
          day: new Date('2026-02-20T00:00:00Z'),
          createdAt: TEST_NOW,
        },
      });
    await kase(a!, 'DROPPED_OUT');
    await kase(a!, 'REFUNDED'); // the same customer in a second stage
    await kase(b!, 'NOT_RENEWED', 'SUGGESTED'); // not confirmed: not a target
    const linked = await kase(c!, 'REFUNDED', 'CONFIRMED', null); // no reason, but linked to the measure
    const m = (
      await create('lead', {
        reasonIds: [reason.id],
        caseIds: [linked.id],
        startDay: '2026-02-01',
        windowDays: 30,
      })
    ).json();
    const eff = (
      await t.as('manager@demo.local', { method: 'GET', url: `/api/improvement-measures/${m.id}/effect` })
    ).json();
    expect(eff.customers).toBe(2);
    const churn = eff.metrics.find((x: { metric: string }) => x.metric === 'churn');
    expect(churn).toMatchObject({
      beforeCount: 0,
      afterCount: 2,
      verdict: 'INCONCLUSIVE',
      why: 'FEW_CUSTOMERS',
    });
    // a stage named in the target narrows it
    const narrowed = (
      await create('lead', {
        reasonIds: [reason.id],
        target: { stages: ['DROPPED_OUT'] },
        startDay: '2026-02-01',
        windowDays: 30,
      })
    ).json();
    const eff2 = (
      await t.as('manager@demo.local', {
        method: 'GET',
        url: `/api/improvement-measures/${narrowed.id}/effect`,
      })
    ).json();
    expect(eff2.customers).toBe(1);
  });

  it('proposes a special award once when a key customer of a linked case came back', async () => {
    const [customer] = await t.prisma.customer.findMany({
      where: { tier: 'HIGH' },
      take: 1,
      orderBy: { id: 'asc' },
    });
    const c = await t.prisma.churnCase.create({
      data: {
        organizationId: orgId,
        customerId: customer!.id,
        status: 'CONFIRMED',
        stage: 'DROPPED_OUT',
        day: new Date('2026-02-20T00:00:00Z'),
        createdAt: TEST_NOW,
      },
    });
    const m = (await create('lead', { caseIds: [c.id] })).json();
    let d = (await step('manager', m.id, 'approve', { version: m.version })).json();
    d = (await step('lead', m.id, 'start', { version: d.version })).json();
    await runMeasureChecks(t.prisma, TEST_NOW);
    expect(await t.prisma.incentiveItem.count({ where: { rule: 'KEY_CUSTOMER_RETAINED' } })).toBe(0);
    await recordEvent(t.prisma, {
      organizationId: orgId,
      customerId: customer!.id,
      kind: 'ENROLLED',
      day: '2026-03-10',
      createdAt: TEST_NOW,
    });
    await runMeasureChecks(t.prisma, TEST_NOW);
    await runMeasureChecks(t.prisma, new Date(TEST_NOW.getTime() + 3600_000));
    const items = await t.prisma.incentiveItem.findMany({ where: { rule: 'KEY_CUSTOMER_RETAINED' } });
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      kind: 'BONUS',
      status: 'PROPOSED',
      userId: users.lead,
      month: '2026-03',
    });
    expect(items[0]!.figures).toMatchObject({ measureId: m.id, caseId: c.id, backOn: '2026-03-10' });
    expect(addDays('2026-03-10', 0)).toBe('2026-03-10');
  });
});

// The daily run (docs/rules.md#r-cad-4-the-daily-run): events → tasks under standing rules, on the
// right days, once; nothing from rules not approved; cancelled events taken back; refusals kept out.
import { zonedTime } from '@huifang/domain';
import { beforeAll, describe, expect, it } from 'vitest';
import { fixtureBase, recordEvent, setupTestApp } from '../../../test/helper.ts';
import { runCadence, runCadenceFor } from './run.ts';

const TZ = 'Asia/Shanghai';
/** 09:00 on a day in the organisation's timezone: the instant a run is handed. */
const at = (day: string) => zonedTime(day, '09:00', TZ);

describe('the daily run of the cadence rules', async () => {
  const t = await setupTestApp();
  const base = await fixtureBase(t.prisma, 8);
  const org = { id: base.orgId, timezone: TZ };
  const [c1, c2, c3, c4, c5, c6, c7] = base.customers.map((c) => c.id);
  const req = (email: string, url: string, payload: object) =>
    t.as(`${email}@demo.local`, { method: 'POST', url, payload });
  const rule = (code: string) =>
    t.prisma.cadenceRule.findFirstOrThrow({ where: { organizationId: org.id, code } });
  const approve = async (code: string) => {
    const r = await rule(code);
    expect((await req('admin', `/api/cadence-rules/${r.id}/submit`, { version: r.version })).statusCode).toBe(
      200,
    );
    expect(
      (await req('manager', `/api/cadence-rules/${r.id}/approve`, { version: r.version + 1 })).statusCode,
    ).toBe(200);
    return r.id;
  };
  const event = (customerId: string, kind: string, day: string) =>
    recordEvent(t.prisma, { organizationId: org.id, customerId, kind, day, createdAt: at(day) });
  const tasksOf = (customerId: string) =>
    t.prisma.task.findMany({ where: { customerId, planId: null }, orderBy: { dueDate: 'asc' } });
  const day = (d: Date) => d.toISOString().slice(0, 10);

  beforeAll(async () => {
    // a discharge the day before the rules are approved: the discharge rule is never approved
    await event(c1!, 'DISCHARGE', '2026-04-01');
  });

  it('makes nothing from rules not approved', async () => {
    const r = await runCadenceFor(t.prisma, org, at('2026-04-02'));
    expect(r).toMatchObject({ day: '2026-04-02', due: 0, tasks: 0 });
    expect(await tasksOf(c1!)).toEqual([]);
  });

  it('gives the surgery visits to a caller on their due days, each once, the next one after the first is done', async () => {
    const ruleId = await approve('SURGERY_3D_1W_1M');
    const surgery = await event(c2!, 'SURGERY', '2026-04-10');
    // the day of the surgery: nothing due yet
    expect((await runCadenceFor(t.prisma, org, at('2026-04-10'))).tasks).toBe(0);
    const first = await runCadenceFor(t.prisma, org, at('2026-04-11'));
    expect(first).toMatchObject({ day: '2026-04-11', due: 1, tasks: 1 });
    const [task] = await tasksOf(c2!);
    expect(day(task!.dueDate)).toBe('2026-04-11');
    expect([day(task!.windowFrom), day(task!.windowTo)]).toEqual(['2026-04-11', '2026-04-13']);
    expect(task).toMatchObject({ status: 'PENDING', channel: 'PHONE', planId: null });
    const caller = await t.prisma.user.findUniqueOrThrow({ where: { id: task!.assigneeId } });
    expect(caller.role).toBe('CALLER');
    const assignment = await t.prisma.taskAssignment.findFirstOrThrow({ where: { taskId: task!.id } });
    expect(assignment).toMatchObject({
      reason: 'CADENCE_RULE',
      byUserId: base.users.manager,
      toUserId: caller.id,
    });
    expect(
      await t.prisma.notification.count({ where: { userId: caller.id, type: 'TASK_FROM_RULE' } }),
    ).toBeGreaterThan(0);
    expect(await t.prisma.cadenceVisit.findMany({ where: { eventId: surgery.id } })).toMatchObject([
      { ruleId, key: `${ruleId}:${surgery.id}:d3`, status: 'TASK', taskId: task!.id, ruleVersion: 1 },
    ]);

    // the same day again, and the next: nothing more
    expect((await runCadenceFor(t.prisma, org, at('2026-04-11'))).tasks).toBe(0);
    expect((await runCadenceFor(t.prisma, org, at('2026-04-12'))).tasks).toBe(0);
    // day 4: the week visit is due, but the customer's first task is still open: it waits
    const waiting = await runCadenceFor(t.prisma, org, at('2026-04-14'));
    expect(waiting).toMatchObject({ due: 1, tasks: 0, postponed: 1 });
    await t.prisma.task.update({
      where: { id: task!.id },
      data: { status: 'DONE', doneAt: at('2026-04-14') },
    });
    const second = await runCadenceFor(t.prisma, org, at('2026-04-15'));
    expect(second).toMatchObject({ tasks: 1 });
    const tasks = await tasksOf(c2!);
    // found a day into its window: due that day, its window as the rule says
    expect(tasks.map((x) => [day(x.dueDate), day(x.windowFrom), day(x.windowTo)])).toEqual([
      ['2026-04-11', '2026-04-11', '2026-04-13'],
      ['2026-04-15', '2026-04-14', '2026-04-17'],
    ]);
  });

  it('takes back the open task of a cancelled event, and keeps refusing customers out', async () => {
    const e = await event(c3!, 'SURGERY', '2026-05-01');
    expect((await runCadenceFor(t.prisma, org, at('2026-05-02'))).tasks).toBe(1);
    await t.prisma.customerEvent.update({ where: { id: e.id }, data: { cancelledAt: at('2026-05-02') } });
    const r = await runCadenceFor(t.prisma, org, at('2026-05-03'));
    expect(r.withdrawn).toBe(1);
    expect((await tasksOf(c3!)).map((x) => x.status)).toEqual(['CANCELLED']);
    expect(await t.prisma.cadenceVisit.findFirst({ where: { eventId: e.id } })).toMatchObject({
      status: 'WITHDRAWN',
      reason: 'EVENT_CANCELLED',
    });

    await t.prisma.customer.update({ where: { id: c4! }, data: { refusesVisits: true } });
    const refused = await event(c4!, 'SURGERY', '2026-05-01');
    const s = await runCadenceFor(t.prisma, org, at('2026-05-03'));
    expect(s).toMatchObject({ suppressed: 1, tasks: 0 });
    expect(await tasksOf(c4!)).toEqual([]);
    expect(await t.prisma.cadenceVisit.findFirst({ where: { eventId: refused.id } })).toMatchObject({
      status: 'SUPPRESSED',
      reason: 'REFUSED_VISITS',
    });

    // a customer whose abuse of staff was confirmed (visits paused) is kept out the same way
    // (docs/rules.md#r-disc-2-customer-abuse-reports)
    await t.prisma.customer.update({ where: { id: c7! }, data: { visitsPausedAt: at('2026-05-02') } });
    const paused = await event(c7!, 'SURGERY', '2026-05-01');
    expect(await runCadenceFor(t.prisma, org, at('2026-05-03'))).toMatchObject({ suppressed: 1, tasks: 0 });
    expect(await tasksOf(c7!)).toEqual([]);
    expect(await t.prisma.cadenceVisit.findFirst({ where: { eventId: paused.id } })).toMatchObject({
      status: 'SUPPRESSED',
      reason: 'REFUSED_VISITS',
    });
  });

  it('gives a manager the visits of a rule that says so, and an event recorded late still gets its visit', async () => {
    const r = await rule('COMPLAINT_3D_50');
    const definition = { ...(r.draft as object), doer: 'MANAGER', shareBp: 10_000 };
    expect(
      (
        await t.as('admin@demo.local', {
          method: 'PATCH',
          url: `/api/cadence-rules/${r.id}`,
          payload: { version: r.version, definition },
        })
      ).statusCode,
    ).toBe(200);
    const after = await rule('COMPLAINT_3D_50');
    await req('admin', `/api/cadence-rules/${r.id}/submit`, { version: after.version });
    await req('manager', `/api/cadence-rules/${r.id}/approve`, { version: after.version + 1 });
    // closed on 1 June, recorded on the 3rd: its window (2–4 June) is still open
    await event(c5!, 'COMPLAINT_CLOSED', '2026-06-01');
    const res = (await runCadence(t.prisma, at('2026-06-03'))).find((x) => x.organizationId === org.id)!;
    expect(res.tasks).toBe(1);
    const [task] = await tasksOf(c5!);
    expect(day(task!.dueDate)).toBe('2026-06-03');
    expect(task!.assigneeId).toBe(base.users.manager);
    // after its window, a late event asks for nothing
    await event(c1!, 'COMPLAINT_CLOSED', '2026-06-01');
    expect((await runCadenceFor(t.prisma, org, at('2026-06-05'))).tasks).toBe(0);
  });

  it('gives the visit of an event recorded through the API at once when it is due today', async () => {
    await approve('CONSULTATION_3D');
    // today is 18 March (test/clock.ts): a consultation on the 16th is in its window (17–19 March)
    const res = await req('lead', '/api/customer-events', {
      customerId: c6!,
      kind: 'CONSULTATION',
      day: '2026-03-16',
    });
    expect(res.statusCode, res.body).toBe(201);
    const [task] = await tasksOf(c6!);
    expect(task && [day(task.dueDate), day(task.windowFrom), day(task.windowTo)]).toEqual([
      '2026-03-18',
      '2026-03-17',
      '2026-03-19',
    ]);
  });
});

// The week's figures of the rules (docs/rules.md#r-cad-9-weekly-figures): visits by their due day in
// an ISO week, what became of them, the survey links sent that week on their tasks (organisation days:
// Sunday 23:30 is last week, Monday 00:10 this one), a week across the year end (2026-W53 / 2027-W01),
// the 8-week trend, the current week by default, and bad weeks → 400.
import { randomUUID } from 'node:crypto';
import { zonedTime } from '@huifang/domain';
import { beforeAll, describe, expect, it } from 'vitest';
import { TEST_NOW, testClock } from '../../../test/clock.ts';
import { fixtureBase, setupTestApp } from '../../../test/helper.ts';

const TZ = 'Asia/Shanghai';
const at = (day: string, time: string) => zonedTime(day, time, TZ);
const d = (day: string) => new Date(`${day}T00:00:00Z`);
type TaskStatus = 'PENDING' | 'DONE' | 'UNREACHABLE';
type VisitStatus = 'TASK' | 'SUPPRESSED' | 'POSTPONED' | 'WITHDRAWN' | 'PLANNED';

describe('weekly figures of the rules', async () => {
  const t = await setupTestApp();
  const base = await fixtureBase(t.prisma, 20);
  const org = base.orgId;
  const [ruleA, ruleB] = await t.prisma.cadenceRule.findMany({
    where: { organizationId: org },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    take: 2,
  });
  const customer = base.customers[0]!.id;
  const get = (q = '', who = 'manager') =>
    t.as(`${who}@demo.local`, { method: 'GET', url: `/api/cadence-rules/weekly${q}` });

  const task = (day: string, status: TaskStatus) =>
    t.prisma.task.create({
      data: {
        organizationId: org,
        customerId: customer,
        assigneeId: base.users.caller1!,
        purpose: 'weekly',
        channel: 'PHONE',
        windowFrom: d(day),
        windowTo: d(day),
        dueDate: d(day),
        status,
        doneAt: status === 'PENDING' ? null : at(day, '12:00'),
      },
    });
  const visit = async (rule: { id: string }, day: string, status: VisitStatus, taskStatus?: TaskStatus) => {
    const made = status === 'TASK' ? await task(day, taskStatus!) : null;
    await t.prisma.cadenceVisit.create({
      data: {
        organizationId: org,
        ruleId: rule.id,
        ruleVersion: 1,
        eventId: randomUUID(),
        customerId: customer,
        key: `weekly:${randomUUID()}`,
        dueDay: d(day),
        windowEnd: d(day),
        status,
        taskId: made?.id ?? null,
        createdAt: at(day, '08:00'),
        updatedAt: at(day, '08:00'),
      },
    });
    return made;
  };
  const link = (taskId: string, sentAt: Date, answered: boolean) =>
    t.prisma.surveyLink.create({
      data: {
        organizationId: org,
        taskId,
        customerId: customer,
        channel: 'SMS',
        sentTo: '138****0000',
        tokenHash: randomUUID(),
        baseUrl: 'http://localhost',
        language: 'zh-CN',
        sentById: base.users.caller1!,
        sentAt,
        expiresAt: new Date(sentAt.getTime() + 72 * 3600_000),
        answeredAt: answered ? new Date(sentAt.getTime() + 3600_000) : null,
      },
    });

  beforeAll(async () => {
    // rule A, 2026-W53 (Mon 2026-12-28 … Sun 2027-01-03)
    const a1 = await visit(ruleA!, '2026-12-28', 'TASK', 'DONE');
    const a2 = await visit(ruleA!, '2027-01-03', 'TASK', 'UNREACHABLE');
    const a3 = await visit(ruleA!, '2026-12-30', 'TASK', 'PENDING');
    await visit(ruleA!, '2026-12-31', 'SUPPRESSED');
    await visit(ruleA!, '2027-01-01', 'POSTPONED');
    // either side of the week
    const a6 = await visit(ruleA!, '2027-01-04', 'TASK', 'DONE');
    await visit(ruleA!, '2026-12-27', 'WITHDRAWN');
    // rule B
    await visit(ruleB!, '2026-12-29', 'WITHDRAWN');
    await visit(ruleB!, '2027-01-02', 'PLANNED');
    const b3 = await visit(ruleB!, '2026-12-29', 'TASK', 'DONE');
    // links: Sunday 23:30 is W52, Monday 00:10 is W53
    await link(a1!.id, at('2026-12-27', '23:30'), true);
    await link(a3!.id, at('2026-12-28', '00:10'), false);
    await link(a2!.id, at('2027-01-03', '23:59'), true);
    await link(b3!.id, at('2026-12-29', '10:00'), true);
    await link(a6!.id, at('2027-01-04', '00:10'), false);
    // a planned task (no rule): outside the rules
    const planned = await task('2026-12-30', 'DONE');
    await link(planned.id, at('2026-12-30', '10:00'), true);
  });

  const zero = {
    due: 0,
    made: 0,
    done: 0,
    unreachable: 0,
    suppressed: 0,
    postponed: 0,
    withdrawn: 0,
    planned: 0,
    linksSent: 0,
    linksAnswered: 0,
  };

  it('counts the week per rule and in total, the links on local days, the response rate exactly', async () => {
    const res = await get('?week=2026-W53');
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({ week: '2026-W53', first: '2026-12-28', last: '2027-01-03', timezone: TZ });
    const of = (id: string) => body.rules.find((r: { id: string }) => r.id === id);
    expect(of(ruleA!.id)).toEqual({
      id: ruleA!.id,
      name: expect.any(String),
      ...zero,
      due: 5,
      made: 3,
      done: 1,
      unreachable: 1,
      suppressed: 1,
      postponed: 1,
      linksSent: 2,
      linksAnswered: 1,
      responseRate: { num: 1, den: 2, bp: 5000 },
    });
    expect(of(ruleB!.id)).toEqual({
      id: ruleB!.id,
      name: expect.any(String),
      ...zero,
      due: 3,
      made: 1,
      done: 1,
      withdrawn: 1,
      planned: 1,
      linksSent: 1,
      linksAnswered: 1,
      responseRate: { num: 1, den: 1, bp: 10000 },
    });
    expect(body.total).toEqual({
      due: 8,
      made: 4,
      done: 2,
      unreachable: 1,
      suppressed: 1,
      postponed: 1,
      withdrawn: 1,
      planned: 1,
      linksSent: 3,
      linksAnswered: 2,
      responseRate: { num: 2, den: 3, bp: 6667 },
    });
    expect(body.outsideRules).toEqual({
      linksSent: 1,
      linksAnswered: 1,
      responseRate: { num: 1, den: 1, bp: 10000 },
    });
    // every other rule listed has nothing, its rate unmeasured
    for (const r of body.rules.filter((x: { id: string }) => x.id !== ruleA!.id && x.id !== ruleB!.id))
      expect(r).toMatchObject({ ...zero, responseRate: { num: 0, den: 0, bp: null } });
    // the trend: 8 weeks, oldest first, this week last
    expect(body.trend.map((w: { week: string }) => w.week)).toEqual([
      '2026-W46',
      '2026-W47',
      '2026-W48',
      '2026-W49',
      '2026-W50',
      '2026-W51',
      '2026-W52',
      '2026-W53',
    ]);
    expect(body.trend[7]).toEqual({ week: '2026-W53', first: '2026-12-28', ...body.total });
    expect(body.trend[6]).toEqual({
      week: '2026-W52',
      first: '2026-12-21',
      ...zero,
      due: 1,
      withdrawn: 1,
      linksSent: 1,
      linksAnswered: 1,
      responseRate: { num: 1, den: 1, bp: 10000 },
    });
    expect(body.trend[0]).toMatchObject({ ...zero, responseRate: { bp: null } });
  });

  it('reads 2027-W01 after 2026-W53 across the year end', async () => {
    const body = (await get('?week=2027-W01')).json();
    expect(body).toMatchObject({ week: '2027-W01', first: '2027-01-04', last: '2027-01-10' });
    expect(body.total).toEqual({
      ...zero,
      due: 1,
      made: 1,
      done: 1,
      linksSent: 1,
      linksAnswered: 0,
      responseRate: { num: 0, den: 1, bp: 0 },
    });
    expect(body.trend[0].week).toBe('2026-W47');
    expect(body.trend[6]).toMatchObject({ week: '2026-W53', due: 8, linksSent: 3 });
    expect(body.trend[5]).toMatchObject({ week: '2026-W52', due: 1 });
  });

  it('defaults to the current week of the organisation from the request’s now', async () => {
    // Sunday 3 January 2027 23:30 in Shanghai (15:30 UTC): still 2026-W53
    testClock.set(at('2027-01-03', '23:30'));
    await t.login('manager@demo.local'); // a session of this instant
    expect((await get()).json()).toMatchObject({ week: '2026-W53', total: { due: 8 } });
    // Monday 00:10: 2027-W01 (Sunday 16:10 UTC)
    testClock.set(at('2027-01-04', '00:10'));
    expect((await get()).json()).toMatchObject({ week: '2027-W01', total: { due: 1 } });
    testClock.set(TEST_NOW);
    await t.login('manager@demo.local');
  });

  it('refuses what is not an ISO week, and those without cadence:read', async () => {
    for (const bad of ['2025-W53', '2026-W54', '2026-W00', '2026-49', 'W53', '2026-W5'])
      expect((await get(`?week=${bad}`)).statusCode, bad).toBe(400);
    expect((await get('?week=2026-W53', 'caller1')).statusCode).toBe(403);
    expect((await get('?week=2026-W53', 'lead')).statusCode).toBe(200);
  });
});

// The contact policy in the daily run (docs/rules.md#r-cad-6-contact-policy): the cap across every
// rule and plan postpones a visit to the day it frees up, or suppresses it when that day is past its
// window; every visit not made is listed with its reason for the lead; the policy's own API.
import { zonedTime } from '@huifang/domain';
import { beforeAll, describe, expect, it } from 'vitest';
import { fixtureBase, recordEvent, setupTestApp } from '../../../test/helper.ts';
import { runCadenceFor } from './run.ts';

const TZ = 'Asia/Shanghai';
const at = (day: string, time = '09:00') => zonedTime(day, time, TZ);

describe('the contact policy', async () => {
  const t = await setupTestApp();
  const base = await fixtureBase(t.prisma, 20);
  const org = { id: base.orgId, timezone: TZ };
  const [a, b, c, d] = (
    await t.prisma.customer.findMany({
      where: { id: { in: base.customers.map((x) => x.id) }, refusesVisits: false },
      orderBy: { id: 'asc' },
      select: { id: true },
    })
  ).map((x) => x.id);
  const as = (who: string, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) =>
    t.as(`${who}@demo.local`, { method, url, ...(payload ? { payload } : {}) });
  const event = (customerId: string, kind: string, day: string) =>
    recordEvent(t.prisma, { organizationId: org.id, customerId, kind, day, createdAt: at(day) });
  /** a finished plan-like task with one logged attempt on `day` (a contact, unless a wrong number) */
  const contact = async (customerId: string, day: string, outcome = 'COMPLETED') => {
    const task = await t.prisma.task.create({
      data: {
        organizationId: org.id,
        customerId,
        assigneeId: base.users.caller1!,
        purpose: 'test',
        channel: 'PHONE',
        windowFrom: new Date(`${day}T00:00:00Z`),
        windowTo: new Date(`${day}T00:00:00Z`),
        dueDate: new Date(`${day}T00:00:00Z`),
        status: 'DONE',
        doneAt: at(day, '10:00'),
      },
    });
    await t.prisma.visitRecord.create({
      data: {
        organizationId: org.id,
        taskId: task.id,
        callerId: base.users.caller1!,
        customerId,
        startedAt: at(day, '10:00'),
        channel: 'PHONE',
        outcome: outcome as 'COMPLETED',
        original: {},
      },
    });
  };
  const visitsOf = (customerId: string) => t.prisma.cadenceVisit.findMany({ where: { customerId } });

  beforeAll(async () => {
    const r = await t.prisma.cadenceRule.findFirstOrThrow({
      where: { organizationId: org.id, code: 'SURGERY_3D_1W_1M' },
    });
    expect(
      (await as('admin', 'POST', `/api/cadence-rules/${r.id}/submit`, { version: r.version })).statusCode,
    ).toBe(200);
    expect(
      (await as('manager', 'POST', `/api/cadence-rules/${r.id}/approve`, { version: r.version + 1 }))
        .statusCode,
    ).toBe(200);
  });

  it('is the defaults until changed, read by everyone, changed by an administrator or a manager only', async () => {
    const mine = await as('caller1', 'GET', '/api/contact-policy');
    expect(mine.statusCode).toBe(200);
    expect(mine.json()).toMatchObject({
      maxContacts: 2,
      windowDays: 30,
      quietFrom: '21:00',
      quietTo: '09:00',
      version: 0,
      updatedBy: null,
      canEdit: false,
    });
    expect(
      (await as('caller1', 'PATCH', '/api/contact-policy', { version: 0, maxContacts: 5 })).statusCode,
    ).toBe(403);
    expect(
      (await as('lead', 'PATCH', '/api/contact-policy', { version: 0, maxContacts: 5 })).statusCode,
    ).toBe(403);
    expect((await as('admin', 'GET', '/api/contact-policy')).json().canEdit).toBe(true);
  });

  it('refuses bad values with the field named and changes nothing', async () => {
    for (const [payload, path] of [
      [{ version: 0, maxContacts: 0 }, 'maxContacts'],
      [{ version: 0, windowDays: 400 }, 'windowDays'],
      [{ version: 0, quietFrom: null }, 'quietFrom'],
      [{ version: 0, quietFrom: '08:00', quietTo: '08:00' }, 'quietTo'],
    ] as const) {
      const res = await as('admin', 'PATCH', '/api/contact-policy', payload);
      expect(res.statusCode, res.body).toBe(400);
      expect(JSON.stringify(res.json().error.details)).toContain(path);
    }
    for (const payload of [{ version: 0, quietFrom: '25:00' }, { version: 0, nope: 1 }, { maxContacts: 3 }]) {
      const res = await as('admin', 'PATCH', '/api/contact-policy', payload);
      expect(res.statusCode, res.body).toBe(400);
      expect(res.json().error.code).toBe('VALIDATION');
    }
    expect(await t.prisma.contactPolicy.count()).toBe(0);
  });

  it('keeps every change with a version: a stale one gets 409', async () => {
    const first = await as('manager', 'PATCH', '/api/contact-policy', { version: 0, maxContacts: 1 });
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({
      maxContacts: 1,
      windowDays: 30,
      version: 1,
      updatedBy: { id: base.users.manager },
    });
    const stale = await as('admin', 'PATCH', '/api/contact-policy', { version: 0, windowDays: 10 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('STALE_VERSION');
    const ok = await as('admin', 'PATCH', '/api/contact-policy', {
      version: 1,
      quietFrom: null,
      quietTo: null,
    });
    expect(ok.json()).toMatchObject({
      maxContacts: 1,
      windowDays: 30,
      quietFrom: null,
      quietTo: null,
      version: 2,
    });
    expect(await t.prisma.auditLog.count({ where: { action: 'CONTACT_POLICY_UPDATE' } })).toBe(2);
  });

  it('postpones a visit at the cap to the day it frees up, and suppresses it when that day is past its window', async () => {
    // one contact per 30 days (set above). a: contacted 1 Aug — free again 31 Aug, after the window
    await contact(a!, '2026-08-01');
    // b: contacted 8 July — free again 7 Aug, inside the window (6–8 Aug); a wrong number is no contact
    await contact(b!, '2026-07-08');
    await contact(b!, '2026-08-02', 'WRONG_NUMBER');
    await event(a!, 'SURGERY', '2026-08-05');
    await event(b!, 'SURGERY', '2026-08-05');
    const first = await runCadenceFor(t.prisma, org, at('2026-08-06'));
    expect(first).toMatchObject({ due: 2, tasks: 0, suppressed: 1, postponed: 1 });
    expect(await visitsOf(a!)).toMatchObject([{ status: 'SUPPRESSED', reason: 'CONTACT_CAP' }]);
    const [pb] = await visitsOf(b!);
    expect(pb).toMatchObject({ status: 'POSTPONED', reason: 'CONTACT_CAP', taskId: null });
    expect(pb!.notBefore!.toISOString().slice(0, 10)).toBe('2026-08-07');

    // the lead sees both, with their reasons
    const list = await as('lead', 'GET', '/api/cadence-visits?open=true');
    expect(list.statusCode, list.body).toBe(200);
    const mine = list
      .json()
      .items.filter((v: { customer: { id: string } }) => [a, b].includes(v.customer.id));
    expect(
      mine
        .map((v: { status: string; reason: string; notBefore: string | null }) => [
          v.status,
          v.reason,
          v.notBefore,
        ])
        .sort(),
    ).toEqual(
      [
        ['POSTPONED', 'CONTACT_CAP', '2026-08-07'],
        ['SUPPRESSED', 'CONTACT_CAP', '2026-08-31'],
      ].sort(),
    );
    expect(mine[0]).toMatchObject({
      eventKind: 'SURGERY',
      eventDay: '2026-08-05',
      dueDay: '2026-08-06',
      windowEnd: '2026-08-08',
    });
    expect((await as('caller1', 'GET', '/api/cadence-visits')).statusCode).toBe(403);

    // the same day again: still waiting; the next day it is made, once
    expect(await runCadenceFor(t.prisma, org, at('2026-08-06'))).toMatchObject({
      tasks: 0,
      postponed: 1,
      suppressed: 0,
    });
    expect(await runCadenceFor(t.prisma, org, at('2026-08-07'))).toMatchObject({ tasks: 1, postponed: 0 });
    const [made] = await visitsOf(b!);
    expect(made).toMatchObject({ status: 'TASK', reason: null });
    expect(made!.taskId).not.toBeNull();
    expect((await runCadenceFor(t.prisma, org, at('2026-08-07'))).tasks).toBe(0);
    const after = (await as('lead', 'GET', '/api/cadence-visits?status=POSTPONED')).json();
    expect(after.items.filter((v: { customer: { id: string } }) => v.customer.id === b)).toEqual([]);
  });

  it('records a visit waiting for an open task, and withdraws it when its event is cancelled', async () => {
    await t.prisma.task.create({
      data: {
        organizationId: org.id,
        customerId: c!,
        assigneeId: base.users.caller1!,
        purpose: 'plan',
        channel: 'PHONE',
        windowFrom: at('2026-09-01'),
        windowTo: at('2026-09-30'),
        dueDate: at('2026-09-30'),
      },
    });
    const e = await event(c!, 'SURGERY', '2026-09-10');
    expect(await runCadenceFor(t.prisma, org, at('2026-09-11'))).toMatchObject({ tasks: 0, postponed: 1 });
    expect(await visitsOf(c!)).toMatchObject([{ status: 'POSTPONED', reason: 'OPEN_TASK', notBefore: null }]);
    await t.prisma.customerEvent.update({
      where: { id: e.id },
      data: { cancelledAt: at('2026-09-11', '12:00') },
    });
    await runCadenceFor(t.prisma, org, at('2026-09-12'));
    expect(await visitsOf(c!)).toMatchObject([{ status: 'WITHDRAWN', reason: 'EVENT_CANCELLED' }]);
  });

  it('postpones when nobody can take the visit', async () => {
    await t.prisma.user.updateMany({
      where: { organizationId: org.id, role: 'CALLER' },
      data: { active: false },
    });
    try {
      await event(d!, 'SURGERY', '2026-10-10');
      expect(await runCadenceFor(t.prisma, org, at('2026-10-11'))).toMatchObject({ tasks: 0, postponed: 1 });
      expect(await visitsOf(d!)).toMatchObject([{ status: 'POSTPONED', reason: 'NO_DOER' }]);
    } finally {
      await t.prisma.user.updateMany({
        where: { organizationId: org.id, role: 'CALLER' },
        data: { active: true },
      });
    }
    expect(await runCadenceFor(t.prisma, org, at('2026-10-12'))).toMatchObject({ tasks: 1 });
    expect(await visitsOf(d!)).toMatchObject([{ status: 'TASK' }]);
  });
});

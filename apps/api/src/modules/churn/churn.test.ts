// The churn register end to end (docs/rules.md#r-churn-2-churn-cases … r-churn-4-win-back-visits):
// evidence written through the API or the services becomes one suggestion, confirmed, dismissed,
// won back; scope and versions. Today is 2026-03-18 in Asia/Shanghai (test/clock.ts).
import { CHURN_COMPLAINT_QUIET_DAYS, zonedTime } from '@huifang/domain';
import { describe, expect, it } from 'vitest';
import { TEST_NOW, testClock } from '../../../test/clock.ts';
import { demoUsers, setupTestApp } from '../../../test/helper.ts';
import { makeTask, orgContext, TZ } from '../tasks/test-fixtures.ts';
import { suggestChurnCases } from './suggest.ts';

type Case = {
  id: string;
  status: string;
  stage: string | null;
  day: string;
  customer: { id: string; name: string; phone: string } | null;
  reason: { id: string; category: string } | null;
  department: { id: string; name: string } | null;
  evidenceKind: string | null;
  evidenceId: string | null;
  evidence: Record<string, unknown>;
  winBackTask: { id: string; status: string; dueDate: string; assignee: { id: string } } | null;
  version: number;
};
type Page = { items: Case[]; total: number };

describe('the churn register', async () => {
  const t = await setupTestApp();
  const users = await demoUsers(t.prisma);
  const ctx = await orgContext(t.prisma, 40);
  const org = ctx.organizationId;
  const caller1 = users['caller1@demo.local']!.id;
  const depts = Object.fromEntries(
    (await t.prisma.department.findMany({ select: { id: true, kind: true } })).map((d) => [d.kind, d.id]),
  ) as Record<string, string>;
  const reasons = Object.fromEntries(
    (await t.prisma.churnReason.findMany({ select: { id: true, code: true } })).map((r) => [r.code, r.id]),
  ) as Record<string, string>;

  const as = (email: string, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) =>
    t.as(`${email}@demo.local`, { method, url, ...(payload ? { payload } : {}) });
  const casesOf = (customerId: string) =>
    t.prisma.churnCase.findMany({ where: { customerId }, orderBy: { createdAt: 'asc' } });
  /** a fresh customer with a task of caller1's (open unless said otherwise) */
  const customerWithTask = async (status: 'PENDING' | 'DONE' = 'PENDING') => {
    const customer = ctx.customer();
    const task = await makeTask(t.prisma, ctx, {
      assigneeId: caller1,
      customerId: customer.id,
      status,
      questionnaireId: null,
    });
    return { customer, task };
  };
  const logVisit = (taskId: string, payload: object) =>
    as('caller1', 'POST', `/api/tasks/${taskId}/visits`, { channel: 'PHONE', ...payload });

  describe('suggestions from evidence (R-CHURN-3)', () => {
    it('a refund event recorded through the API becomes one suggestion, naming it, and its caller is told', async () => {
      const { customer } = await customerWithTask();
      const res = await as('lead', 'POST', '/api/customer-events', {
        customerId: customer.id,
        kind: 'REFUND',
        day: '2026-03-17',
      });
      expect(res.statusCode, res.body).toBe(201);
      const [c, ...more] = await casesOf(customer.id);
      expect(more).toHaveLength(0);
      expect(c).toMatchObject({
        status: 'SUGGESTED',
        stage: 'REFUNDED',
        evidenceKind: 'REFUND_EVENT',
        evidenceId: res.json().id,
        dedupeKey: `REFUND_EVENT:${res.json().id}`,
      });
      expect(c!.day.toISOString().slice(0, 10)).toBe('2026-03-17');
      const note = await t.prisma.notification.findFirst({
        where: { type: 'CHURN_SUGGESTED', entityId: c!.id },
      });
      expect(note?.userId).toBe(caller1);
      // running again adds nothing
      expect(await suggestChurnCases(t.prisma, org, testClock.now())).toEqual(
        expect.not.arrayContaining([expect.objectContaining({ customerId: customer.id })]),
      );
      expect(await casesOf(customer.id)).toHaveLength(1);
    });

    it('a visit declined with a reason becomes a suggestion; declined without one does not', async () => {
      const a = await customerWithTask();
      const res = await logVisit(a.task.id, { outcome: 'DECLINED', opinions: '价格太贵，不想继续了' });
      expect(res.statusCode, res.body).toBe(201);
      const [c] = await casesOf(a.customer.id);
      expect(c).toMatchObject({ status: 'SUGGESTED', stage: 'DROPPED_OUT', evidenceKind: 'DECLINED_VISIT' });
      expect((c!.evidence as { opinions: string }).opinions).toBe('价格太贵，不想继续了');
      const b = await customerWithTask();
      expect((await logVisit(b.task.id, { outcome: 'DECLINED', opinions: '   ' })).statusCode).toBe(201);
      expect(await casesOf(b.customer.id)).toHaveLength(0);
    });

    it('a completed visit rated 2 suggests, one rated 3 does not', async () => {
      const low = await customerWithTask();
      expect((await logVisit(low.task.id, { outcome: 'COMPLETED', satisfaction: 2 })).statusCode).toBe(201);
      expect(await casesOf(low.customer.id)).toMatchObject([
        { evidenceKind: 'LOW_SATISFACTION', stage: 'DROPPED_OUT' },
      ]);
      const ok = await customerWithTask();
      expect((await logVisit(ok.task.id, { outcome: 'COMPLETED', satisfaction: 3 })).statusCode).toBe(201);
      expect(await casesOf(ok.customer.id)).toHaveLength(0);
    });

    it('a closed complaint with no attendance is suggested at its deadline, not a moment before', async () => {
      const quiet = ctx.customer();
      const attended = ctx.customer();
      const closedAt = new Date(TEST_NOW.getTime() - CHURN_COMPLAINT_QUIET_DAYS * 86_400_000 + 60_000);
      const ticket = (customerId: string, n: number) =>
        t.prisma.issueTicket.create({
          data: {
            organizationId: org,
            number: 90_000 + n,
            customerId,
            category: 'FACILITY',
            severity: 'MEDIUM',
            departmentId: depts.ADMIN!,
            title: '教室空调坏了',
            description: '投诉',
            status: 'CLOSED',
            dueAt: closedAt,
            raisedById: caller1,
            closedAt,
          },
        });
      const t1 = await ticket(quiet.id, 1);
      await ticket(attended.id, 2);
      await t.prisma.customerEvent.create({
        data: {
          organizationId: org,
          customerId: attended.id,
          kind: 'COURSE_STARTED',
          day: new Date('2026-03-01T00:00:00Z'),
          source: 'MANUAL',
          createdAt: TEST_NOW,
        },
      });
      // one minute before the deadline: nothing
      expect(
        await suggestChurnCases(t.prisma, org, TEST_NOW, { kinds: ['COMPLAINT_NO_ATTENDANCE'] }),
      ).toEqual([]);
      const at = new Date(closedAt.getTime() + CHURN_COMPLAINT_QUIET_DAYS * 86_400_000);
      const added = await suggestChurnCases(t.prisma, org, at, { kinds: ['COMPLAINT_NO_ATTENDANCE'] });
      expect(added.filter((a) => a.customerId === quiet.id)).toHaveLength(1);
      expect(await casesOf(attended.id)).toHaveLength(0);
      const [c] = await casesOf(quiet.id);
      expect(c).toMatchObject({
        evidenceKind: 'COMPLAINT_NO_ATTENDANCE',
        evidenceId: t1.id,
        departmentId: depts.ADMIN,
      });
      expect((c!.evidence as { categoryGuess: string }).categoryGuess).toBe('FACILITY');
      expect(await suggestChurnCases(t.prisma, org, at, { kinds: ['COMPLAINT_NO_ATTENDANCE'] })).toEqual([]);
    });
  });

  describe('confirm, dismiss, record, edit (R-CHURN-2)', () => {
    const suggestion = async () => {
      const { customer, task } = await customerWithTask();
      await t.prisma.customerEvent.create({
        data: {
          organizationId: org,
          customerId: customer.id,
          kind: 'REFUND',
          day: new Date('2026-03-16T00:00:00Z'),
          source: 'MANUAL',
          createdAt: TEST_NOW,
        },
      });
      await suggestChurnCases(t.prisma, org, TEST_NOW, { customerId: customer.id });
      const [c] = await casesOf(customer.id);
      return { customer, task, c: c! };
    };

    it('a caller confirms with stage and reason; the department follows the category', async () => {
      const { c } = await suggestion();
      const res = await as('caller1', 'POST', `/api/churn-cases/${c.id}/confirm`, {
        version: c.version,
        stage: 'REFUNDED',
        reasonId: reasons.TEACHER_QUALITY,
      });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({
        status: 'CONFIRMED',
        stage: 'REFUNDED',
        department: { id: depts.TEACHING },
      });
      expect(res.json().customer.phone).toMatch(/\*/);
      const again = await as('caller1', 'POST', `/api/churn-cases/${c.id}/confirm`, {
        version: res.json().version,
        stage: 'REFUNDED',
        reasonId: reasons.TEACHER_QUALITY,
      });
      expect(again.statusCode).toBe(409);
      const listed = (
        await as('lead', 'GET', '/api/churn-cases?status=CONFIRMED&category=TEACHING&size=200')
      ).json() as Page;
      expect(listed.items.some((i) => i.id === c.id)).toBe(true);
    });

    it('a stale version is 409 and nothing changes; confirming needs a reason (400)', async () => {
      const { c } = await suggestion();
      const stale = await as('lead', 'POST', `/api/churn-cases/${c.id}/confirm`, {
        version: c.version + 1,
        stage: 'REFUNDED',
        reasonId: reasons.PRICE,
      });
      expect(stale.statusCode).toBe(409);
      expect(stale.json().error.code).toBe('STALE_VERSION');
      const noReason = await as('lead', 'POST', `/api/churn-cases/${c.id}/confirm`, {
        version: c.version,
        stage: 'REFUNDED',
      });
      expect(noReason.statusCode).toBe(400);
      expect((await t.prisma.churnCase.findUniqueOrThrow({ where: { id: c.id } })).status).toBe('SUGGESTED');
    });

    it('a dismissed suggestion never comes back', async () => {
      const { customer, c } = await suggestion();
      const res = await as('lead', 'POST', `/api/churn-cases/${c.id}/dismiss`, {
        version: c.version,
        reason: '录入错误',
      });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ status: 'DISMISSED', dismissReason: '录入错误' });
      await suggestChurnCases(t.prisma, org, TEST_NOW, { customerId: customer.id });
      expect(await casesOf(customer.id)).toHaveLength(1);
    });

    it('records by hand as CONFIRMED; a second of the same stage within 90 days is 409 with the first', async () => {
      const { customer } = await customerWithTask();
      const body = {
        customerId: customer.id,
        stage: 'NOT_RENEWED',
        day: '2026-03-10',
        reasonId: reasons.PRICE,
        note: '嫌贵',
      };
      const first = await as('lead', 'POST', '/api/churn-cases', body);
      expect(first.statusCode, first.body).toBe(201);
      expect(first.json()).toMatchObject({ status: 'CONFIRMED', department: { id: depts.MARKET } });
      const second = await as('lead', 'POST', '/api/churn-cases', { ...body, day: '2026-03-17' });
      expect(second.statusCode).toBe(409);
      expect(second.json().error.details).toMatchObject({
        reason: 'DUPLICATE_CASE',
        existingId: first.json().id,
      });
      expect(await casesOf(customer.id)).toHaveLength(1);
      // and no suggestion of that stage for them meanwhile
      const future = await as('lead', 'POST', '/api/churn-cases', { ...body, day: '2026-03-19' });
      expect(future.statusCode).toBe(422);
    });

    it('a retired reason stays on its cases but is not offered for new ones', async () => {
      const created = await as('manager', 'POST', '/api/churn-reasons', {
        category: 'SERVICE',
        label: '前台态度',
        labelEn: 'Front desk',
      });
      expect(created.statusCode, created.body).toBe(201);
      const { customer } = await customerWithTask();
      const c = await as('lead', 'POST', '/api/churn-cases', {
        customerId: customer.id,
        stage: 'DROPPED_OUT',
        day: '2026-03-12',
        reasonId: created.json().id,
      });
      expect(c.statusCode, c.body).toBe(201);
      const retire = await as('manager', 'PATCH', `/api/churn-reasons/${created.json().id}`, {
        version: 1,
        active: false,
      });
      expect(retire.statusCode, retire.body).toBe(200);
      expect(retire.json()).toMatchObject({ active: false, category: 'SERVICE', cases: 1 });
      const stale = await as('manager', 'PATCH', `/api/churn-reasons/${created.json().id}`, {
        version: 1,
        label: 'x',
      });
      expect(stale.statusCode).toBe(409);
      const category = await as('manager', 'PATCH', `/api/churn-reasons/${created.json().id}`, {
        version: 2,
        category: 'MARKET',
      });
      expect(category.statusCode).toBe(400);
      const detail = await as('lead', 'GET', `/api/churn-cases/${c.json().id}`);
      expect(detail.json().reason).toMatchObject({ label: '前台态度', active: false });
      const other = ctx.customer();
      const refused = await as('lead', 'POST', '/api/churn-cases', {
        customerId: other.id,
        stage: 'DROPPED_OUT',
        day: '2026-03-12',
        reasonId: created.json().id,
      });
      expect(refused.statusCode).toBe(422);
      const dup = await as('manager', 'POST', '/api/churn-reasons', {
        category: 'SERVICE',
        label: '前台态度',
      });
      expect(dup.statusCode).toBe(409);
    });

    it('edits a case with a version check', async () => {
      const { customer } = await customerWithTask();
      const c = (
        await as('lead', 'POST', '/api/churn-cases', {
          customerId: customer.id,
          stage: 'DROPPED_OUT',
          day: '2026-03-01',
          reasonId: reasons.SCHEDULE,
        })
      ).json() as Case;
      const ok = await as('lead', 'PATCH', `/api/churn-cases/${c.id}`, {
        version: c.version,
        note: '上课时间冲突',
        departmentId: depts.SERVICE,
      });
      expect(ok.statusCode, ok.body).toBe(200);
      expect(ok.json()).toMatchObject({
        note: '上课时间冲突',
        department: { id: depts.SERVICE },
        version: c.version + 1,
      });
      expect(
        (await as('lead', 'PATCH', `/api/churn-cases/${c.id}`, { version: c.version, note: 'x' })).statusCode,
      ).toBe(409);
    });
  });

  it('shows a case of an enquiry never enrolled by the enquiry’s name, its phone masked', async () => {
    const enquiry = await t.prisma.enquiry.create({
      data: {
        organizationId: org,
        number: 9001,
        name: '咨询家长',
        phone: '13912345678',
        channel: 'PHONE',
        day: new Date('2026-03-01T00:00:00Z'),
        status: 'NOT_ENROLLED',
        createdAt: TEST_NOW,
      },
    });
    const c = await t.prisma.churnCase.create({
      data: {
        organizationId: org,
        customerId: null,
        enquiryId: enquiry.id,
        status: 'CONFIRMED',
        stage: 'NOT_ENROLLED',
        day: new Date('2026-03-02T00:00:00Z'),
        reasonId: reasons.PRICE,
        createdAt: TEST_NOW,
      },
    });
    const res = await as('lead', 'GET', `/api/churn-cases/${c.id}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      customer: null,
      enquiry: { name: '咨询家长', number: 9001 },
      visits: [],
    });
    expect(res.json().enquiry.phone).not.toContain('1234');
    const list = await as('lead', 'GET', '/api/churn-cases?stage=NOT_ENROLLED&size=200');
    expect(list.body).not.toContain('13912345678');
    expect((list.json() as Page).items.some((i) => i.id === c.id)).toBe(true);
  });

  describe('scope', () => {
    it('a handler sees their department’s cases, a caller their customers’; others are 404', async () => {
      const { customer } = await customerWithTask();
      const teaching = (
        await as('lead', 'POST', '/api/churn-cases', {
          customerId: customer.id,
          stage: 'DROPPED_OUT',
          day: '2026-03-02',
          reasonId: reasons.CONTENT,
        })
      ).json() as Case;
      const stranger = ctx.customer();
      const market = (
        await as('lead', 'POST', '/api/churn-cases', {
          customerId: stranger.id,
          stage: 'NOT_RENEWED',
          day: '2026-03-02',
          reasonId: reasons.PRICE,
        })
      ).json() as Case;
      expect((await as('handler', 'GET', `/api/churn-cases/${teaching.id}`)).statusCode).toBe(200);
      expect((await as('handler', 'GET', `/api/churn-cases/${market.id}`)).statusCode).toBe(404);
      expect((await as('handler2', 'GET', `/api/churn-cases/${teaching.id}`)).statusCode).toBe(404);
      expect((await as('caller1', 'GET', `/api/churn-cases/${teaching.id}`)).statusCode).toBe(200);
      expect((await as('caller1', 'GET', `/api/churn-cases/${market.id}`)).statusCode).toBe(404);
      expect((await as('caller2', 'GET', `/api/churn-cases/${teaching.id}`)).statusCode).toBe(404);
      const mine = (await as('handler', 'GET', '/api/churn-cases?size=200')).json() as Page;
      expect(mine.items.every((i) => i.department?.id === depts.TEACHING)).toBe(true);
      // a caller cannot record for a customer they never had, a handler not for another department
      const notMine = await as('caller1', 'POST', '/api/churn-cases', {
        customerId: stranger.id,
        stage: 'DROPPED_OUT',
        day: '2026-03-02',
        reasonId: reasons.CONTENT,
      });
      expect(notMine.statusCode).toBe(404);
      const otherDept = await as('handler', 'POST', '/api/churn-cases', {
        customerId: stranger.id,
        stage: 'DROPPED_OUT',
        day: '2026-03-02',
        reasonId: reasons.CONTENT,
        departmentId: depts.SERVICE,
      });
      expect(otherDept.statusCode).toBe(403);
      expect(
        (await as('caller2', 'POST', `/api/churn-cases/${teaching.id}/dismiss`, { version: 1, reason: 'x' }))
          .statusCode,
      ).toBe(404);
    });
  });

  describe('win-back visits (R-CHURN-4)', () => {
    const confirmed = async (status: 'PENDING' | 'DONE') => {
      const { customer, task } = await customerWithTask(status);
      const c = (
        await as('lead', 'POST', '/api/churn-cases', {
          customerId: customer.id,
          stage: 'DROPPED_OUT',
          day: '2026-03-05',
          reasonId: reasons.ATTITUDE,
        })
      ).json() as Case;
      return { customer, task, c };
    };

    it('plans a 挽回 task for the last caller, due in a week, and links it', async () => {
      const { customer, c } = await confirmed('DONE');
      const res = await as('lead', 'POST', `/api/churn-cases/${c.id}/win-back`, { version: c.version });
      expect(res.statusCode, res.body).toBe(200);
      const task = await t.prisma.task.findFirstOrThrow({
        where: { customerId: customer.id, status: 'PENDING' },
      });
      expect(task).toMatchObject({ purpose: '挽回', assigneeId: caller1 });
      expect(task.dueDate.toISOString().slice(0, 10)).toBe('2026-03-25');
      expect(res.json().winBackTask).toMatchObject({
        id: task.id,
        assignee: { id: caller1 },
        dueDate: '2026-03-25',
      });
      expect(
        await t.prisma.notification.count({ where: { type: 'CHURN_WIN_BACK', entityId: task.id } }),
      ).toBe(1);
    });

    it('counts as a contact: at the cap it starts when one more fits, and is refused when that is after the due day', async () => {
      const { customer, c } = await confirmed('DONE');
      // two contacts in the 30-day window (the default policy: at most 2), the older on 03-10
      for (const on of ['2026-03-10', '2026-03-17']) {
        const task = await makeTask(t.prisma, ctx, {
          assigneeId: caller1,
          customerId: customer.id,
          status: 'DONE',
          questionnaireId: null,
        });
        await t.prisma.visitRecord.create({
          data: {
            organizationId: org,
            taskId: task.id,
            callerId: caller1,
            customerId: customer.id,
            startedAt: zonedTime(on, '10:00', TZ),
            channel: 'PHONE',
            outcome: 'COMPLETED',
            original: {},
          },
        });
      }
      const tasks = await t.prisma.task.count();
      const refused = await as('lead', 'POST', `/api/churn-cases/${c.id}/win-back`, { version: c.version });
      expect(refused.statusCode, refused.body).toBe(422);
      expect(refused.json().error.details).toMatchObject({
        field: 'dueDay',
        reason: 'CONTACT_CAP',
        notBefore: '2026-04-09',
      });
      expect(await t.prisma.task.count()).toBe(tasks);
      const later = await as('lead', 'POST', `/api/churn-cases/${c.id}/win-back`, {
        version: c.version,
        dueDay: '2026-04-15',
      });
      expect(later.statusCode, later.body).toBe(200);
      const task = await t.prisma.task.findFirstOrThrow({
        where: { customerId: customer.id, status: 'PENDING' },
      });
      expect(task.windowFrom.toISOString().slice(0, 10)).toBe('2026-04-09');
      expect(task.dueDate.toISOString().slice(0, 10)).toBe('2026-04-15');
    });

    it('is refused 422 with an open task, a refusing customer, or no customer, and writes nothing', async () => {
      const open = await confirmed('PENDING');
      const refusing = await confirmed('DONE');
      await t.prisma.customer.update({ where: { id: refusing.customer.id }, data: { refusesVisits: true } });
      const tasks = await t.prisma.task.count();
      const r1 = await as('lead', 'POST', `/api/churn-cases/${open.c.id}/win-back`, {
        version: open.c.version,
      });
      expect(r1.statusCode).toBe(422);
      expect(r1.json().error.details.reason).toBe('OPEN_TASK');
      const r2 = await as('lead', 'POST', `/api/churn-cases/${refusing.c.id}/win-back`, {
        version: refusing.c.version,
      });
      expect(r2.statusCode).toBe(422);
      expect(r2.json().error.details.reason).toBe('REFUSES_VISITS');
      const enquiryCase = await t.prisma.churnCase.create({
        data: {
          organizationId: org,
          customerId: null,
          status: 'CONFIRMED',
          stage: 'NOT_ENROLLED',
          day: new Date('2026-03-10T00:00:00Z'),
          createdAt: TEST_NOW,
        },
      });
      const r3 = await as('lead', 'POST', `/api/churn-cases/${enquiryCase.id}/win-back`, { version: 1 });
      expect(r3.statusCode).toBe(422);
      expect(r3.json().error.details.reason).toBe('NO_CUSTOMER');
      const r4 = await as('lead', 'POST', `/api/churn-cases/${refusing.c.id}/win-back`, {
        version: refusing.c.version,
        assigneeId: users['lead@demo.local']!.id,
      });
      expect(r4.statusCode).toBe(422);
      expect(await t.prisma.task.count()).toBe(tasks);
      expect((await t.prisma.churnCase.findUniqueOrThrow({ where: { id: open.c.id } })).version).toBe(
        open.c.version,
      );
    });
  });
});

import { describe, expect, it } from 'vitest';
import { testNow } from '../../../test/clock.ts';
import { demoUsers, setupTestApp } from '../../../test/helper.ts';

type Expense = {
  id: string;
  visitId: string;
  caller: { id: string; name: string };
  customer: { id: string; name: string };
  visitDay: string;
  amountFen: number;
  receiptRef: string;
  note: string | null;
  status: string;
  decidedBy: { id: string; name: string } | null;
  decisionComment: string | null;
  version: number;
  can: { approve: boolean; reject: boolean };
};
type List = {
  items: Expense[];
  total: number;
  page: number;
  size: number;
  totals: { count: number; amountFen: number; pendingFen: number; approvedFen: number; rejectedFen: number };
};

describe('visit expenses (回访费用)', async () => {
  const t = await setupTestApp();
  const users = await demoUsers(t.prisma);
  const id = (email: string) => users[`${email}@demo.local`]!.id;
  const org = await t.prisma.organization.findFirstOrThrow({ select: { id: true } });
  const recordsOf = (caller: string) =>
    t.prisma.visitRecord.findMany({
      where: { callerId: id(caller) },
      orderBy: { startedAt: 'desc' },
      take: 4,
      select: { id: true, startedAt: true, taskId: true },
    });
  const [c1a, c1b, c1c, c1d] = await recordsOf('caller1');
  const [c4a] = await recordsOf('caller4');

  const post = (email: string, url: string, payload: unknown) =>
    t.as(`${email}@demo.local`, { method: 'POST', url, payload: payload as object });
  const get = (email: string, url: string) => t.as(`${email}@demo.local`, { method: 'GET', url });
  const add = async (email: string, visitId: string, payload: unknown) => {
    const res = await post(email, `/api/visits/${visitId}/expenses`, payload);
    expect(res.statusCode, res.body).toBe(201);
    return res.json() as Expense;
  };
  const list = async (email: string, query = '') => {
    const res = await get(email, `/api/expenses${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as List;
  };

  describe('POST /api/visits/:id/expenses', () => {
    it('records an expense on the caller’s own record, PENDING, audited', async () => {
      const e = await add('caller1', c1a!.id, { amountFen: 1250, receiptRef: ' FP-001 ', note: ' 打车 ' });
      expect(e).toMatchObject({
        visitId: c1a!.id,
        caller: { id: id('caller1'), name: expect.any(String) },
        customer: { id: expect.any(String), name: expect.any(String) },
        visitDay: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
        amountFen: 1250,
        receiptRef: 'FP-001',
        note: '打车',
        status: 'PENDING',
        decidedBy: null,
        version: 1,
      });
      const log = await t.prisma.auditLog.findFirst({ where: { entity: 'VisitExpense', entityId: e.id } });
      expect(log).toMatchObject({ action: 'EXPENSE_CREATE', actorId: id('caller1') });
    });

    it('answers 404 for another caller’s record or an unknown one, 403 without expense:create', async () => {
      const before = await t.prisma.visitExpense.count();
      const body = { amountFen: 100, receiptRef: 'X-1' };
      expect((await post('caller2', `/api/visits/${c1a!.id}/expenses`, body)).statusCode).toBe(404);
      expect((await post('caller4', `/api/visits/${c1a!.id}/expenses`, body)).statusCode).toBe(404);
      const unknown = await post(
        'caller1',
        '/api/visits/00000000-0000-7000-8000-000000000000/expenses',
        body,
      );
      expect(unknown.statusCode).toBe(404);
      expect(unknown.json()).toEqual({ error: { code: 'NOT_FOUND', message: expect.any(String) } });
      for (const who of ['lead', 'manager', 'admin', 'supervisor', 'handler']) {
        const res = await post(who, `/api/visits/${c1a!.id}/expenses`, body);
        expect(res.statusCode, who).toBe(403);
        expect(res.json().error.code).toBe('FORBIDDEN');
      }
      expect(await t.prisma.visitExpense.count()).toBe(before);
    });

    it('refuses bad input with 400: zero, negative, fractional or huge amounts, a missing or blank receipt', async () => {
      const before = await t.prisma.visitExpense.count();
      for (const body of [
        { amountFen: 0, receiptRef: 'A' },
        { amountFen: -100, receiptRef: 'A' },
        { amountFen: 12.5, receiptRef: 'A' },
        { amountFen: 1_000_001, receiptRef: 'A' },
        { amountFen: '100', receiptRef: 'A' },
        { amountFen: 100 },
        { amountFen: 100, receiptRef: '   ' },
        { amountFen: 100, receiptRef: 'A', note: 'x'.repeat(501) },
      ]) {
        const res = await post('caller1', `/api/visits/${c1a!.id}/expenses`, body);
        expect(res.statusCode, JSON.stringify(body)).toBe(400);
        expect(res.json().error.code).toBe('VALIDATION');
      }
      expect(
        (await post('caller1', '/api/visits/not-a-uuid/expenses', { amountFen: 1, receiptRef: 'A' }))
          .statusCode,
      ).toBe(400);
      // the largest allowed amount is accepted
      await add('caller1', c1d!.id, { amountFen: 1_000_000, receiptRef: 'MAX-1' });
      expect(await t.prisma.visitExpense.count()).toBe(before + 1);
    });

    it('refuses the same receipt twice (409) unless the earlier claim was rejected', async () => {
      const first = await add('caller1', c1b!.id, { amountFen: 800, receiptRef: 'DUP-7' });
      const again = await post('caller1', `/api/visits/${c1c!.id}/expenses`, {
        amountFen: 800,
        receiptRef: 'DUP-7',
      });
      expect(again.statusCode).toBe(409);
      expect(again.json().error).toMatchObject({
        code: 'CONFLICT',
        details: { reason: 'DUPLICATE_RECEIPT', expenseId: first.id },
      });
      const rej = await post('lead', `/api/expenses/${first.id}/reject`, { comment: '票据模糊' });
      expect(rej.statusCode, rej.body).toBe(200);
      await add('caller1', c1c!.id, { amountFen: 800, receiptRef: 'DUP-7' });
    });
  });

  describe('GET /api/expenses and /api/visits/:id/expenses', () => {
    it('shows everything to managers and admins, a team to its lead, one’s own to a caller', async () => {
      await add('caller4', c4a!.id, { amountFen: 500, receiptRef: 'T2-1' });
      const all = await list('manager');
      const callers = new Set(all.items.map((e) => e.caller.id));
      expect(callers).toEqual(new Set([id('caller1'), id('caller4')]));
      expect((await list('admin')).total).toBe(all.total);
      const lead = await list('lead');
      expect(lead.items.length).toBeGreaterThan(0);
      expect(lead.items.every((e) => e.caller.id === id('caller1'))).toBe(true);
      expect((await list('lead2')).items.map((e) => e.receiptRef)).toEqual(['T2-1']);
      expect((await list('caller1')).items.every((e) => e.caller.id === id('caller1'))).toBe(true);
      expect((await list('caller2')).total).toBe(0);
      expect((await list('caller4')).items.map((e) => e.receiptRef)).toEqual(['T2-1']);
      for (const who of ['supervisor', 'handler'])
        expect((await get(who, '/api/expenses')).statusCode).toBe(403);
    });

    it('filters by status and by the record’s month, paginates, and totals the whole filter', async () => {
      const all = await list('manager', '?size=200');
      const pending = await list('manager', '?status=PENDING');
      expect(pending.items.every((e) => e.status === 'PENDING')).toBe(true);
      expect(pending.totals.amountFen).toBe(pending.totals.pendingFen);
      const sum = (xs: Expense[], s?: string) =>
        xs.filter((e) => !s || e.status === s).reduce((n, e) => n + e.amountFen, 0);
      expect(all.totals).toEqual({
        count: all.items.length,
        amountFen: sum(all.items),
        pendingFen: sum(all.items, 'PENDING'),
        approvedFen: sum(all.items, 'APPROVED'),
        rejectedFen: sum(all.items, 'REJECTED'),
      });
      const page2 = await list('manager', '?size=1&page=2');
      expect(page2).toMatchObject({ page: 2, size: 1, total: all.total });
      expect(page2.items).toHaveLength(1);
      expect(page2.totals).toEqual(all.totals);

      const month = all.items[0]!.visitDay.slice(0, 7);
      const inMonth = await list('manager', `?month=${month}&size=200`);
      expect(inMonth.items.length).toBeGreaterThan(0);
      expect(inMonth.items.every((e) => e.visitDay.startsWith(month))).toBe(true);
      expect(inMonth.total).toBe(all.items.filter((e) => e.visitDay.startsWith(month)).length);
      expect((await list('manager', '?month=2001-01')).total).toBe(0);
      for (const q of ['?month=2022-13', '?status=DONE', '?size=500', '?page=0']) {
        expect((await get('manager', `/api/expenses${q}`)).statusCode, q).toBe(400);
      }
    });

    it('lists a record’s expenses with the same visibility', async () => {
      const url = `/api/visits/${c1a!.id}/expenses`;
      const own = await get('caller1', url);
      expect(own.statusCode).toBe(200);
      expect(own.json().items.map((e: Expense) => e.receiptRef)).toEqual(['FP-001']);
      expect((await get('lead', url)).statusCode).toBe(200);
      expect((await get('manager', url)).statusCode).toBe(200);
      expect((await get('admin', url)).statusCode).toBe(200);
      expect((await get('caller2', url)).statusCode).toBe(404);
      expect((await get('lead2', url)).statusCode).toBe(403);
      expect((await get('supervisor', url)).statusCode).toBe(403);
      expect(
        (await get('caller1', '/api/visits/00000000-0000-7000-8000-000000000000/expenses')).statusCode,
      ).toBe(404);
    });
  });

  describe('approve / reject', () => {
    it('a lead approves their team’s expense once; the caller is notified; it is audited', async () => {
      const e = await add('caller1', c1b!.id, { amountFen: 600, receiptRef: 'AP-1' });
      // what each may do next comes with the expense
      const seen = async (who: string) => (await list(who)).items.find((x) => x.id === e.id)?.can;
      expect(await seen('lead')).toEqual({ approve: true, reject: true });
      expect(await seen('manager')).toEqual({ approve: true, reject: true });
      expect(await seen('caller1')).toEqual({ approve: false, reject: false });
      const res = await post('lead', `/api/expenses/${e.id}/approve`, { version: 1 });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({
        status: 'APPROVED',
        decidedBy: { id: id('lead') },
        version: 2,
        decisionComment: null,
      });
      const n = await t.prisma.notification.findFirst({ where: { entity: 'VisitExpense', entityId: e.id } });
      expect(n).toMatchObject({
        userId: id('caller1'),
        type: 'EXPENSE_DECIDED',
        payload: { amountFen: 600, status: 'APPROVED' },
      });
      const log = await t.prisma.auditLog.findFirst({ where: { entityId: e.id, action: 'EXPENSE_APPROVE' } });
      expect(log).toMatchObject({ actorId: id('lead'), before: { status: 'PENDING' } });

      // a second decision changes nothing
      for (const [path, body] of [
        ['approve', {}],
        ['reject', { comment: '重复' }],
      ] as const) {
        const again = await post('manager', `/api/expenses/${e.id}/${path}`, body);
        expect(again.statusCode).toBe(409);
        expect(again.json().error).toMatchObject({ code: 'CONFLICT', details: { status: 'APPROVED' } });
      }
      expect(await seen('manager')).toEqual({ approve: false, reject: false });
      const row = await t.prisma.visitExpense.findUniqueOrThrow({ where: { id: e.id } });
      expect(row).toMatchObject({ status: 'APPROVED', decidedById: id('lead'), version: 2 });
      expect(await t.prisma.notification.count({ where: { entityId: e.id } })).toBe(1);
    });

    it('refuses another team’s lead, callers, admins, supervisors and unknown ids; nothing changes', async () => {
      const e = await add('caller1', c1b!.id, { amountFen: 700, receiptRef: 'NO-1' });
      const approve = (who: string, eid = e.id) => post(who, `/api/expenses/${eid}/approve`, {});
      expect((await approve('lead2')).statusCode).toBe(403);
      expect((await post('lead2', `/api/expenses/${e.id}/reject`, { comment: 'x' })).statusCode).toBe(403);
      for (const who of ['caller1', 'caller2', 'admin', 'supervisor', 'handler']) {
        const res = await approve(who);
        expect(res.statusCode, who).toBe(403);
      }
      expect((await approve('manager', '00000000-0000-7000-8000-000000000000')).statusCode).toBe(404);
      expect((await approve('manager', 'nope')).statusCode).toBe(400);
      const row = await t.prisma.visitExpense.findUniqueOrThrow({ where: { id: e.id } });
      expect(row).toMatchObject({ status: 'PENDING', version: 1, decidedById: null });
      expect(await t.prisma.auditLog.count({ where: { entityId: e.id } })).toBe(1);
    });

    it('a reject needs a comment; a stale version is 409 STALE_VERSION and changes nothing', async () => {
      const e = await add('caller1', c1c!.id, { amountFen: 900, receiptRef: 'RJ-1' });
      const url = `/api/expenses/${e.id}/reject`;
      for (const body of [{}, { comment: '  ' }, { comment: 'x'.repeat(1001) }]) {
        expect((await post('lead', url, body)).statusCode, JSON.stringify(body)).toBe(400);
      }
      const stale = await post('lead', url, { comment: '金额不符', version: 7 });
      expect(stale.statusCode).toBe(409);
      expect(stale.json().error).toMatchObject({ code: 'STALE_VERSION', details: { currentVersion: 1 } });
      expect(await t.prisma.visitExpense.findUniqueOrThrow({ where: { id: e.id } })).toMatchObject({
        status: 'PENDING',
        version: 1,
      });
      const res = await post('lead', url, { comment: ' 金额不符 ', version: 1 });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ status: 'REJECTED', decisionComment: '金额不符', version: 2 });
      const n = await t.prisma.notification.findFirst({ where: { entityId: e.id } });
      expect(n?.payload).toEqual({ amountFen: 900, status: 'REJECTED' });
    });

    it('a manager decides for any team', async () => {
      const e = (await list('manager', '?status=PENDING&size=200')).items.find(
        (x) => x.receiptRef === 'T2-1',
      )!;
      const res = await post('manager', `/api/expenses/${e.id}/approve`, { version: e.version });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ status: 'APPROVED', decidedBy: { id: id('manager') } });
    });

    it('nothing is added or decided for a month whose incentive sheet is approved (422)', async () => {
      const e = await add('caller1', c1d!.id, { amountFen: 300, receiptRef: 'LK-1' });
      const tz = 'Asia/Shanghai';
      const month = new Intl.DateTimeFormat('en-CA', { timeZone: tz, year: 'numeric', month: '2-digit' })
        .format(c1d!.startedAt)
        .slice(0, 7);
      await t.prisma.monthClose.upsert({
        where: { organizationId_month: { organizationId: org.id, month } },
        create: {
          organizationId: org.id,
          month,
          status: 'APPROVED',
          computedAt: testNow(),
          approvedAt: testNow(),
        },
        update: { status: 'APPROVED' },
      });
      try {
        const dec = await post('lead', `/api/expenses/${e.id}/approve`, {});
        expect(dec.statusCode).toBe(422);
        expect(dec.json().error).toMatchObject({
          code: 'RULE_VIOLATION',
          details: { reason: 'MONTH_LOCKED', month },
        });
        const cre = await post('caller1', `/api/visits/${c1d!.id}/expenses`, {
          amountFen: 1,
          receiptRef: 'LK-2',
        });
        expect(cre.statusCode).toBe(422);
        expect((await t.prisma.visitExpense.findUniqueOrThrow({ where: { id: e.id } })).status).toBe(
          'PENDING',
        );
      } finally {
        await t.prisma.monthClose.delete({
          where: { organizationId_month: { organizationId: org.id, month } },
        });
      }
    });
  });

  describe('the KPI cost dimension', () => {
    // March 2021 (Asia/Shanghai), far from the demo data: caller3 completes two visits; the policy's
    // budget is ¥5.00 per completed task, so ¥10.00 for the month.
    const MONTH = '2021-03';
    it('an approved expense over budget lowers the caller’s cost dimension of the record’s month', async () => {
      const customer = await t.prisma.customer.findFirstOrThrow({ select: { id: true } });
      const visits: string[] = [];
      for (const d of ['2021-03-10', '2021-03-11']) {
        const task = await t.prisma.task.create({
          data: {
            organizationId: org.id,
            customerId: customer.id,
            assigneeId: id('caller3'),
            purpose: 'expense fixture',
            channel: 'PHONE',
            windowFrom: new Date(`${d}T00:00:00Z`),
            windowTo: new Date(`${d}T00:00:00Z`),
            dueDate: new Date(`${d}T00:00:00Z`),
            status: 'DONE',
            doneAt: new Date(`${d}T02:10:00Z`),
          },
        });
        const v = await t.prisma.visitRecord.create({
          data: {
            organizationId: org.id,
            taskId: task.id,
            callerId: id('caller3'),
            customerId: customer.id,
            startedAt: new Date(`${d}T02:00:00Z`),
            channel: 'PHONE',
            outcome: 'COMPLETED',
            satisfaction: 5,
            original: {},
          },
        });
        visits.push(v.id);
      }
      const cost = async () => {
        const res = await get('manager', `/api/kpi?month=${MONTH}&scope=caller`);
        expect(res.statusCode, res.body).toBe(200);
        const row = (
          res.json() as {
            rows: {
              id: string;
              kpi: { counts: { expensesFen: number }; dimensions: { key: string; rateBp: number | null }[] };
            }[];
          }
        ).rows.find((r) => r.id === id('caller3'))!;
        return {
          fen: row.kpi.counts.expensesFen,
          bp: row.kpi.dimensions.find((d) => d.key === 'cost')!.rateBp,
        };
      };
      expect(await cost()).toEqual({ fen: 0, bp: 10000 });

      const big = await add('caller3', visits[0]!, { amountFen: 2000, receiptRef: 'KPI-1' });
      const other = await add('caller3', visits[1]!, { amountFen: 5000, receiptRef: 'KPI-2' });
      // pending and rejected expenses do not count
      expect((await post('lead', `/api/expenses/${other.id}/reject`, { comment: '无票据' })).statusCode).toBe(
        200,
      );
      expect(await cost()).toEqual({ fen: 0, bp: 10000 });
      const march = await list('lead', `?month=${MONTH}`);
      expect(march.items.map((e) => e.receiptRef).sort()).toEqual(['KPI-1', 'KPI-2']);
      expect(march.totals).toMatchObject({ amountFen: 7000, pendingFen: 2000, rejectedFen: 5000 });

      expect((await post('lead', `/api/expenses/${big.id}/approve`, {})).statusCode).toBe(200);
      // ¥20.00 spent against a ¥10.00 budget: half the dimension
      expect(await cost()).toEqual({ fen: 2000, bp: 5000 });
    });
  });
});

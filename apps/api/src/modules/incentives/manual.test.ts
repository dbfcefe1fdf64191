import { addMonths, monthIn } from '@huifang/domain';
import { describe, expect, it } from 'vitest';
import { testNow } from '../../../test/clock.ts';
import { demoUsers, setupTestApp } from '../../../test/helper.ts';

// Discipline and recognition by hand (docs/rules.md#r-disc-1-manual-items): a manager (a lead for
// their team) adds a warning, a deduction, a demotion proposal, a certificate of honour or a
// promotion recommendation with a reason and evidence; it goes the way of every item.
describe('manual incentive items (R-DISC-1)', async () => {
  const t = await setupTestApp();
  const users = await demoUsers(t.prisma);
  const id = (who: string) => users[`${who}@demo.local`]!.id;
  const current = monthIn(testNow(), 'Asia/Shanghai');
  const openMonth = addMonths(current, -1); // the demo's sheet waiting for review
  const lockedMonth = addMonths(current, -2); // the demo's approved sheet
  const visit = await t.prisma.visitRecord.findFirstOrThrow({
    where: { callerId: id('caller1') },
    select: { id: true },
  });
  const ticket = await t.prisma.issueTicket.findFirstOrThrow({ select: { id: true } });

  const add = (who: string, body: Record<string, unknown>) =>
    t.as(`${who}@demo.local`, {
      method: 'POST',
      url: '/api/incentives/manual',
      payload: {
        month: openMonth,
        userId: id('caller1'),
        reason: '连续三个月学员表扬',
        evidence: { text: '学员来信三封', visitIds: [visit.id], ticketIds: [ticket.id] },
        ...body,
      },
    });
  const count = () => t.prisma.incentiveItem.count({ where: { rule: 'MANUAL_ITEM' } });

  let certificate = '';
  it('a certificate of honour: on the sheet, proposed, with its reason and evidence, no money', async () => {
    const res = await add('manager', { kind: 'HONOUR_CERTIFICATE' });
    expect(res.statusCode, res.body).toBe(201);
    const item = res.json();
    expect(item).toMatchObject({
      month: openMonth,
      rule: 'MANUAL_ITEM',
      kind: 'HONOUR_CERTIFICATE',
      source: 'MANUAL',
      userId: id('caller1'),
      amountFen: null,
      reason: '连续三个月学员表扬',
      evidence: { text: '学员来信三封', visitIds: [visit.id], ticketIds: [ticket.id] },
      status: 'PROPOSED',
      can: { approve: true, reject: true },
    });
    // the linked record and ticket, resolved for whoever decides it
    const stored = await t.prisma.visitRecord.findUniqueOrThrow({
      where: { id: visit.id },
      select: { taskId: true, startedAt: true, customer: { select: { name: true } } },
    });
    const raised = await t.prisma.issueTicket.findUniqueOrThrow({ where: { id: ticket.id } });
    expect(item.evidence.visits).toEqual([
      {
        id: visit.id,
        taskId: stored.taskId,
        customerName: stored.customer.name,
        startedAt: stored.startedAt.toISOString(),
      },
    ]);
    expect(item.evidence.tickets).toEqual([{ id: ticket.id, number: raised.number, title: raised.title }]);
    certificate = item.id;
    const sheet = (
      await t.as('manager@demo.local', { method: 'GET', url: `/api/month-closes/${openMonth}` })
    ).json();
    expect(sheet.items.map((i: { id: string }) => i.id)).toContain(certificate);
    const audit = await t.prisma.auditLog.findFirstOrThrow({
      where: { action: 'INCENTIVE_MANUAL_ITEM', entityId: certificate },
    });
    expect(audit.actorId).toBe(id('manager'));
  });

  it('every manual kind is accepted; proposals carry no money', async () => {
    for (const kind of ['WARNING', 'DEMOTION_PROPOSAL', 'PROMOTION_RECOMMENDATION']) {
      const res = await add('manager', { kind });
      expect(res.statusCode, `${kind} ${res.body}`).toBe(201);
      expect(res.json()).toMatchObject({ kind, amountFen: null });
    }
  });

  it('a deduction needs an amount; no other kind takes one; both 400 naming the field, nothing added', async () => {
    const before = await count();
    const noAmount = await add('manager', { kind: 'DEDUCTION' });
    expect(noAmount.statusCode).toBe(400);
    expect(noAmount.json().error.details[0].path).toBe('amountFen');
    const money = await add('manager', { kind: 'PROMOTION_RECOMMENDATION', amountFen: 100 });
    expect(money.statusCode).toBe(400);
    expect(money.json().error.details[0].path).toBe('amountFen');
    const badKind = await add('manager', { kind: 'BONUS' });
    expect(badKind.statusCode).toBe(400);
    const noEvidence = await add('manager', { kind: 'WARNING', evidence: { text: ' ' } });
    expect(noEvidence.statusCode).toBe(400);
    const foreign = await add('manager', {
      kind: 'WARNING',
      evidence: { text: 'x', visitIds: ['00000000-0000-4000-8000-000000000000'] },
    });
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json().error.details[0].path).toBe('evidence.visitIds');
    expect(await count()).toBe(before);
  });

  it("a deduction respects the cap: never more than the month's performance bonus with the person's other deductions", async () => {
    const res = await add('manager', { kind: 'DEDUCTION', amountFen: 100_000_000 });
    expect(res.statusCode, res.body).toBe(201);
    const item = res.json();
    expect(item.kind).toBe('DEDUCTION');
    expect(item.amountFen).toBeLessThanOrEqual(100_000);
    expect(item.figures).toMatchObject({ uncappedFen: 100_000_000, deductionCapFen: 100_000 });
  });

  it('a lead adds items for their own team only (403 for another team), nobody else at all', async () => {
    const own = await add('lead', { kind: 'WARNING' });
    expect(own.statusCode, own.body).toBe(201);
    expect((await add('lead', { kind: 'WARNING', userId: id('caller4') })).statusCode).toBe(403);
    expect((await add('supervisor', { kind: 'WARNING' })).statusCode).toBe(403);
    expect((await add('caller1', { kind: 'HONOUR_CERTIFICATE' })).statusCode).toBe(403);
  });

  it('an unknown person is 404; a locked sheet is 409', async () => {
    expect(
      (await add('manager', { kind: 'WARNING', userId: '00000000-0000-4000-8000-000000000000' })).statusCode,
    ).toBe(404);
    expect((await add('manager', { kind: 'WARNING', month: lockedMonth })).statusCode).toBe(409);
  });

  it('goes the same approval and appeal path: approved, appealed by its subject, overturned → withdrawn', async () => {
    const approve = await t.as('manager@demo.local', {
      method: 'POST',
      url: `/api/incentives/${certificate}/approve`,
      payload: {},
    });
    expect(approve.statusCode, approve.body).toBe(200);
    expect(approve.json().status).toBe('APPROVED');
    const warning = (await add('manager', { kind: 'WARNING' })).json();
    const appeal = await t.as('caller1@demo.local', {
      method: 'POST',
      url: `/api/incentives/${warning.id}/appeal`,
      payload: { reason: '当天客户先辱骂我' },
    });
    expect(appeal.statusCode, appeal.body).toBe(201);
    const appealId = appeal.json().appeals[0].id;
    const decided = await t.as('manager@demo.local', {
      method: 'POST',
      url: `/api/incentive-appeals/${appealId}/decide`,
      payload: { decision: 'OVERTURN', reason: '录音证实' },
    });
    expect(decided.statusCode, decided.body).toBe(200);
    expect(decided.json().status).toBe('WITHDRAWN');
    // the subject sees their items, with the evidence
    const mine = (
      await t.as('caller1@demo.local', { method: 'GET', url: `/api/incentives?month=${openMonth}` })
    ).json();
    expect(mine.items.find((i: { id: string }) => i.id === certificate)).toMatchObject({
      kind: 'HONOUR_CERTIFICATE',
      status: 'APPROVED',
      evidence: { text: '学员来信三封' },
    });
  });
});

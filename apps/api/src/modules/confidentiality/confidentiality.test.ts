import { maskPhone } from '@huifang/domain';
import { describe, expect, it } from 'vitest';
import { demoUsers, setupTestApp, signCurrentAgreement } from '../../../test/helper.ts';
import { createOrganization } from '../../seed/organization.ts';
import { makeTask, orgContext } from '../tasks/test-fixtures.ts';

const json = (body: unknown) => ({ payload: body as Record<string, unknown> });

describe('confidentiality agreements (R-CONF-1, R-CONF-2)', async () => {
  const t = await setupTestApp();
  const ctx = await orgContext(t.prisma, 10);
  const fresh = await ctx.newCaller('unsigned@demo.local', '周未签', { sign: false });
  const customer = ctx.customer();
  const task = await makeTask(t.prisma, ctx, { assigneeId: fresh.id, customerId: customer.id });
  const as = (email: string, method: 'GET' | 'POST' | 'PUT', url: string, body?: unknown) =>
    t.as(email, { method, url, ...(body === undefined ? {} : json(body)) });
  const FRESH = 'unsigned@demo.local';

  it('the demo users have signed the current version; a new user has not', async () => {
    const mine = (await as('caller1@demo.local', 'GET', '/api/agreements')).json();
    expect(mine.signed).toBe(true);
    expect(mine.items).toHaveLength(1);
    expect(mine.items[0]).toMatchObject({ version: 1, current: true, signedCount: null });
    const theirs = (await as(FRESH, 'GET', '/api/agreements')).json();
    expect(theirs.signed).toBe(false);
    expect(theirs.items[0].signedAt).toBeNull();
  });

  it('an unsigned user sees the task masked and cannot reveal the contact: 403 AGREEMENT_REQUIRED', async () => {
    const detail = await as(FRESH, 'GET', `/api/tasks/${task.id}`);
    expect(detail.statusCode).toBe(200);
    expect(detail.json().customer).toMatchObject({ contactMasked: true, phone: maskPhone(customer.phone) });
    expect(detail.body).not.toContain(customer.phone);
    const customerDetail = await as(FRESH, 'GET', `/api/customers/${customer.id}`);
    expect(customerDetail.json()).toMatchObject({ contactMasked: true });
    expect(customerDetail.body).not.toContain(customer.phone);
    const reveal = await as(FRESH, 'GET', `/api/customers/${customer.id}/contact`);
    expect(reveal.statusCode).toBe(403);
    expect(reveal.json().error.code).toBe('AGREEMENT_REQUIRED');
    expect(reveal.body).not.toContain(customer.phone);
    expect(reveal.body).not.toContain(customer.phone.slice(3, 7));
    expect(await t.prisma.auditLog.count({ where: { actorId: fresh.id, action: 'CONTACT_READ' } })).toBe(0);
  });

  it('signing records the instant and address; then the contact shows and reveals', async () => {
    const list = (await as(FRESH, 'GET', '/api/agreements')).json();
    const signed = await as(FRESH, 'POST', `/api/agreements/${list.currentId}/sign`);
    expect(signed.statusCode).toBe(200);
    expect(signed.json()).toMatchObject({ agreementId: list.currentId, version: 1, ip: '127.0.0.1' });
    const again = await as(FRESH, 'POST', `/api/agreements/${list.currentId}/sign`);
    expect(again.json().signedAt).toBe(signed.json().signedAt);
    expect(await t.prisma.agreementSignature.count({ where: { userId: fresh.id } })).toBe(1);
    expect(await t.prisma.auditLog.count({ where: { actorId: fresh.id, action: 'AGREEMENT_SIGNED' } })).toBe(
      1,
    );
    const detail = (await as(FRESH, 'GET', `/api/tasks/${task.id}`)).json();
    expect(detail.customer).toMatchObject({ contactMasked: false, phone: customer.phone });
    const reveal = await as(FRESH, 'GET', `/api/customers/${customer.id}/contact`);
    expect(reveal.statusCode).toBe(200);
    expect(reveal.json().phone).toBe(customer.phone);
  });

  it('another organisation’s agreement is 404; a bad id 400', async () => {
    const other = await createOrganization(t.prisma, {
      name: '别家',
      demo: false,
      now: new Date('2026-01-01T00:00:00Z'),
    });
    const theirs = await t.prisma.confidentialityAgreement.create({
      data: { organizationId: other.id, version: 1, title: 'x', body: 'y', publishedAt: new Date() },
    });
    expect((await as(FRESH, 'POST', `/api/agreements/${theirs.id}/sign`)).statusCode).toBe(404);
    expect((await as(FRESH, 'POST', '/api/agreements/nope/sign')).statusCode).toBe(400);
  });

  it('a new version must be signed again; the old one can no longer be signed (409)', async () => {
    const before = (await as('admin@demo.local', 'GET', '/api/agreements')).json();
    const bad = await as('admin@demo.local', 'POST', '/api/agreements', { title: '', body: 'x' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.some((d: { path: string }) => d.path.includes('title'))).toBe(true);
    expect(await t.prisma.confidentialityAgreement.count()).toBe(2); // the demo's and the other org's
    expect(
      (await as('lead@demo.local', 'POST', '/api/agreements', { title: 'v2', body: 'x' })).statusCode,
    ).toBe(403);
    const v2 = await as('admin@demo.local', 'POST', '/api/agreements', {
      title: '保密协议 v2',
      body: '第二版 / second version',
    });
    expect(v2.statusCode).toBe(201);
    expect(v2.json()).toMatchObject({ version: 2, current: true, signedCount: 0 });
    const admin = (await as('admin@demo.local', 'GET', '/api/agreements')).json();
    expect(admin.items.map((i: { version: number }) => i.version)).toEqual([2, 1]);
    expect(admin.items[1].signedCount).toBe(before.items[0].signedCount);

    // caller1 signed v1 only: masked again until v2 is signed
    const c1 = (await as('caller1@demo.local', 'GET', '/api/agreements')).json();
    expect(c1.signed).toBe(false);
    const old = await as('caller1@demo.local', 'POST', `/api/agreements/${before.currentId}/sign`);
    expect(old.statusCode).toBe(409);
    expect(old.json().error.code).toBe('CONFLICT');
    expect((await as('caller1@demo.local', 'POST', `/api/agreements/${v2.json().id}/sign`)).statusCode).toBe(
      200,
    );

    const sigs = (await as('admin@demo.local', 'GET', `/api/agreements/${v2.json().id}/signatures`)).json();
    const row = sigs.items.find((i: { user: { name: string } }) => i.user.name === fresh.name);
    expect(row.signedAt).toBeNull();
  });

  it('exports of personal data need the signature and are audited with what left', async () => {
    // the manager has not signed v2 yet
    const refused = await as('manager@demo.local', 'GET', '/api/incentives/export?month=2026-01&format=csv');
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('AGREEMENT_REQUIRED');
    const churn = await as('manager@demo.local', 'GET', '/api/churn/weekly/export?week=2026-W11');
    expect(churn.json().error.code).toBe('AGREEMENT_REQUIRED');
    expect(await t.prisma.auditLog.count({ where: { action: 'PERSONAL_DATA_EXPORT' } })).toBe(0);

    const list = (await as('manager@demo.local', 'GET', '/api/agreements')).json();
    await as('manager@demo.local', 'POST', `/api/agreements/${list.currentId}/sign`);
    const sheet = await as('manager@demo.local', 'GET', '/api/incentives/export?month=2026-01&format=csv');
    expect(sheet.statusCode).toBe(200);
    const week = await as('manager@demo.local', 'GET', '/api/churn/weekly/export?week=2026-W11');
    expect(week.statusCode).toBe(200);
    const rows = await t.prisma.auditLog.findMany({
      where: { action: 'PERSONAL_DATA_EXPORT' },
      orderBy: { id: 'asc' },
    });
    expect(rows.map((r) => r.after)).toEqual([
      { kind: 'INCENTIVE_SHEET', filter: { month: '2026-01' }, rows: expect.any(Number), format: 'csv' },
      { kind: 'CHURN_WEEKLY', filter: { week: '2026-W11' }, rows: expect.any(Number), format: 'xlsx' },
    ]);
    const lines = sheet.body.trim().split('\n').length;
    expect((rows[0]!.after as { rows: number }).rows).toBeGreaterThan(0);
    expect(lines).toBeGreaterThanOrEqual((rows[0]!.after as { rows: number }).rows);
  });
});

describe('the reveal policy and reveal requests (R-CONF-3, R-CONF-4)', async () => {
  const t = await setupTestApp();
  const users = await demoUsers(t.prisma);
  const ctx = await orgContext(t.prisma, 6);
  const c = ctx.customer();
  const own = ctx.customer();
  await makeTask(t.prisma, ctx, { assigneeId: ctx.caller1.id, customerId: own.id });
  const as = (who: string, method: 'GET' | 'POST' | 'PUT', url: string, body?: unknown) =>
    t.as(`${who}@demo.local`, { method, url, ...(body === undefined ? {} : json(body)) });
  const reveal = (who: string, id = c.id, reason?: string) =>
    as(
      who,
      'GET',
      `/api/customers/${id}/contact${reason === undefined ? '' : `?reason=${encodeURIComponent(reason)}`}`,
    );
  const setPolicy = async (revealPolicy: string) => {
    const { version } = (await as('admin', 'GET', '/api/confidentiality/policy')).json();
    const res = await as('admin', 'PUT', '/api/confidentiality/policy', { revealPolicy, version });
    expect(res.statusCode).toBe(200);
    return res.json();
  };

  it('NONE (the default): a supervisor reveals any customer, audited', async () => {
    expect((await as('caller1', 'GET', '/api/confidentiality/policy')).json()).toEqual({
      revealPolicy: 'NONE',
      version: 1,
    });
    const res = await reveal('supervisor');
    expect(res.statusCode).toBe(200);
    const row = await t.prisma.auditLog.findFirstOrThrow({
      where: { actorId: users['supervisor@demo.local']!.id, action: 'CONTACT_READ', entityId: c.id },
    });
    expect(row.after).toMatchObject({ via: 'reveal', allowed: 'POLICY_NONE' });
  });

  it('a stale or bad policy write changes nothing', async () => {
    const stale = await as('admin', 'PUT', '/api/confidentiality/policy', {
      revealPolicy: 'REASON',
      version: 7,
    });
    expect(stale.statusCode).toBe(409);
    const bad = await as('admin', 'PUT', '/api/confidentiality/policy', {
      revealPolicy: 'MAYBE',
      version: 1,
    });
    expect(bad.statusCode).toBe(400);
    expect(
      (await as('lead', 'PUT', '/api/confidentiality/policy', { revealPolicy: 'REASON', version: 1 }))
        .statusCode,
    ).toBe(403);
    expect((await as('admin', 'GET', '/api/confidentiality/policy')).json().revealPolicy).toBe('NONE');
  });

  it('REASON: no reason is 403 REVEAL_REASON_REQUIRED; with one it reveals and the audit keeps it', async () => {
    expect(await setPolicy('REASON')).toEqual({ revealPolicy: 'REASON', version: 2 });
    const refused = await reveal('lead');
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('REVEAL_REASON_REQUIRED');
    expect(refused.body).not.toContain(c.phone);
    expect((await reveal('lead', c.id, '  ')).json().error.code).toBe('REVEAL_REASON_REQUIRED');
    const ok = await reveal('lead', c.id, '客户投诉回电');
    expect(ok.statusCode).toBe(200);
    const row = await t.prisma.auditLog.findFirstOrThrow({
      where: { actorId: users['lead@demo.local']!.id, action: 'CONTACT_READ', entityId: c.id },
    });
    expect(row.after).toMatchObject({ allowed: 'REASON', reason: '客户投诉回电' });
    // one's own open task needs no reason
    expect((await reveal('caller1', own.id)).statusCode).toBe(200);
  });

  it('APPROVAL: a request, a supervisor decides (never their own), one reveal per approval', async () => {
    await setPolicy('APPROVAL');
    const refused = await reveal('lead', c.id, 'a reason is not enough');
    expect(refused.json().error.code).toBe('REVEAL_APPROVAL_REQUIRED');
    expect((await reveal('caller1', own.id)).statusCode).toBe(200);

    const created = await as('lead', 'POST', '/api/reveal-requests', {
      customerId: c.id,
      reason: '家长投诉回电',
    });
    expect(created.statusCode).toBe(201);
    const req = created.json();
    expect(req).toMatchObject({ status: 'PENDING', mayDecide: false, customer: { id: c.id } });
    expect(JSON.stringify(req)).not.toContain(c.phone);
    expect(
      (await as('lead', 'POST', '/api/reveal-requests', { customerId: c.id, reason: 'again' })).statusCode,
    ).toBe(409);
    expect(
      (await as('lead', 'POST', `/api/reveal-requests/${req.id}/decide`, { decision: 'APPROVED' }))
        .statusCode,
    ).toBe(403);

    const mine = await as('supervisor', 'POST', '/api/reveal-requests', {
      customerId: c.id,
      reason: '抽查核实',
    });
    expect(
      (
        await as('supervisor', 'POST', `/api/reveal-requests/${mine.json().id}/decide`, {
          decision: 'APPROVED',
        })
      ).statusCode,
    ).toBe(403);

    const queue = (await as('supervisor', 'GET', '/api/reveal-requests')).json();
    expect(queue.items.find((i: { id: string }) => i.id === req.id).mayDecide).toBe(true);
    const approved = await as('supervisor', 'POST', `/api/reveal-requests/${req.id}/decide`, {
      decision: 'APPROVED',
      note: '同意',
    });
    expect(approved.statusCode).toBe(200);
    expect(approved.json()).toMatchObject({ status: 'APPROVED', decidedBy: { name: expect.any(String) } });
    expect(
      (await as('manager', 'POST', `/api/reveal-requests/${req.id}/decide`, { decision: 'REFUSED' }))
        .statusCode,
    ).toBe(422);

    expect((await reveal('lead')).statusCode).toBe(200);
    expect((await reveal('lead')).json().error.code).toBe('REVEAL_APPROVAL_REQUIRED');
    const used = await t.prisma.revealRequest.findUniqueOrThrow({ where: { id: req.id } });
    expect(used.status).toBe('USED');

    const refusedByManager = await as('manager', 'POST', `/api/reveal-requests/${mine.json().id}/decide`, {
      decision: 'REFUSED',
    });
    expect(refusedByManager.json().status).toBe('REFUSED');
    expect((await reveal('supervisor')).json().error.code).toBe('REVEAL_APPROVAL_REQUIRED');
    const actions = await t.prisma.auditLog.findMany({
      where: { action: { in: ['REVEAL_REQUESTED', 'REVEAL_APPROVED', 'REVEAL_REFUSED'] } },
      select: { action: true },
    });
    expect(actions.map((a) => a.action).sort()).toEqual([
      'REVEAL_APPROVED',
      'REVEAL_REFUSED',
      'REVEAL_REQUESTED',
      'REVEAL_REQUESTED',
    ]);
    // a caller's own list is theirs only; unknown ids are 404
    expect((await as('lead', 'GET', '/api/reveal-requests')).json().items).toHaveLength(1);
    expect(
      (
        await as('supervisor', 'POST', '/api/reveal-requests/00000000-0000-4000-8000-000000000000/decide', {
          decision: 'APPROVED',
        })
      ).statusCode,
    ).toBe(404);
    expect(
      (
        await as('lead', 'POST', '/api/reveal-requests', {
          customerId: '00000000-0000-4000-8000-000000000000',
          reason: 'x',
        })
      ).statusCode,
    ).toBe(404);
  });
});

describe('the hand-over when a user leaves or changes post (R-CONF-5)', async () => {
  const t = await setupTestApp();
  const ctx = await orgContext(t.prisma, 6);
  const leaving = await ctx.newCaller('leaving@demo.local', '吴离职');
  const caller2 = await t.prisma.user.findUniqueOrThrow({ where: { email: 'caller2@demo.local' } });
  const tasks: { id: string }[] = [];
  for (let k = 0; k < 3; k++)
    tasks.push(await makeTask(t.prisma, ctx, { assigneeId: leaving.id, customerId: ctx.customer().id }));
  const as = (method: 'GET' | 'POST', url: string, body?: unknown) =>
    t.as('admin@demo.local', { method, url, ...(body === undefined ? {} : json(body)) });

  it('shows the checklist before anything is done', async () => {
    await t.login('leaving@demo.local');
    await t.as('leaving@demo.local', { method: 'GET', url: `/api/tasks/${tasks[0]!.id}` });
    const res = await as('GET', `/api/handovers/${leaving.id}`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      openTasks: 3,
      sessions: 1,
      signatures: 1,
      contactReads: 1,
      handovers: [],
    });
  });

  it('refuses without a taker while tasks are open, and changes nothing', async () => {
    const res = await as('POST', `/api/handovers/${leaving.id}`, { kind: 'LEAVING' });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details[0].path).toBe('toUserId');
    const lead = await t.prisma.user.findUniqueOrThrow({ where: { email: 'lead@demo.local' } });
    expect(
      (await as('POST', `/api/handovers/${leaving.id}`, { kind: 'LEAVING', toUserId: lead.id })).statusCode,
    ).toBe(400);
    expect((await as('GET', `/api/handovers/${leaving.id}`)).json()).toMatchObject({
      openTasks: 3,
      sessions: 1,
    });
    expect((await as('POST', `/api/handovers/${leaving.id}`, { kind: 'GONE' })).statusCode).toBe(400);
    expect(
      (
        await t.as('lead@demo.local', {
          method: 'POST',
          url: `/api/handovers/${leaving.id}`,
          ...json({ kind: 'LEAVING' }),
        })
      ).statusCode,
    ).toBe(403);
  });

  it('reassigns, ends sessions, archives signatures, deactivates, keeps the reading trail', async () => {
    const res = await as('POST', `/api/handovers/${leaving.id}`, {
      kind: 'LEAVING',
      toUserId: caller2.id,
      note: '离职交接',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ openTasks: 0, sessions: 0, signatures: 0, contactReads: 1 });
    expect(res.json().handovers[0]).toMatchObject({
      kind: 'LEAVING',
      toUser: { id: caller2.id },
      tasksReassigned: 3,
      sessionsEnded: 1,
      agreementsArchived: 1,
      note: '离职交接',
    });
    const moved = await t.prisma.task.findMany({ where: { id: { in: tasks.map((x) => x.id) } } });
    expect(moved.every((m) => m.assigneeId === caller2.id)).toBe(true);
    expect(
      await t.prisma.taskAssignment.count({ where: { fromUserId: leaving.id, toUserId: caller2.id } }),
    ).toBe(3);
    expect((await t.prisma.user.findUniqueOrThrow({ where: { id: leaving.id } })).active).toBe(false);
    const sig = await t.prisma.agreementSignature.findFirstOrThrow({ where: { userId: leaving.id } });
    expect(sig.archivedAt).not.toBeNull();
    // the old session no longer works
    const gone = await t.as('leaving@demo.local', { method: 'GET', url: '/api/auth/me' });
    expect(gone.statusCode).toBe(401);
    expect(await t.prisma.auditLog.count({ where: { actorId: leaving.id, action: 'CONTACT_READ' } })).toBe(1);
    expect(await t.prisma.auditLog.count({ where: { entityId: leaving.id, action: 'HANDOVER' } })).toBe(1);
  });

  it('a transfer with no open tasks needs no taker; other organisations’ users are 404; oneself is 422', async () => {
    const mover = await ctx.newCaller('mover@demo.local', '郑调岗');
    const res = await as('POST', `/api/handovers/${mover.id}`, { kind: 'TRANSFER' });
    expect(res.statusCode).toBe(200);
    expect(res.json().handovers[0]).toMatchObject({
      kind: 'TRANSFER',
      tasksReassigned: 0,
      agreementsArchived: 1,
    });
    expect((await t.prisma.user.findUniqueOrThrow({ where: { id: mover.id } })).active).toBe(true);
    // the moved user must sign again before reading full contacts
    await signCurrentAgreement(t.prisma, mover.id);
    expect(await t.prisma.agreementSignature.count({ where: { userId: mover.id } })).toBe(2);

    const other = await createOrganization(t.prisma, {
      name: '别家',
      demo: false,
      now: new Date('2026-01-01T00:00:00Z'),
    });
    const outsider = await t.prisma.user.create({
      data: {
        organizationId: other.id,
        email: 'x@other.local',
        name: '外人',
        role: 'CALLER',
        passwordHash: 'x',
      },
    });
    expect((await as('GET', `/api/handovers/${outsider.id}`)).statusCode).toBe(404);
    expect((await as('POST', `/api/handovers/${outsider.id}`, { kind: 'TRANSFER' })).statusCode).toBe(404);
    const admin = await t.prisma.user.findUniqueOrThrow({ where: { email: 'admin@demo.local' } });
    expect((await as('POST', `/api/handovers/${admin.id}`, { kind: 'TRANSFER' })).statusCode).toBe(422);
  });
});

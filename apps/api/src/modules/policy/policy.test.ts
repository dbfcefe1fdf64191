import { describe, expect, it } from 'vitest';
import { setupTestApp } from '../../../test/helper.ts';

describe('policy: settings and the ticket routing table', async () => {
  const t = await setupTestApp();

  it('reads the policy with its defaults; anyone signed in with policy:read', async () => {
    const res = await t.as('handler@demo.local', { method: 'GET', url: '/api/policy' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      passThreshold: 80,
      appealWindowDays: 5,
      businessHours: { start: '09:00', end: '18:00', weekdays: [1, 2, 3, 4, 5], holidays: [] },
      slaHours: { LOW: 40, MEDIUM: 16, HIGH: 8, CRITICAL: 4 },
      escalateToManagementAfterHours: 8,
      version: 1,
    });
  });

  it('creates the row with defaults when it is missing', async () => {
    const org = await t.prisma.organization.findFirstOrThrow();
    const before = await t.prisma.orgPolicy.findUniqueOrThrow({ where: { organizationId: org.id } });
    await t.prisma.orgPolicy.delete({ where: { organizationId: org.id } });
    const res = await t.as('manager@demo.local', { method: 'GET', url: '/api/policy' });
    expect(res.json()).toMatchObject({ passThreshold: 80, version: 1 });
    await t.prisma.orgPolicy.update({ where: { organizationId: org.id }, data: { version: before.version } });
  });

  it('changes the policy (admin only), guarded by the version, audited; bad values are refused', async () => {
    const patch = (email: string, payload: object) =>
      t.as(email, { method: 'PATCH', url: '/api/policy', payload });
    expect((await patch('manager@demo.local', { passThreshold: 70 })).statusCode).toBe(403);
    expect((await patch('supervisor@demo.local', { passThreshold: 70 })).statusCode).toBe(403);
    const ok = await patch('admin@demo.local', {
      passThreshold: 75,
      businessHours: { start: '08:30', end: '17:30', weekdays: [1, 2, 3, 4, 5, 6], holidays: ['2026-10-01'] },
      slaHours: { LOW: 24, MEDIUM: 12, HIGH: 6, CRITICAL: 2 },
      version: 1,
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({
      passThreshold: 75,
      version: 2,
      slaHours: { HIGH: 6 },
      businessHours: { start: '08:30' },
    });
    expect((await patch('admin@demo.local', { appealWindowDays: 3, version: 1 })).statusCode).toBe(409);
    expect((await patch('admin@demo.local', { passThreshold: 101 })).statusCode).toBe(400);
    expect(
      (await patch('admin@demo.local', { businessHours: { start: '18:00', end: '09:00', weekdays: [1] } }))
        .statusCode,
    ).toBe(400);
    expect(
      (await patch('admin@demo.local', { businessHours: { start: '09:00', end: '18:00', weekdays: [] } }))
        .statusCode,
    ).toBe(400);
    expect(
      (await patch('admin@demo.local', { slaHours: { LOW: 0, MEDIUM: 1, HIGH: 1, CRITICAL: 1 } })).statusCode,
    ).toBe(400);
    expect((await patch('admin@demo.local', {})).statusCode).toBe(422);
    expect(await t.prisma.auditLog.count({ where: { action: 'POLICY_UPDATE' } })).toBe(1);

    // new tickets use the new SLA hours
    const visit = await t.prisma.visitRecord.findFirstOrThrow({ where: { outcome: 'COMPLETED' } });
    const ticket = await t.as('supervisor@demo.local', {
      method: 'POST',
      url: '/api/tickets',
      payload: {
        sourceVisitId: visit.id,
        category: 'SERVICE',
        severity: 'CRITICAL',
        title: 't',
        description: 'd',
      },
    });
    expect(ticket.statusCode).toBe(201);
    expect(ticket.json().sla.remainingMs).toBeLessThanOrEqual(2 * 3600_000);
  });

  it('routing table: read by policy:read, replaced whole by policy:write, checked', async () => {
    const get = await t.as('caller1@demo.local', { method: 'GET', url: '/api/ticket-routes' });
    expect(get.statusCode).toBe(200);
    const body = get.json();
    expect(
      body.routes.map((r: { category: string; department: { name: string } }) => [
        r.category,
        r.department.name,
      ]),
    ).toEqual([
      ['TEACHING', '教学部'],
      ['SERVICE', '服务部'],
      ['MARKET', '市场部'],
      ['FACILITY', '行政部'],
      ['CALLER_CONDUCT', '监督部'],
      ['OTHER', '服务部'],
    ]);
    const dept = (name: string) => body.departments.find((d: { name: string }) => d.name === name).id;
    const routes = body.routes.map((r: { category: string; department: { id: string } }) => ({
      category: r.category,
      departmentId: r.category === 'OTHER' ? dept('行政部') : r.department.id,
    }));
    const put = (email: string, payload: object) =>
      t.as(email, { method: 'PUT', url: '/api/ticket-routes', payload });
    expect((await put('manager@demo.local', { routes })).statusCode).toBe(403);
    const ok = await put('admin@demo.local', { routes });
    expect(ok.statusCode).toBe(200);
    expect(ok.json().routes.at(-1)).toMatchObject({ category: 'OTHER', department: { name: '行政部' } });
    expect((await put('admin@demo.local', { routes: routes.slice(1) })).statusCode).toBe(422);
    expect((await put('admin@demo.local', { routes: [...routes.slice(1), routes[1]] })).statusCode).toBe(422);
    const foreign = routes.map((r: object, i: number) =>
      i === 0 ? { ...r, departmentId: '00000000-0000-7000-8000-000000000000' } : r,
    );
    expect((await put('admin@demo.local', { routes: foreign })).statusCode).toBe(422);
    expect(await t.prisma.auditLog.count({ where: { action: 'TICKET_ROUTES_UPDATE' } })).toBe(1);
    // a ticket of category OTHER now goes to 行政部
    const visit = await t.prisma.visitRecord.findFirstOrThrow({ where: { outcome: 'COMPLETED' } });
    const tk = await t.as('supervisor@demo.local', {
      method: 'POST',
      url: '/api/tickets',
      payload: { sourceVisitId: visit.id, category: 'OTHER', severity: 'LOW', title: 't', description: 'd' },
    });
    expect(tk.json().department.name).toBe('行政部');
  });
});

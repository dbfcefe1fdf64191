import { describe, expect, it } from 'vitest';
import { demoUsers, setupTestApp } from '../../../test/helper.ts';

describe('directory', async () => {
  const t = await setupTestApp();
  const users = await demoUsers(t.prisma);

  it('lists callers of a team for the lead, and refuses callers and handlers', async () => {
    const team = users['lead@demo.local']!.teamId!;
    const res = await t.as('lead@demo.local', {
      method: 'GET',
      url: `/api/users?role=CALLER&teamId=${team}`,
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().items.map((u: { email: string }) => u.email)).toEqual([
      'caller1@demo.local',
      'caller2@demo.local',
      'caller3@demo.local',
    ]);
    expect((await t.as('caller1@demo.local', { method: 'GET', url: '/api/users' })).statusCode).toBe(403);
    expect((await t.as('handler@demo.local', { method: 'GET', url: '/api/teams' })).statusCode).toBe(403);
    const teams = await t.as('manager@demo.local', { method: 'GET', url: '/api/teams' });
    expect(
      teams.json().items.map((x: { name: string; memberCount: number }) => [x.name, x.memberCount]),
    ).toEqual([
      ['回访一组', 4],
      ['回访二组', 3],
    ]);
    const depts = await t.as('manager@demo.local', { method: 'GET', url: '/api/departments' });
    expect(depts.json().items.map((d: { kind: string }) => d.kind)).toEqual([
      'VISIT',
      'SUPERVISION',
      'TEACHING',
      'SERVICE',
      'MARKET',
      'ADMIN',
    ]);
  });

  it('lets the admin create a user who can then sign in, and audits it', async () => {
    const team = users['lead@demo.local']!.teamId!;
    const res = await t.as('admin@demo.local', {
      method: 'POST',
      url: '/api/users',
      payload: {
        email: 'New.Caller@demo.local',
        name: '新同事',
        role: 'CALLER',
        teamId: team,
        password: 'lantern-orbit-47',
      },
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      email: 'new.caller@demo.local',
      role: 'CALLER',
      teamId: team,
      active: true,
    });
    expect(res.json()).not.toHaveProperty('passwordHash');
    await t.login('new.caller@demo.local', 'lantern-orbit-47');
    const dup = await t.as('admin@demo.local', {
      method: 'POST',
      url: '/api/users',
      payload: { email: 'new.caller@demo.local', name: 'x', role: 'CALLER', password: 'lantern-orbit-47' },
    });
    expect(dup.statusCode).toBe(409);
    expect(
      await t.prisma.auditLog.count({ where: { action: 'USER_CREATED', entityId: res.json().id } }),
    ).toBe(1);
  });

  it('refuses a password that is easy to guess, saying why, on creation and on change', async () => {
    const before = await t.prisma.user.count();
    const cases: Array<[string, string]> = [
      ['12345678', 'COMMON'],
      ['password', 'COMMON'],
      ['        ', 'PATTERN'],
      ['zhangwei88', 'PINYIN'],
      ['19900512', 'DATE'],
      ['x13812345678', 'PHONE'],
      ['liu.yang.demo', 'PERSONAL'],
    ];
    for (const [password, why] of cases) {
      const res = await t.as('admin@demo.local', {
        method: 'POST',
        url: '/api/users',
        payload: { email: 'liu.yang.demo@demo.local', name: '刘洋', role: 'CALLER', password },
      });
      expect({ password, status: res.statusCode, details: res.json().error.details }).toEqual({
        password,
        status: 422,
        details: { field: 'password', reason: 'WEAK_PASSWORD', why },
      });
    }
    expect(await t.prisma.user.count()).toBe(before);
    const target = users['caller5@demo.local']!.id;
    const hash = (await t.prisma.user.findUniqueOrThrow({ where: { id: target } })).passwordHash;
    const change = await t.as('admin@demo.local', {
      method: 'PATCH',
      url: `/api/users/${target}`,
      payload: { password: 'password1' },
    });
    expect(change.statusCode).toBe(422);
    expect((await t.prisma.user.findUniqueOrThrow({ where: { id: target } })).passwordHash).toBe(hash);
  });

  it('rejects bad input and unknown placements without writing anything', async () => {
    const before = await t.prisma.user.count();
    const bad = await t.as('admin@demo.local', {
      method: 'POST',
      url: '/api/users',
      payload: { email: 'x', name: '', role: 'KING', password: '1' },
    });
    expect(bad.statusCode).toBe(400);
    const unknownTeam = await t.as('admin@demo.local', {
      method: 'POST',
      url: '/api/users',
      payload: {
        email: 'z@demo.local',
        name: 'Z',
        role: 'CALLER',
        teamId: '00000000-0000-4000-8000-000000000000',
        password: 'lantern-orbit-47',
      },
    });
    expect(unknownTeam.statusCode).toBe(422);
    expect(await t.prisma.user.count()).toBe(before);
    expect(
      (await t.as('manager@demo.local', { method: 'POST', url: '/api/users', payload: {} })).statusCode,
    ).toBe(403);
  });

  it('deactivating a user ends their sessions; the admin cannot deactivate themself', async () => {
    const cookie = await t.login('caller5@demo.local');
    const res = await t.as('admin@demo.local', {
      method: 'PATCH',
      url: `/api/users/${users['caller5@demo.local']!.id}`,
      payload: { active: false },
    });
    expect(res.statusCode).toBe(200);
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } })).statusCode).toBe(
      401,
    );
    const login = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'caller5@demo.local', password: 'demo1234' },
    });
    expect(login.statusCode).toBe(401);
    const self = await t.as('admin@demo.local', {
      method: 'PATCH',
      url: `/api/users/${users['admin@demo.local']!.id}`,
      payload: { active: false },
    });
    expect(self.statusCode).toBe(422);
  });

  it('creates and renames teams', async () => {
    const dept = (await t.prisma.department.findFirstOrThrow({ where: { kind: 'VISIT' } })).id;
    const created = await t.as('admin@demo.local', {
      method: 'POST',
      url: '/api/teams',
      payload: { name: '回访三组', departmentId: dept },
    });
    expect(created.statusCode).toBe(201);
    expect(
      (
        await t.as('admin@demo.local', {
          method: 'POST',
          url: '/api/teams',
          payload: { name: '回访三组', departmentId: dept },
        })
      ).statusCode,
    ).toBe(409);
    const renamed = await t.as('admin@demo.local', {
      method: 'PATCH',
      url: `/api/teams/${created.json().id}`,
      payload: { name: '回访三组（夜班）' },
    });
    expect(renamed.json().name).toBe('回访三组（夜班）');
  });

  it('a team’s leader must be a user of the organisation, on creation as on change (422, nothing written)', async () => {
    const dept = (await t.prisma.department.findFirstOrThrow({ where: { kind: 'VISIT' } })).id;
    const other = await t.prisma.organization.create({ data: { name: '别的机构（组长）' } });
    const outsider = await t.prisma.user.create({
      data: {
        organizationId: other.id,
        email: 'outsider-lead@other.local',
        name: '外人',
        role: 'LEAD',
        passwordHash: 'x',
      },
    });
    const teams = await t.prisma.team.count();
    for (const leaderId of [outsider.id, '00000000-0000-4000-8000-000000000000']) {
      const res = await t.as('admin@demo.local', {
        method: 'POST',
        url: '/api/teams',
        payload: { name: `外人带的组 ${leaderId.slice(0, 4)}`, departmentId: dept, leaderId },
      });
      expect(res.statusCode).toBe(422);
      expect(res.json().error.details).toEqual({ field: 'leaderId' });
    }
    expect(await t.prisma.team.count()).toBe(teams);
    const team = await t.prisma.team.findFirstOrThrow({ where: { organizationId: { not: other.id } } });
    const patched = await t.as('admin@demo.local', {
      method: 'PATCH',
      url: `/api/teams/${team.id}`,
      payload: { leaderId: outsider.id },
    });
    expect(patched.statusCode).toBe(422);
  });

  it('shows the audit log to the admin only, newest first, with actor names', async () => {
    const res = await t.as('admin@demo.local', { method: 'GET', url: '/api/audit-log?size=5' });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.items.length).toBeGreaterThan(0);
    expect(body.items[0]).toMatchObject({ actorName: expect.any(String), action: expect.any(String) });
    const ids = body.items.map((i: { id: string }) => Number(i.id));
    expect([...ids].sort((a, b) => b - a)).toEqual(ids);
    expect((await t.as('manager@demo.local', { method: 'GET', url: '/api/audit-log' })).statusCode).toBe(403);
  });
});

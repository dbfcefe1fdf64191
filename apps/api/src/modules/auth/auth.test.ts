import { describe, expect, it } from 'vitest';
import { setupTestApp } from '../../../test/helper.ts';

describe('auth', async () => {
  const t = await setupTestApp();

  it('signs in with the demo password and sets an httpOnly, SameSite=Lax session cookie', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'Caller1@demo.local', password: 'demo1234' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      email: 'caller1@demo.local',
      role: 'CALLER',
      organization: { timezone: 'Asia/Shanghai' },
    });
    const cookie = res.cookies.find((c) => c.name === 'hf_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });
    // Only a hash of the token is stored
    const sessions = await t.prisma.session.findMany();
    expect(sessions.some((s) => s.id === cookie?.value)).toBe(false);
  });

  it('answers 401 in the error shape for a wrong password or an unknown e-mail', async () => {
    for (const payload of [
      { email: 'caller1@demo.local', password: 'nope' },
      { email: 'nobody@demo.local', password: 'demo1234' },
    ]) {
      const res = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload });
      expect(res.statusCode).toBe(401);
      expect(res.json()).toEqual({ error: { code: 'INVALID_CREDENTIALS', message: expect.any(String) } });
      expect(res.cookies).toHaveLength(0);
    }
  });

  it('answers 400 with details for a malformed body', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'not-an-email' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('VALIDATION');
    expect(Array.isArray(res.json().error.details)).toBe(true);
  });

  it('me needs a session; logout ends it', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me' })).statusCode).toBe(401);
    const cookie = await t.login('lead@demo.local');
    const me = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } });
    expect(me.statusCode).toBe(200);
    expect(me.json().permissions).toContain('plan:write');
    const out = await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie } });
    expect(out.statusCode).toBe(204);
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } })).statusCode).toBe(
      401,
    );
  });

  it('the session probe answers 200 either way: null without a session, the user with one, null after logout', async () => {
    const probe = (cookie?: string) =>
      t.app.inject({ method: 'GET', url: '/api/auth/session', headers: cookie ? { cookie } : {} });
    const anonymous = await probe();
    expect(anonymous.statusCode).toBe(200);
    expect(anonymous.json()).toEqual({ user: null });
    expect((await probe('hf_session=not-a-token')).json()).toEqual({ user: null });
    const cookie = await t.login('lead@demo.local');
    const signedIn = await probe(cookie);
    expect(signedIn.statusCode).toBe(200);
    const me = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } });
    expect(signedIn.json()).toEqual({ user: me.json() });
    await t.app.inject({ method: 'POST', url: '/api/auth/logout', headers: { cookie } });
    expect((await probe(cookie)).json()).toEqual({ user: null });
  });

  it("reads the session for the API's routes only, not for the app's pages or a path no route matches", async () => {
    const cookie = await t.login('caller2@demo.local');
    const [session] = await t.prisma.session.findMany({
      where: { user: { email: 'caller2@demo.local' } },
      orderBy: { createdAt: 'desc' },
      take: 1,
    });
    // last seen an hour before it was opened (the app's clock): the next read of it slides its expiry
    const hourAgo = new Date(session!.lastSeenAt.getTime() - 3_600_000);
    await t.prisma.session.update({ where: { id: session!.id }, data: { lastSeenAt: hourAgo } });
    const seen = async () =>
      (await t.prisma.session.findUniqueOrThrow({ where: { id: session!.id } })).lastSeenAt;
    for (const url of ['/workbench', '/assets/none.js', '/favicon.svg'])
      await t.app.inject({ method: 'GET', url, headers: { cookie } });
    expect(await seen()).toEqual(hourAgo);
    const me = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } });
    expect(me.json().email).toBe('caller2@demo.local');
    expect((await seen()).getTime()).toBeGreaterThan(hourAgo.getTime());
  });

  it('refuses cross-site mutations (CSRF) but lets same-origin and non-browser clients through', async () => {
    const cookie = await t.login('caller2@demo.local');
    const cross = await t.app.inject({
      method: 'PATCH',
      url: '/api/auth/me',
      headers: { cookie, origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' },
      payload: { locale: 'en' },
    });
    expect(cross.statusCode).toBe(403);
    expect(cross.json().error.details).toEqual({ reason: 'CSRF' });
    const originOnly = await t.app.inject({
      method: 'PATCH',
      url: '/api/auth/me',
      headers: { cookie, origin: 'https://evil.example', host: 'huifang.local' },
      payload: { locale: 'en' },
    });
    expect(originOnly.statusCode).toBe(403);
    const same = await t.app.inject({
      method: 'PATCH',
      url: '/api/auth/me',
      headers: {
        cookie,
        origin: 'http://huifang.local',
        host: 'huifang.local',
        'sec-fetch-site': 'same-origin',
      },
      payload: { locale: 'en' },
    });
    expect(same.statusCode).toBe(200);
    expect(same.json().locale).toBe('en');
  });

  it('setup is closed once users exist', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/setup' })).json()).toEqual({ needsAdmin: false });
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/setup',
      payload: { organizationName: 'X', name: 'Y', email: 'x@example.com', password: 'lantern-orbit-47' },
    });
    expect(res.statusCode).toBe(409);
  });
});

describe('login rate limit', async () => {
  const t = await setupTestApp({ env: { HUIFANG_LOGIN_RATE_MAX: '5' } });

  it('answers 429 after too many attempts for one address and account, other accounts unaffected', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 7; i++) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email: 'manager@demo.local', password: 'wrong' },
      });
      codes.push(res.statusCode);
    }
    expect(codes.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(codes.slice(5)).toEqual([429, 429]);
    const blocked = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'manager@demo.local', password: 'demo1234' },
    });
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json().error.code).toBe('RATE_LIMITED');
    const other = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'lead@demo.local', password: 'demo1234' },
    });
    expect(other.statusCode).toBe(200);
  });
});

describe('login throttling per address', async () => {
  const t = await setupTestApp({
    env: { HUIFANG_LOGIN_RATE_MAX: '5', HUIFANG_LOGIN_ADDRESS_FAILURES: '8' },
  });
  const login = (email: string, password: string, remoteAddress = '198.51.100.7') =>
    t.app.inject({ method: 'POST', url: '/api/auth/login', remoteAddress, payload: { email, password } });

  it('an office behind one address signs in together without trouble', async () => {
    const emails = [
      'caller1',
      'caller2',
      'caller3',
      'caller4',
      'caller5',
      'lead',
      'lead2',
      'manager',
      'supervisor',
      'admin',
    ];
    for (const e of emails)
      expect((await login(`${e}@demo.local`, 'demo1234', '198.51.100.50')).statusCode).toBe(200);
  });

  it('one address trying many accounts is stopped and stays stopped while it goes on; other addresses are not', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 12; i++) codes.push((await login(`nobody${i}@demo.local`, 'guess-123')).statusCode);
    // 8 failures are told apart from a lock; the 9th and every later one are refused
    expect(codes).toEqual([401, 401, 401, 401, 401, 401, 401, 401, 429, 429, 429, 429]);
    const locked = await login('manager@demo.local', 'demo1234');
    expect(locked.statusCode).toBe(429);
    expect(locked.json().error.code).toBe('RATE_LIMITED');
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
    // spoofing the forwarding header does not help (no proxy is trusted)
    const spoofed = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      remoteAddress: '198.51.100.7',
      headers: { 'x-forwarded-for': '203.0.113.9' },
      payload: { email: 'manager@demo.local', password: 'demo1234' },
    });
    expect(spoofed.statusCode).toBe(429);
    expect((await login('manager@demo.local', 'demo1234', '198.51.100.8')).statusCode).toBe(200);
  });
});

describe('first start without demo data', async () => {
  const t = await setupTestApp({ template: 'empty' });

  it('asks for an administrator, creates exactly one organisation and signs them in', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/setup' })).json()).toEqual({ needsAdmin: true });
    const badZone = await t.app.inject({
      method: 'POST',
      url: '/api/setup',
      payload: {
        organizationName: 'X',
        name: 'Y',
        email: 'y@example.com',
        password: 'lantern-orbit-47',
        timezone: 'Mars/Olympus',
      },
    });
    expect(badZone.statusCode).toBe(400);
    expect(await t.prisma.organization.count()).toBe(0);
    const weak = await t.app.inject({
      method: 'POST',
      url: '/api/setup',
      payload: {
        organizationName: '测试学校',
        name: '管理员',
        email: 'y@example.com',
        password: 'password123',
      },
    });
    expect(weak.statusCode).toBe(422);
    expect(weak.json().error.details).toMatchObject({ field: 'password', reason: 'WEAK_PASSWORD' });
    expect(await t.prisma.organization.count()).toBe(0);
    const body = {
      organizationName: '测试学校',
      name: '管理员',
      email: 'Root@Example.com',
      password: 'lantern-orbit-47',
    };
    const [a, b] = await Promise.all([
      t.app.inject({ method: 'POST', url: '/api/setup', payload: body }),
      t.app.inject({ method: 'POST', url: '/api/setup', payload: { ...body, email: 'other@example.com' } }),
    ]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([201, 409]);
    expect(await t.prisma.organization.count()).toBe(1);
    expect(await t.prisma.department.count()).toBe(6);
    const winner = a.statusCode === 201 ? a : b;
    expect(winner.json()).toMatchObject({ role: 'ADMIN', organization: { name: '测试学校', demo: false } });
    expect(winner.cookies.find((c) => c.name === 'hf_session')).toBeTruthy();
  });
});

describe('login rate limit behind no trusted proxy', async () => {
  const t = await setupTestApp({ env: { HUIFANG_LOGIN_RATE_MAX: '5' } });

  it('cannot be escaped by claiming another address in X-Forwarded-For', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 7; i++) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        headers: { 'x-forwarded-for': `203.0.113.${i}` },
        payload: { email: 'supervisor@demo.local', password: 'wrong' },
      });
      codes.push(res.statusCode);
    }
    expect(codes.slice(5)).toEqual([429, 429]);
  });
});

describe('in production', async () => {
  const t = await setupTestApp({ env: { NODE_ENV: 'production', LOG_LEVEL: 'silent' } });

  it('marks the session cookie Secure', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'lead@demo.local', password: 'demo1234' },
    });
    expect(res.statusCode).toBe(200);
    expect(res.cookies.find((c) => c.name === 'hf_session')).toMatchObject({
      secure: true,
      httpOnly: true,
      sameSite: 'Lax',
    });
  });
});

import { describe, expect, it } from 'vitest';
import { setupTestApp } from '../../../test/helper.ts';
import { maskContacts } from './routes.ts';

describe('audit log', async () => {
  const t = await setupTestApp();
  const log = (query: string) => t.as('admin@demo.local', { method: 'GET', url: `/api/audit-log?${query}` });

  it('masks the phone and e-mail of a customer update in GET /audit-log; the stored row keeps them', async () => {
    const c = await t.prisma.customer.findFirstOrThrow({
      where: { organization: { demo: true }, email: { not: null } },
    });
    const res = await t.as('lead@demo.local', {
      method: 'PATCH',
      url: `/api/customers/${c.id}`,
      payload: { phone: '13998765432', email: 'new.address@example.com', version: c.version },
    });
    expect(res.statusCode).toBe(200);

    const stored = await t.prisma.auditLog.findFirstOrThrow({
      where: { entity: 'Customer', entityId: c.id, action: 'CUSTOMER_UPDATED' },
    });
    expect(stored.before).toEqual({ phone: c.phone, email: c.email });
    expect(stored.after).toEqual({ phone: '13998765432', email: 'new.address@example.com' });

    const page = await log(`entity=Customer&entityId=${c.id}&action=CUSTOMER_UPDATED`);
    expect(page.statusCode).toBe(200);
    const items = page.json().items;
    expect(items).toHaveLength(1);
    expect(items[0].id).toBe(stored.id.toString());
    expect(items[0].before).toEqual({
      phone: `${c.phone.slice(0, 3)}****${c.phone.slice(-4)}`,
      email: `${c.email![0]}***${c.email!.slice(c.email!.indexOf('@'))}`,
    });
    expect(items[0].after).toEqual({ phone: '139****5432', email: 'n***@example.com' });
    expect(page.body).not.toContain(c.phone);
    expect(page.body).not.toContain('13998765432');
    expect(page.body).not.toContain('new.address@');
  });

  it('masks contacts of a created customer, other fields untouched', async () => {
    const created = await t.as('lead@demo.local', {
      method: 'POST',
      url: '/api/customers',
      payload: {
        name: '审计测试',
        phone: '13611112222',
        email: 'audit.test@example.com',
        segment: 'STUDENT',
        tier: 'MID',
      },
    });
    expect(created.statusCode).toBe(201);
    const page = await log(`entityId=${created.json().id}&action=CUSTOMER_CREATED`);
    const after = page.json().items[0].after;
    expect(after).toMatchObject({
      name: '审计测试',
      phone: '136****2222',
      email: 'a***@example.com',
      segment: 'STUDENT',
    });
    const stored = await t.prisma.auditLog.findFirstOrThrow({
      where: { entityId: created.json().id, action: 'CUSTOMER_CREATED' },
    });
    expect(stored.after).toMatchObject({ phone: '13611112222', email: 'audit.test@example.com' });
  });

  it('masks keys named phone or email at any depth and in any case, and nothing else', () => {
    expect(
      maskContacts({
        phone: '13812345678',
        Email: 'zhang.wei@example.com',
        fields: ['phone', 'email'],
        customer: { name: '王芳', phone: '13912345678', contacts: [{ email: 'li@example.com' }] },
        phones: '13812345678',
        nothing: null,
        count: 3,
      }),
    ).toEqual({
      phone: '138****5678',
      Email: 'z***@example.com',
      fields: ['phone', 'email'],
      customer: { name: '王芳', phone: '139****5678', contacts: [{ email: 'l***@example.com' }] },
      phones: '13812345678',
      nothing: null,
      count: 3,
    });
    expect(maskContacts({ phone: ['13812345678', null] })).toEqual({ phone: ['138****5678', null] });
    expect(maskContacts({ phone: null, email: null })).toEqual({ phone: null, email: null });
    expect(maskContacts(null)).toBeNull();
  });
});

import { customerExportHeader } from '@huifang/domain';
import { describe, expect, it } from 'vitest';
import { setupTestApp } from '../../../test/helper.ts';
import { multipart, XLSX_TYPE } from '../../../test/upload.ts';
import { readFirstSheet } from '../../lib/xlsx.ts';
import { XLSX_LIMITS } from './import-file.ts';

// Customer export (docs/rules.md#r-cus-3-customer-export, #r-conf-2-nothing-in-full-before-the-signature):
// the administrator's, behind the signed agreement, audited; a file the import reads back unchanged.
describe('customer export', async () => {
  const t = await setupTestApp();
  const org = await t.prisma.organization.findFirstOrThrow({ where: { demo: true } });
  const get = (who: string, query: string) =>
    t.as(`${who}@demo.local`, { method: 'GET', url: `/api/customers/export?${query}` });
  const exports = () =>
    t.prisma.auditLog.findMany({ where: { action: 'PERSONAL_DATA_EXPORT' }, orderBy: { id: 'asc' } });

  it('is the administrator’s alone: others 403, nothing audited', async () => {
    for (const who of ['manager', 'lead', 'supervisor', 'caller1', 'handler']) {
      const res = await get(who, 'format=csv');
      expect(res.statusCode, who).toBe(403);
      expect(res.json().error.code).toBe('FORBIDDEN');
    }
    expect(await exports()).toHaveLength(0);
  });

  it('bad input is 400 and changes nothing', async () => {
    for (const q of [
      '',
      'format=pdf',
      'format=csv&lang=fr',
      'format=csv&segment=NOPE',
      'format=csv&sort=phone',
    ]) {
      const res = await get('admin', q);
      expect(res.statusCode, q).toBe(400);
      expect(res.json().error.code).toBe('VALIDATION');
    }
    expect(await exports()).toHaveLength(0);
  });

  it('the filtered customers in the import’s columns, full contacts, audited with the filter and the count', async () => {
    const res = await get('admin', 'format=csv&segment=STUDENT&tier=HIGH&sort=name');
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.headers['content-disposition']).toContain('customers.csv');
    const lines = res.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r\n/);
    expect(lines[0]).toBe(customerExportHeader('zh-CN').join(','));
    const stored = await t.prisma.customer.findMany({
      where: { organizationId: org.id, segment: 'STUDENT', tier: 'HIGH' },
      orderBy: [{ name: 'asc' }, { id: 'asc' }],
      select: { name: true, phone: true },
    });
    expect(stored.length).toBeGreaterThan(0);
    expect(lines).toHaveLength(stored.length + 1);
    expect(lines[1]!.startsWith(`${stored[0]!.name},${stored[0]!.phone},`)).toBe(true);
    expect(lines.slice(1).every((l) => l.includes(',在读学员,高,'))).toBe(true);
    expect((await exports()).map((r) => r.after)).toEqual([
      {
        kind: 'CUSTOMERS',
        filter: { segment: ['STUDENT'], tier: ['HIGH'], sort: 'name' },
        rows: stored.length,
        format: 'csv',
      },
    ]);
  });

  it('a phone number searched for is not written to the audit', async () => {
    const one = await t.prisma.customer.findFirstOrThrow({ where: { organizationId: org.id } });
    const res = await get('admin', `format=csv&q=${one.phone}`);
    expect(res.statusCode).toBe(200);
    expect(res.body.trim().split(/\r\n/)).toHaveLength(2);
    const last = (await exports()).at(-1)!;
    expect(last.after).toMatchObject({ filter: { q: '(phone number)' }, rows: 1 });
    expect(JSON.stringify(last.after)).not.toContain(one.phone);
  });

  it('in English as XLSX, and imported again it changes nothing', async () => {
    const res = await get('admin', 'format=xlsx&lang=en&segment=GRADUATE');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe(XLSX_TYPE);
    const rows = await readFirstSheet(res.rawPayload, XLSX_LIMITS);
    expect(rows[0]).toEqual(customerExportHeader('en'));
    const count = await t.prisma.customer.count({ where: { organizationId: org.id, segment: 'GRADUATE' } });
    expect(rows).toHaveLength(count + 1);
    expect(rows.slice(1).every((r) => r[3] === 'GRADUATE')).toBe(true);

    const imported = await t.as('admin@demo.local', {
      method: 'POST',
      url: '/api/customers/import',
      ...multipart('customers.xlsx', res.rawPayload, XLSX_TYPE),
    });
    expect(imported.statusCode, imported.body).toBe(200);
    expect(imported.json()).toMatchObject({ status: 'DONE', total: count, unchanged: count, invalid: 0 });
  });

  it('needs the current agreement signed: 403 AGREEMENT_REQUIRED, then the file', async () => {
    const before = (await exports()).length;
    const v2 = await t.as('admin@demo.local', {
      method: 'POST',
      url: '/api/agreements',
      payload: { title: '保密协议 v2', body: '第二版' },
    });
    expect(v2.statusCode).toBe(201);
    const refused = await get('admin', 'format=csv');
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('AGREEMENT_REQUIRED');
    expect(await exports()).toHaveLength(before);
    const signed = await t.as('admin@demo.local', {
      method: 'POST',
      url: `/api/agreements/${v2.json().id}/sign`,
    });
    expect(signed.statusCode).toBe(200);
    expect((await get('admin', 'format=csv')).statusCode).toBe(200);
    expect(await exports()).toHaveLength(before + 1);
  });
});

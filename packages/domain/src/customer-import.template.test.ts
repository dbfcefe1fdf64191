// The import template and the header aliases. The module is loaded inside each test rather
// than at the top of the file, so that a broken lookup table fails these tests instead of
// stopping the file from being collected (a collection error runs no test at all).
import { describe, expect, it } from 'vitest';

const load = () => import('./customer-import.ts');

describe('IMPORT_TEMPLATE', () => {
  it('heads each column with the field’s first (Chinese) name, in field order', async () => {
    const { IMPORT_TEMPLATE, IMPORT_FIELDS, mapImportHeader } = await load();
    expect(IMPORT_TEMPLATE.header).toEqual([
      '姓名',
      '手机',
      '邮箱',
      '客户类型',
      '价值等级',
      '课程',
      '报名日期',
      '结业日期',
      '拒绝回访',
      '偏好渠道',
      '偏好时段',
      '备注',
    ]);
    expect(mapImportHeader(IMPORT_TEMPLATE.header).columns).toEqual([...IMPORT_FIELDS]);
  });
  it('gives an example row that imports as a complete customer, leaving the empty cells out', async () => {
    const { IMPORT_TEMPLATE, mapImportHeader, parseImportRow } = await load();
    const { columns } = mapImportHeader(IMPORT_TEMPLATE.header);
    const r = parseImportRow(IMPORT_TEMPLATE.example, columns);
    expect(r).toStrictEqual({
      ok: true,
      customer: {
        name: '张伟',
        phone: '13812345678',
        email: 'zhangwei@example.com',
        segment: 'NEW_ENROLLEE',
        tier: 'MID',
        programme: 'Python 全栈开发',
        enrolledAt: '2025-03-01',
        refusesVisits: false,
        preferredChannel: 'PHONE',
        preferredTimeFrom: '09:00',
        preferredTimeTo: '12:00',
      },
    });
  });
});

describe('IMPORT_HEADERS', () => {
  it('maps every alias of every field, and nothing else, to that field', async () => {
    const { IMPORT_FIELDS, IMPORT_HEADERS, mapImportHeader } = await load();
    for (const field of IMPORT_FIELDS) {
      const aliases = IMPORT_HEADERS[field];
      expect(aliases.length).toBeGreaterThan(1);
      expect(mapImportHeader(aliases).columns).toEqual(aliases.map(() => field));
    }
    expect(mapImportHeader(['客户', 'customer', 'id']).columns).toEqual([null, null, null]);
  });
});

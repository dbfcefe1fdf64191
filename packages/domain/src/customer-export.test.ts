import { describe, expect, it } from 'vitest';
import {
  customerExportHeader,
  customerExportRow,
  type ExportedCustomer,
  IMPORT_FIELDS,
  mapImportHeader,
  parseImportRow,
} from './customer-import.ts';

// The export speaks the import's language (docs/rules.md#r-cus-3-customer-export): a file exported
// in either language maps to the import's fields and each row reads back as the same customer.
const full: ExportedCustomer = {
  name: '张伟',
  phone: '13812345678',
  email: 'zhangwei@example.com',
  segment: 'NEW_ENROLLEE',
  tier: 'MID',
  programme: 'Python 全栈开发',
  enrolledAt: '2025-03-01',
  completedAt: '2025-09-30',
  refusesVisits: true,
  preferredChannel: 'SMS',
  preferredTimeFrom: '09:00',
  preferredTimeTo: '12:00',
  notes: '家长代接',
};
const bare: ExportedCustomer = {
  name: 'Li Na',
  phone: '0218888666',
  email: null,
  segment: 'KEY_ACCOUNT',
  tier: 'HIGH',
  programme: null,
  enrolledAt: null,
  completedAt: null,
  refusesVisits: false,
  preferredChannel: null,
  preferredTimeFrom: null,
  preferredTimeTo: null,
  notes: null,
};

describe('customer export', () => {
  for (const lang of ['zh-CN', 'en'] as const) {
    it(`${lang}: the header maps to every import field, none missing or ignored`, () => {
      const m = mapImportHeader(customerExportHeader(lang));
      expect(m.missing).toEqual([]);
      expect(m.duplicates).toEqual([]);
      expect(m.ignored).toEqual([]);
      expect(m.columns).not.toContain(null);
    });

    for (const c of [full, bare]) {
      it(`${lang}: ${c.name} reads back as the same customer`, () => {
        const { columns } = mapImportHeader(customerExportHeader(lang));
        const parsed = parseImportRow(customerExportRow(c, lang), columns);
        expect(parsed.ok).toBe(true);
        if (!parsed.ok) return;
        const back = parsed.customer;
        expect(back).toMatchObject({ name: c.name, phone: c.phone, segment: c.segment, tier: c.tier });
        expect(back.email ?? null).toBe(c.email);
        expect(back.programme ?? null).toBe(c.programme);
        expect(back.enrolledAt ?? null).toBe(c.enrolledAt);
        expect(back.completedAt ?? null).toBe(c.completedAt);
        expect(back.refusesVisits ?? false).toBe(c.refusesVisits);
        expect(back.preferredChannel ?? null).toBe(c.preferredChannel);
        expect(back.preferredTimeFrom ?? null).toBe(c.preferredTimeFrom);
        expect(back.preferredTimeTo ?? null).toBe(c.preferredTimeTo);
        expect(back.notes ?? null).toBe(c.notes);
      });
    }
  }

  it('writes the template’s Chinese words, and codes in English', () => {
    expect(customerExportHeader('zh-CN').slice(0, 5)).toEqual([
      '姓名',
      '手机',
      '邮箱',
      '客户类型',
      '价值等级',
    ]);
    expect(customerExportRow(full, 'zh-CN').slice(3, 5)).toEqual(['新报名学员', '中']);
    expect(customerExportRow(full, 'zh-CN')[8]).toBe('是');
    expect(customerExportRow(full, 'zh-CN')[9]).toBe('短信');
    expect(customerExportHeader('en')).toEqual([...IMPORT_FIELDS]);
    expect(customerExportRow(full, 'en').slice(3, 5)).toEqual(['NEW_ENROLLEE', 'MID']);
    expect(customerExportRow(bare, 'en')[8]).toBe('false');
    expect(customerExportRow(bare, 'zh-CN')[10]).toBe('');
  });
});

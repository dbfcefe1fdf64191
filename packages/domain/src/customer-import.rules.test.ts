// Customer import rules at their edges: every accepted word and label, the exact limits of
// days, times and e-mail addresses, the messages of each problem, and which stored fields a
// row may change.
import { describe, expect, it } from 'vitest';
import {
  checkPhone,
  type ImportedCustomer,
  importChanges,
  mapImportHeader,
  parseDay,
  parseImportRow,
  parseTimeRange,
  type StoredImportFields,
  validateImportRows,
} from './customer-import.ts';

const HEADER = [
  '姓名',
  '手机',
  '客户类型',
  '价值等级',
  '邮箱',
  '拒绝回访',
  '偏好渠道',
  '偏好时段',
  '课程',
  '备注',
];
const columns = mapImportHeader(HEADER).columns;
const MINIMAL = { name: '张伟', phone: '13812345678', segment: 'STUDENT', tier: 'HIGH' } as const;
/** A row of the header above: the four required cells, plus `extra` by header name. */
const row = (extra: Record<string, string> = {}) => {
  const cells: Record<string, string> = {
    姓名: '张伟',
    手机: '13812345678',
    客户类型: '在读学员',
    价值等级: '高',
    ...extra,
  };
  return HEADER.map((h) => cells[h] ?? '');
};
const customerOf = (extra: Record<string, string>) => {
  const r = parseImportRow(row(extra), columns);
  if (!r.ok) throw new Error(`row refused: ${JSON.stringify(r.issues)}`);
  return r.customer;
};
const issuesOf = (extra: Record<string, string>) => {
  const r = parseImportRow(row(extra), columns);
  return r.ok ? [] : r.issues;
};

describe('mapImportHeader', () => {
  it('reads English names whatever their spacing and case', () => {
    expect(
      mapImportHeader(['Refuses  Visits', 'preferred time', 'E-MAIL', 'Preferred Channel']).columns,
    ).toEqual(['refusesVisits', 'preferredTime', 'email', 'preferredChannel']);
  });
  it('lists unknown header cells trimmed, and blank ones not at all', () => {
    const m = mapImportHeader(['姓名', '  备用字段 ', '   ', '', null, undefined, ' 手机 ']);
    expect(m.columns).toEqual(['name', null, null, null, null, null, 'phone']);
    expect(m.ignored).toEqual(['备用字段']);
  });
});

describe('the words and labels a row may use', () => {
  it('reads every word for refusing visits and for accepting them', () => {
    for (const v of ['是', 'true', 'TRUE', 'yes', 'y', 'Y', '1', '拒绝']) {
      expect(customerOf({ 拒绝回访: v }).refusesVisits).toBe(true);
    }
    for (const v of ['否', 'false', 'False', 'no', 'n', 'N', '0', '接受']) {
      expect(customerOf({ 拒绝回访: v }).refusesVisits).toBe(false);
    }
    expect(issuesOf({ 拒绝回访: '也许' })).toEqual([
      { field: 'refusesVisits', reason: 'BOOLEAN_INVALID', message: 'expected 是 or 否 (true/false)' },
    ]);
  });
  it('reads every tier label', () => {
    const tiers = {
      高: 'HIGH',
      高价值: 'HIGH',
      中: 'MID',
      中价值: 'MID',
      低: 'LOW',
      低价值: 'LOW',
      low: 'LOW',
    };
    for (const [label, tier] of Object.entries(tiers))
      expect(customerOf({ 价值等级: label }).tier).toBe(tier);
  });
  it('reads every channel label', () => {
    const channels = {
      电话: 'PHONE',
      短信: 'SMS',
      邮件: 'EMAIL',
      在线问卷: 'ONLINE_SURVEY',
      面访: 'FACE_TO_FACE',
    };
    for (const [label, channel] of Object.entries(channels)) {
      expect(customerOf({ 偏好渠道: label }).preferredChannel).toBe(channel);
    }
  });
  it('names the unknown segment, tier and channel', () => {
    expect(issuesOf({ 客户类型: '老客户', 价值等级: '特高', 偏好渠道: '微信' })).toEqual([
      { field: 'segment', reason: 'SEGMENT_INVALID', message: 'unknown segment "老客户"' },
      { field: 'tier', reason: 'TIER_INVALID', message: 'unknown tier "特高" (HIGH/MID/LOW or 高/中/低)' },
      { field: 'preferredChannel', reason: 'CHANNEL_INVALID', message: 'unknown channel "微信"' },
    ]);
  });
});

describe('checkPhone messages', () => {
  it('says why a number is refused', () => {
    expect(checkPhone('138-1234-567a')).toEqual({ ok: false, message: 'a phone number holds digits only' });
    expect(checkPhone('123456')).toEqual({ ok: false, message: 'a phone number has 7 to 15 digits' });
    expect(checkPhone('1234567890123456')).toEqual({
      ok: false,
      message: 'a phone number has 7 to 15 digits',
    });
    expect(checkPhone('23812345678')).toEqual({
      ok: false,
      message: 'an 11-digit mobile number starts with 1',
    });
    expect(checkPhone('1234567')).toEqual({ ok: true, phone: '1234567' });
    expect(checkPhone('123456789012345')).toEqual({ ok: true, phone: '123456789012345' });
  });
});

describe('e-mail addresses', () => {
  it('takes a domain with several dots, lower-cased', () => {
    expect(customerOf({ 邮箱: 'Li.Na@Mail.Example.com.cn' }).email).toBe('li.na@mail.example.com.cn');
  });
  it('refuses a second @ before or after the address', () => {
    for (const email of ['a@b@example.com', 'a@example.com@', 'a@example.com@b', 'a@example', 'a@.com']) {
      expect(issuesOf({ 邮箱: email })).toEqual([
        { field: 'email', reason: 'EMAIL_INVALID', message: 'not an e-mail address' },
      ]);
    }
  });
});

describe('parseDay limits', () => {
  it('accepts spaces around the separators and before 日', () => {
    expect(parseDay('2025 - 3 - 1')).toBe('2025-03-01');
    expect(parseDay('2025 年 3 月 1 日')).toBe('2025-03-01');
    expect(parseDay(' 2025/12/31 ')).toBe('2025-12-31');
  });
  it('refuses anything before or after the date', () => {
    expect(parseDay('x2025-03-01')).toBeNull();
    expect(parseDay('12025-03-01')).toBeNull();
    expect(parseDay('2025-03-01x')).toBeNull();
    expect(parseDay('2025-03-011')).toBeNull();
  });
  it('refuses a day the month does not have', () => {
    expect(parseDay('2025-02-29')).toBeNull();
    expect(parseDay('2024-02-29')).toBe('2024-02-29');
    expect(parseDay('2025-04-31')).toBeNull();
  });
  it('takes the years 1900 to 2200', () => {
    expect(parseDay('1899-12-31')).toBeNull();
    expect(parseDay('1900-01-01')).toBe('1900-01-01');
    expect(parseDay('2200-12-31')).toBe('2200-12-31');
    expect(parseDay('2201-01-01')).toBeNull();
  });
});

describe('parseTimeRange limits', () => {
  it('takes the last minute of the day and the 59th minute of an hour', () => {
    expect(parseTimeRange('23:00-23:59')).toEqual({ from: '23:00', to: '23:59' });
    expect(parseTimeRange('9:59-10:00')).toEqual({ from: '09:59', to: '10:00' });
  });
  it('ignores spaces around the window', () => {
    expect(parseTimeRange('  09:00-12:00 ')).toEqual({ from: '09:00', to: '12:00' });
  });
  it('refuses anything before or after a time, and text that is no time', () => {
    expect(parseTimeRange('109:00-12:00')).toBeNull();
    expect(parseTimeRange('09:000-12:00')).toBeNull();
    expect(parseTimeRange('09:00-12:001')).toBeNull();
    expect(parseTimeRange('上午-下午')).toBeNull();
    expect(parseTimeRange('24:00-25:00')).toBeNull();
    expect(parseTimeRange('09:60-10:00')).toBeNull();
  });
});

describe('parseImportRow', () => {
  it('keeps the first non-empty cell when two columns name the same field', () => {
    const cols = mapImportHeader(['姓名', 'name', '手机', '客户类型', '价值等级']).columns;
    const r = parseImportRow(['', '李四', '13812345678', '在读学员', '高'], cols);
    expect(r.ok && r.customer.name).toBe('李四');
    const r2 = parseImportRow(['张伟', '李四', '13812345678', '在读学员', '高'], cols);
    expect(r2.ok && r2.customer.name).toBe('张伟');
  });
  it('leaves out the optional fields a row does not give, not even as undefined', () => {
    expect(parseImportRow(row(), columns)).toStrictEqual({ ok: true, customer: { ...MINIMAL } });
  });
  it('keeps the programme and the notes', () => {
    expect(customerOf({ 课程: 'UI 设计', 备注: '只在周末联系' })).toStrictEqual({
      ...MINIMAL,
      programme: 'UI 设计',
      notes: '只在周末联系',
    });
  });
  it('says which field is too long and what the limit is', () => {
    expect(issuesOf({ 备注: '字'.repeat(2001), 课程: 'x'.repeat(101) })).toEqual([
      { field: 'programme', reason: 'TOO_LONG', message: 'programme is longer than 100 characters' },
      { field: 'notes', reason: 'TOO_LONG', message: 'notes is longer than 2000 characters' },
    ]);
    expect(customerOf({ 备注: '字'.repeat(2000) }).notes).toHaveLength(2000);
  });
});

describe('validateImportRows', () => {
  it('skips rows whose cells are all empty, null or missing', () => {
    const v = validateImportRows([[null, undefined, '  '], [], row(), [undefined]], columns);
    expect(v).toEqual({ total: 1, rows: [{ row: 4, customer: { ...MINIMAL } }], errors: [], invalid: 0 });
  });
});

describe('importChanges', () => {
  const stored: StoredImportFields = {
    name: '张伟',
    email: 'old@example.com',
    segment: 'STUDENT',
    tier: 'HIGH',
    programme: 'Python',
    enrolledAt: '2025-03-01',
    completedAt: null,
    refusesVisits: false,
    preferredChannel: null,
    preferredTimeFrom: null,
    preferredTimeTo: null,
    notes: null,
  };
  it('lists a change of every field an import may change', () => {
    const incoming: ImportedCustomer = {
      name: '张伟伟',
      phone: '13812345678',
      email: 'new@example.com',
      segment: 'GRADUATE',
      tier: 'LOW',
      programme: 'Java',
      enrolledAt: '2025-04-01',
      completedAt: '2025-09-01',
      refusesVisits: true,
      preferredChannel: 'EMAIL',
      preferredTimeFrom: '14:00',
      preferredTimeTo: '18:00',
      notes: '新备注',
    };
    const { phone: _phone, ...changes } = incoming;
    expect(importChanges(stored, incoming)).toStrictEqual(changes);
  });
  it('names no field the row leaves out, not even as undefined', () => {
    expect(importChanges(stored, { ...MINIMAL })).toStrictEqual({});
    expect(Object.keys(importChanges(stored, { ...MINIMAL, name: '李四' }))).toEqual(['name']);
  });
});

import { describe, expect, it } from 'vitest';
import {
  checkPhone,
  IMPORT_FIELDS,
  IMPORT_HEADERS,
  IMPORT_TEMPLATE,
  type ImportField,
  importChanges,
  importRowsValidator,
  mapImportHeader,
  parseDay,
  parseImportRow,
  parseTimeRange,
  type StoredImportFields,
  validateImportRows,
} from './customer-import.ts';

const ZH = [
  '姓名',
  '手机',
  '邮箱',
  '客户类型',
  '价值等级',
  '课程',
  '报名日期',
  '拒绝回访',
  '偏好渠道',
  '偏好时段',
];
const zhColumns = mapImportHeader(ZH).columns;
const row = (over: Partial<Record<string, string>> = {}) => {
  const base: Record<string, string> = {
    姓名: '张伟',
    手机: '13812345678',
    邮箱: '',
    客户类型: '在读学员',
    价值等级: '高',
    课程: '',
    报名日期: '',
    拒绝回访: '',
    偏好渠道: '',
    偏好时段: '',
    ...over,
  };
  return ZH.map((h) => base[h] ?? '');
};

describe('mapImportHeader', () => {
  it('maps the Chinese template header to every field in order', () => {
    const m = mapImportHeader(IMPORT_TEMPLATE.header);
    expect(m.columns).toEqual([...IMPORT_FIELDS]);
    expect(m.missing).toEqual([]);
    expect(m.duplicates).toEqual([]);
    expect(m.ignored).toEqual([]);
  });

  it('accepts English names in any case, with spaces and a BOM on the first cell', () => {
    const m = mapImportHeader(['\uFEFFName', ' PHONE ', 'E-Mail', 'segment', 'Tier', 'Refuses Visits']);
    expect(m.columns).toEqual(['name', 'phone', 'email', 'segment', 'tier', 'refusesVisits']);
    expect(m.missing).toEqual([]);
  });

  it('accepts every alias of docs/rules.md#r-cus-2-customer-import for the phone column', () => {
    for (const h of ['手机', '手机号', '电话', 'phone']) {
      expect(mapImportHeader([h]).columns).toEqual(['phone']);
    }
  });

  it('every alias maps to its own field', () => {
    for (const f of IMPORT_FIELDS) {
      for (const h of IMPORT_HEADERS[f]) expect(mapImportHeader([h]).columns[0]).toBe(f);
    }
  });

  it('lists missing required columns, duplicates and ignored columns', () => {
    const m = mapImportHeader(['姓名', 'name', '备注二', '', null, '价值等级']);
    expect(m.columns).toEqual(['name', 'name', null, null, null, 'tier']);
    expect(m.missing).toEqual(['phone', 'segment']);
    expect(m.duplicates).toEqual(['name']);
    expect(m.ignored).toEqual(['备注二']);
  });

  it('an empty header misses every required column', () => {
    expect(mapImportHeader([]).missing).toEqual(['name', 'phone', 'segment', 'tier']);
  });
});

describe('checkPhone', () => {
  it('normalises common notations of a mainland mobile', () => {
    for (const raw of [
      '13812345678',
      '+86 138-1234-5678',
      '0086 13812345678',
      '138 1234 5678',
      '(138)12345678',
    ]) {
      expect(checkPhone(raw)).toEqual({ ok: true, phone: '13812345678' });
    }
  });
  it('accepts 7 to 15 digits, other than 11 digits not starting with 1', () => {
    expect(checkPhone('1234567')).toEqual({ ok: true, phone: '1234567' });
    expect(checkPhone('123456789012345')).toEqual({ ok: true, phone: '123456789012345' });
    expect(checkPhone('021-6234567')).toEqual({ ok: true, phone: '0216234567' });
    expect(checkPhone('123456').ok).toBe(false);
    expect(checkPhone('1234567890123456').ok).toBe(false);
    expect(checkPhone('02112345678').ok).toBe(false);
    expect(checkPhone('23812345678').ok).toBe(false);
  });
  it('refuses letters and empty input', () => {
    expect(checkPhone('1381234567x').ok).toBe(false);
    expect(checkPhone('电话13812345678').ok).toBe(false);
    expect(checkPhone('').ok).toBe(false);
    expect(checkPhone('---').ok).toBe(false);
  });
});

describe('parseDay', () => {
  it('reads ISO, slashes, dots and Chinese dates', () => {
    expect(parseDay('2025-03-01')).toBe('2025-03-01');
    expect(parseDay('2025/3/1')).toBe('2025-03-01');
    expect(parseDay('2025.03.1')).toBe('2025-03-01');
    expect(parseDay('2025年3月1日')).toBe('2025-03-01');
    expect(parseDay(' 2024-02-29 ')).toBe('2024-02-29');
  });
  it('refuses impossible days and other shapes', () => {
    expect(parseDay('2025-02-29')).toBeNull();
    expect(parseDay('2025-13-01')).toBeNull();
    expect(parseDay('2025-00-10')).toBeNull();
    expect(parseDay('01/03/2025')).toBeNull();
    expect(parseDay('20250301')).toBeNull();
    expect(parseDay('1800-01-01')).toBeNull();
    expect(parseDay('yesterday')).toBeNull();
  });
});

describe('parseTimeRange', () => {
  it('reads a window with the usual separators and pads the hours', () => {
    expect(parseTimeRange('09:00-12:00')).toEqual({ from: '09:00', to: '12:00' });
    expect(parseTimeRange('9:00 ～ 12:30')).toEqual({ from: '09:00', to: '12:30' });
    expect(parseTimeRange('18:30~21:00')).toEqual({ from: '18:30', to: '21:00' });
    expect(parseTimeRange('14：00至17：30')).toEqual({ from: '14:00', to: '17:30' });
    expect(parseTimeRange('14:00 到 17:30')).toEqual({ from: '14:00', to: '17:30' });
  });
  it('refuses reversed, empty, out-of-range and single times', () => {
    expect(parseTimeRange('12:00-09:00')).toBeNull();
    expect(parseTimeRange('09:00-09:00')).toBeNull();
    expect(parseTimeRange('24:00-25:00')).toBeNull();
    expect(parseTimeRange('09:60-10:00')).toBeNull();
    expect(parseTimeRange('09:00')).toBeNull();
    expect(parseTimeRange('morning')).toBeNull();
    expect(parseTimeRange('09:00-10:00-11:00')).toBeNull();
  });
});

describe('parseImportRow', () => {
  it('gives a normalised customer from a minimal row; empty cells stay undefined', () => {
    expect(parseImportRow(row({ 手机: '+86 138 1234 5678' }), zhColumns)).toEqual({
      ok: true,
      customer: { name: '张伟', phone: '13812345678', segment: 'STUDENT', tier: 'HIGH' },
    });
  });

  it('reads every optional column', () => {
    const r = parseImportRow(
      row({
        邮箱: ' ZhangWei@Example.com ',
        课程: 'Python 全栈开发',
        报名日期: '2025/3/1',
        拒绝回访: '是',
        偏好渠道: '短信',
        偏好时段: '09:00-12:00',
      }),
      zhColumns,
    );
    expect(r).toEqual({
      ok: true,
      customer: {
        name: '张伟',
        phone: '13812345678',
        segment: 'STUDENT',
        tier: 'HIGH',
        email: 'zhangwei@example.com',
        programme: 'Python 全栈开发',
        enrolledAt: '2025-03-01',
        refusesVisits: true,
        preferredChannel: 'SMS',
        preferredTimeFrom: '09:00',
        preferredTimeTo: '12:00',
      },
    });
  });

  it('accepts enum values and Chinese labels for segment, tier and channel', () => {
    const cases: Array<[Record<string, string>, Record<string, string>]> = [
      [{ 客户类型: 'PROSPECT' }, { segment: 'PROSPECT' }],
      [{ 客户类型: 'new_enrollee' }, { segment: 'NEW_ENROLLEE' }],
      [{ 客户类型: '意向客户' }, { segment: 'PROSPECT' }],
      [{ 客户类型: '新报名学员' }, { segment: 'NEW_ENROLLEE' }],
      [{ 客户类型: '结业学员' }, { segment: 'GRADUATE' }],
      [{ 客户类型: '重点客户' }, { segment: 'KEY_ACCOUNT' }],
      [{ 客户类型: '流失客户' }, { segment: 'CHURNED' }],
      [{ 价值等级: 'mid' }, { tier: 'MID' }],
      [{ 价值等级: '中' }, { tier: 'MID' }],
      [{ 价值等级: '低' }, { tier: 'LOW' }],
      [{ 价值等级: '高价值' }, { tier: 'HIGH' }],
      [{ 偏好渠道: '电话' }, { preferredChannel: 'PHONE' }],
      [{ 偏好渠道: '面访' }, { preferredChannel: 'FACE_TO_FACE' }],
      [{ 偏好渠道: 'online_survey' }, { preferredChannel: 'ONLINE_SURVEY' }],
      [{ 偏好渠道: '邮件' }, { preferredChannel: 'EMAIL' }],
    ];
    for (const [cells, expected] of cases) {
      const r = parseImportRow(row(cells), zhColumns);
      expect(r.ok).toBe(true);
      if (r.ok) expect(r.customer).toMatchObject(expected);
    }
  });

  it('reads 是/否/true/false for refusing visits', () => {
    for (const [v, b] of [
      ['是', true],
      ['否', false],
      ['true', true],
      ['FALSE', false],
      ['Yes', true],
      ['no', false],
      ['1', true],
      ['0', false],
    ] as const) {
      const r = parseImportRow(row({ 拒绝回访: v }), zhColumns);
      expect(r.ok && r.customer.refusesVisits).toBe(b);
    }
  });

  it('reports every problem of a row with its field and reason', () => {
    const r = parseImportRow(
      row({
        姓名: '',
        手机: '12345',
        邮箱: 'not-an-email',
        客户类型: 'VIP',
        价值等级: '超高',
        报名日期: '2025-02-30',
        拒绝回访: '也许',
        偏好渠道: '微信',
        偏好时段: '12:00-09:00',
      }),
      zhColumns,
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues.map((i) => [i.field, i.reason])).toEqual([
      ['name', 'REQUIRED'],
      ['phone', 'PHONE_INVALID'],
      ['email', 'EMAIL_INVALID'],
      ['segment', 'SEGMENT_INVALID'],
      ['tier', 'TIER_INVALID'],
      ['enrolledAt', 'DATE_INVALID'],
      ['refusesVisits', 'BOOLEAN_INVALID'],
      ['preferredChannel', 'CHANNEL_INVALID'],
      ['preferredTime', 'TIME_RANGE_INVALID'],
    ]);
    for (const i of r.issues) expect(i.message.length).toBeGreaterThan(0);
  });

  it('requires name, phone, segment and tier', () => {
    const r = parseImportRow(row({ 姓名: ' ', 手机: '', 客户类型: '', 价值等级: '' }), zhColumns);
    expect(r.ok ? [] : r.issues.map((i) => `${i.field}:${i.reason}`)).toEqual([
      'name:REQUIRED',
      'phone:REQUIRED',
      'segment:REQUIRED',
      'tier:REQUIRED',
    ]);
  });

  it('refuses values that are too long', () => {
    const r = parseImportRow(row({ 姓名: '张'.repeat(101), 课程: 'x'.repeat(101) }), zhColumns);
    expect(r.ok ? [] : r.issues.map((i) => `${i.field}:${i.reason}`)).toEqual([
      'name:TOO_LONG',
      'programme:TOO_LONG',
    ]);
    expect(parseImportRow(row({ 姓名: '张'.repeat(100) }), zhColumns).ok).toBe(true);
  });

  it('ignores unmapped columns and missing trailing cells; collapses spaces in names', () => {
    const columns: (ImportField | null)[] = ['name', null, 'phone', 'segment', 'tier', 'email'];
    const r = parseImportRow(['  李  娜 ', 'whatever', '13900001111', 'GRADUATE', 'LOW'], columns);
    expect(r).toEqual({
      ok: true,
      customer: { name: '李 娜', phone: '13900001111', segment: 'GRADUATE', tier: 'LOW' },
    });
  });
});

describe('validateImportRows', () => {
  it('numbers rows as the spreadsheet does, skips blank rows and lists errors per row', () => {
    const result = validateImportRows(
      [
        row(),
        ['', '  ', '', '', '', '', '', '', '', ''],
        row({ 姓名: '李娜', 手机: '139-0000-1111' }),
        row({ 姓名: '王芳', 手机: 'abc' }),
        [],
        row({ 姓名: '赵强', 手机: '+86 13812345678' }),
      ],
      zhColumns,
    );
    expect(result.total).toBe(4);
    expect(result.invalid).toBe(2);
    expect(result.rows.map((r) => [r.row, r.customer?.phone ?? null])).toEqual([
      [2, '13812345678'],
      [4, '13900001111'],
      [5, null],
      [7, null],
    ]);
    expect(result.errors).toEqual([
      { row: 5, field: 'phone', reason: 'PHONE_INVALID', message: expect.any(String) },
      {
        row: 7,
        field: 'phone',
        reason: 'DUPLICATE_IN_FILE',
        message: 'the same phone number is on row 2',
      },
    ]);
  });

  it('an invalid first occurrence does not make a later one a duplicate', () => {
    const result = validateImportRows([row({ 客户类型: 'VIP' }), row({ 姓名: '李娜' })], zhColumns);
    expect(result.errors.map((e) => [e.row, e.reason])).toEqual([[2, 'SEGMENT_INVALID']]);
    expect(result.rows[1]).toMatchObject({ row: 3, customer: { name: '李娜' } });
  });

  it('starts counting at the given row', () => {
    const result = validateImportRows([row({ 手机: '1' })], zhColumns, 10);
    expect(result.errors[0]?.row).toBe(10);
  });

  it('an empty file has no rows', () => {
    expect(validateImportRows([], zhColumns)).toEqual({ total: 0, rows: [], errors: [], invalid: 0 });
  });
});

describe('importRowsValidator', () => {
  it('checks rows one at a time, numbered as given, as validateImportRows checks them together', () => {
    const rows = [
      row(),
      [],
      row({ 姓名: '李娜', 手机: '139-0000-1111' }),
      row({ 姓名: '王芳', 手机: 'abc', 价值等级: '超高' }),
      row({ 姓名: '赵强', 手机: '+86 13812345678' }),
    ];
    const validator = importRowsValidator(zhColumns);
    const { result } = validator;
    expect(result).toEqual({ total: 0, rows: [], errors: [], invalid: 0 });
    validator.add(rows[0]!, 7);
    expect(validator.result).toBe(result);
    expect(result).toMatchObject({ total: 1, invalid: 0, rows: [{ row: 7 }] });
    rows.slice(1).forEach((cells, i) => {
      validator.add(cells, 8 + i);
    });
    expect(result).toEqual(validateImportRows(rows, zhColumns, 7));
    expect(result.errors.map((e) => [e.row, e.reason])).toEqual([
      [10, 'PHONE_INVALID'],
      [10, 'TIER_INVALID'],
      [11, 'DUPLICATE_IN_FILE'],
    ]);
  });
});

describe('importChanges', () => {
  const stored: StoredImportFields = {
    name: '张伟',
    email: 'zhangwei@example.com',
    segment: 'STUDENT',
    tier: 'HIGH',
    programme: 'Python 全栈开发',
    enrolledAt: '2025-03-01',
    completedAt: null,
    refusesVisits: false,
    preferredChannel: null,
    preferredTimeFrom: null,
    preferredTimeTo: null,
    notes: null,
  };

  it('is empty when the row says what is stored (re-import)', () => {
    expect(
      importChanges(stored, {
        name: '张伟',
        phone: '13812345678',
        segment: 'STUDENT',
        tier: 'HIGH',
        email: 'zhangwei@example.com',
        enrolledAt: '2025-03-01',
        refusesVisits: false,
      }),
    ).toEqual({});
  });

  it('never blanks out what the row leaves empty', () => {
    expect(importChanges(stored, { name: '张伟', phone: '1', segment: 'STUDENT', tier: 'HIGH' })).toEqual({});
  });

  it('lists exactly the fields that differ', () => {
    expect(
      importChanges(stored, {
        name: '张伟',
        phone: '13812345678',
        segment: 'GRADUATE',
        tier: 'HIGH',
        completedAt: '2025-07-01',
        refusesVisits: true,
        preferredChannel: 'SMS',
        preferredTimeFrom: '09:00',
        preferredTimeTo: '12:00',
      }),
    ).toEqual({
      segment: 'GRADUATE',
      completedAt: '2025-07-01',
      refusesVisits: true,
      preferredChannel: 'SMS',
      preferredTimeFrom: '09:00',
      preferredTimeTo: '12:00',
    });
  });
});

describe('IMPORT_TEMPLATE', () => {
  it('its example row is valid', () => {
    const { columns } = mapImportHeader(IMPORT_TEMPLATE.header);
    const r = parseImportRow(IMPORT_TEMPLATE.example, columns);
    expect(r.ok).toBe(true);
    expect(IMPORT_TEMPLATE.example).toHaveLength(IMPORT_TEMPLATE.header.length);
  });
});

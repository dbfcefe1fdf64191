import { CUSTOMER_EVENT_KINDS } from '@huifang/contracts';
import { describe, expect, it } from 'vitest';
import {
  derivedExternalId,
  EVENT_IMPORT_FIELDS,
  EVENT_IMPORT_HEADERS,
  EVENT_IMPORT_TEMPLATE,
  EVENT_KIND_LABELS,
  eventImportRowsValidator,
  mapEventImportHeader,
  parseEventDay,
  parseEventImportRow,
  settleEventRows,
  validateEventImportRows,
} from './customer-event-import.ts';

const TODAY = '2026-03-18';
const COLUMNS = ['phone', 'kind', 'day', 'externalId', 'note'] as const;
const row = (phone: string, kind: string, day: string, externalId = '', note = '') => [
  phone,
  kind,
  day,
  externalId,
  note,
];

describe('event import header', () => {
  it('maps Chinese and English names, any case, spaces and BOM', () => {
    expect(mapEventImportHeader(['\uFEFF手机', '事件', '日期', '外部编号', '备注'])).toEqual({
      columns: ['phone', 'kind', 'day', 'externalId', 'note'],
      missing: [],
      duplicates: [],
      ignored: [],
    });
    expect(mapEventImportHeader([' Phone ', 'KIND', 'Day', 'external id', 'Note', 'Extra']).columns).toEqual([
      'phone',
      'kind',
      'day',
      'externalId',
      'note',
      null,
    ]);
    expect(mapEventImportHeader(['手机号', '事件类型', '发生日期']).missing).toEqual([]);
  });

  it('names the required columns that are missing, and the ones named twice', () => {
    const m = mapEventImportHeader(['手机', '备注', '', '姓名']);
    expect(m.missing).toEqual(['kind', 'day']);
    expect(m.ignored).toEqual(['姓名']);
    expect(mapEventImportHeader(['phone', '手机', 'kind', 'day']).duplicates).toEqual(['phone']);
  });

  it('every field has its template name first, and the template has a column a field', () => {
    expect(EVENT_IMPORT_TEMPLATE.header).toEqual(['手机', '事件', '日期', '外部编号', '备注']);
    expect(EVENT_IMPORT_TEMPLATE.example).toHaveLength(EVENT_IMPORT_FIELDS.length);
    for (const f of EVENT_IMPORT_FIELDS) expect(EVENT_IMPORT_HEADERS[f].length).toBeGreaterThan(1);
    const m = mapEventImportHeader(EVENT_IMPORT_TEMPLATE.header);
    const parsed = parseEventImportRow(EVENT_IMPORT_TEMPLATE.example, m.columns, TODAY);
    expect(parsed.ok).toBe(true);
  });
});

describe('event days', () => {
  it.each([
    ['2025-03-01', '2025-03-01'],
    ['2025/3/1', '2025-03-01'],
    ['2025.03.01', '2025-03-01'],
    ['2025年3月1日', '2025-03-01'],
    [' 2025-03-01 ', '2025-03-01'],
    ['2025-03-01 08:30', '2025-03-01'],
    ['2025-03-01 08:30:15', '2025-03-01'],
    ['2025-03-01T08:30:15.000', '2025-03-01'],
    ['45717', '2025-03-01'],
    ['45717.75', '2025-03-01'],
    ['2024-02-29', '2024-02-29'],
  ])('reads %s as %s', (raw, day) => {
    expect(parseEventDay(raw)).toBe(day);
  });

  it.each([
    '2025-02-29',
    '2025-13-01',
    '2025-3',
    'yesterday',
    '',
    '1234',
    '123456',
    '2025-03-01 25',
    '01/03/2025',
  ])('refuses %s', (raw) => {
    expect(parseEventDay(raw)).toBeNull();
  });
});

describe('one event row', () => {
  it('reads a row with the kind as its code or its Chinese or English label', () => {
    const r = parseEventImportRow(
      row('+86 138-1234-5678', '出院', '2026-03-17', 'HIS-1', ' 复查 '),
      COLUMNS,
      TODAY,
    );
    expect(r).toEqual({
      ok: true,
      event: {
        phone: '13812345678',
        kind: 'DISCHARGE',
        day: '2026-03-17',
        externalId: 'HIS-1',
        derived: false,
        note: '复查',
      },
    });
    for (const kind of ['SURGERY', 'surgery', '手术', 'Surgery', ' 手 术 ']) {
      const s = parseEventImportRow(row('13812345678', kind, '2026-03-01'), COLUMNS, TODAY);
      expect(s.ok && s.event.kind).toBe('SURGERY');
    }
  });

  it('knows every kind by its code and by each of its labels', () => {
    for (const kind of CUSTOMER_EVENT_KINDS)
      for (const name of [kind, ...EVENT_KIND_LABELS[kind]]) {
        const r = parseEventImportRow(row('13812345678', name, TODAY), COLUMNS, TODAY);
        expect(r.ok && r.event.kind).toBe(kind);
      }
    const labels = CUSTOMER_EVENT_KINDS.flatMap((k) => EVENT_KIND_LABELS[k]);
    expect(new Set(labels).size).toBe(labels.length);
  });

  it('derives the same external id from the same phone, kind and day, and another from any other', () => {
    const r = parseEventImportRow(row('138 1234 5678', '手术', '2026/3/1'), COLUMNS, TODAY);
    expect(r.ok && r.event).toMatchObject({ derived: true, note: null });
    const id = r.ok ? r.event.externalId : '';
    expect(id).toBe(derivedExternalId('13812345678', 'SURGERY', '2026-03-01'));
    expect(id).toMatch(/^import:SURGERY:2026-03-01:[0-9a-f]{16}$/);
    expect(id).not.toContain('13812345678');
    const again = parseEventImportRow(row('13812345678', 'SURGERY', '2026-03-01'), COLUMNS, TODAY);
    expect(again.ok && again.event.externalId).toBe(id);
    expect(derivedExternalId('13812345679', 'SURGERY', '2026-03-01')).not.toBe(id);
    expect(derivedExternalId('13812345678', 'DISCHARGE', '2026-03-01')).not.toBe(id);
    expect(derivedExternalId('13812345678', 'SURGERY', '2026-03-02')).not.toBe(id);
    expect(id.length).toBeLessThanOrEqual(100);
  });

  it('accepts today and refuses a day after it, or not a day', () => {
    expect(parseEventImportRow(row('13812345678', '出院', TODAY), COLUMNS, TODAY).ok).toBe(true);
    expect(parseEventImportRow(row('13812345678', '出院', '2026-03-19'), COLUMNS, TODAY)).toEqual({
      ok: false,
      issues: [{ field: 'day', reason: 'FUTURE_DAY', message: '2026-03-19 is after today (2026-03-18)' }],
    });
    expect(parseEventImportRow(row('13812345678', '出院', '2026-02-30'), COLUMNS, TODAY)).toMatchObject({
      ok: false,
      issues: [{ field: 'day', reason: 'DATE_INVALID' }],
    });
  });

  it('lists every problem of a row', () => {
    const r = parseEventImportRow(row('12345', '体检', '明天', 'has space', 'x'.repeat(501)), COLUMNS, TODAY);
    expect(r.ok ? [] : r.issues.map((i) => [i.field, i.reason])).toEqual([
      ['phone', 'PHONE_INVALID'],
      ['kind', 'KIND_INVALID'],
      ['day', 'DATE_INVALID'],
      ['externalId', 'EXTERNAL_ID_INVALID'],
      ['note', 'TOO_LONG'],
    ]);
    const empty = parseEventImportRow(['', ' ', ''], ['phone', 'kind', 'day'], TODAY);
    expect(empty.ok ? [] : empty.issues.map((i) => [i.field, i.reason])).toEqual([
      ['phone', 'REQUIRED'],
      ['kind', 'REQUIRED'],
      ['day', 'REQUIRED'],
    ]);
    expect(parseEventImportRow(row('13812345678', '出院', TODAY, 'x'.repeat(101)), COLUMNS, TODAY).ok).toBe(
      false,
    );
    expect(
      parseEventImportRow(row('13812345678', '出院', TODAY, '', '备'.repeat(500)), COLUMNS, TODAY).ok,
    ).toBe(true);
  });

  it('ignores columns that are not imported and reads the first of a field that has a value', () => {
    const r = parseEventImportRow(
      ['张三', '13812345678', '出院', TODAY],
      [null, 'phone', 'kind', 'day'],
      TODAY,
    );
    expect(r.ok && r.event.phone).toBe('13812345678');
  });
});

describe('a file of event rows', () => {
  it('skips blank rows, numbers the others, and refuses a repeated event with the row it repeats', () => {
    const v = validateEventImportRows(
      [
        row('13812345678', '出院', '2026-03-10'),
        ['', '', '', '', ''],
        row('13812345678', 'DISCHARGE', '2026/3/10'),
        row('13812345678', '出院', '2026-03-11'),
        row('13900000000', '手术', '2026-03-01', 'A-1'),
        row('13900000001', '购买', '2026-03-02', 'A-1'),
        row('13900000001', '购买', '2026-03-02', 'A-2'),
        row('1', '?', ''),
      ],
      COLUMNS,
      TODAY,
    );
    expect(v.total).toBe(7);
    expect(v.invalid).toBe(3);
    expect(v.rows.map((r) => [r.row, r.event?.kind ?? null])).toEqual([
      [2, 'DISCHARGE'],
      [4, null],
      [5, 'DISCHARGE'],
      [6, 'SURGERY'],
      [7, null],
      [8, 'PURCHASE'],
      [9, null],
    ]);
    expect(v.errors).toEqual([
      { row: 4, reason: 'DUPLICATE_IN_FILE', message: 'the same customer, event and day are on row 2' },
      {
        row: 7,
        field: 'externalId',
        reason: 'DUPLICATE_IN_FILE',
        message: 'the same external id is on row 6',
      },
      { row: 9, field: 'day', reason: 'REQUIRED', message: 'day is required' },
      { row: 9, field: 'phone', reason: 'PHONE_INVALID', message: expect.any(String) },
      { row: 9, field: 'kind', reason: 'KIND_INVALID', message: expect.any(String) },
    ]);
  });

  it('checks rows one at a time as they are added', () => {
    const v = eventImportRowsValidator(COLUMNS, TODAY);
    v.add(row('13812345678', '出院', TODAY), 5);
    expect(v.result).toMatchObject({ total: 1, invalid: 0 });
    v.add(row('13812345678', '出院', TODAY), 9);
    expect(v.result).toMatchObject({
      total: 2,
      invalid: 1,
      errors: [{ row: 9, reason: 'DUPLICATE_IN_FILE' }],
    });
  });
});

describe('settling rows against the customers and the events imported before', () => {
  const valid = validateEventImportRows(
    [
      row('13800000001', '出院', '2026-03-10'),
      row('13800000002', '手术', '2026-03-11', 'HIS-2', '左膝'),
      row('13800000003', '手术', '2026-03-11', 'HIS-3'),
      row('13800000004', '购买', '2026-03-12'),
      row('13800000005', '购买', '2026-03-12'),
      row('13800000001', '退费', '2026-03-12', 'HIS-6'),
      row('bad', '出院', TODAY),
    ],
    COLUMNS,
    TODAY,
  );
  const customers = new Map([
    ['13800000001', 'c1'],
    ['13800000002', 'c2'],
    ['13800000003', 'c3'],
    ['13800000005', 'c5'],
  ]);

  it('creates what is new, counts what was imported alike, refuses unknown phones and reused ids', () => {
    const imported = new Map([
      ['HIS-2', { customerId: 'c2', kind: 'SURGERY', day: '2026-03-11', note: '左膝' }],
      ['HIS-3', { customerId: 'c3', kind: 'SURGERY', day: '2026-03-10', note: null }],
      [
        derivedExternalId('13800000005', 'PURCHASE', '2026-03-12'),
        { customerId: 'c5', kind: 'PURCHASE', day: '2026-03-12', note: '旧备注' },
      ],
      ['HIS-6', { customerId: 'c2', kind: 'REFUND', day: '2026-03-12', note: null }],
    ]);
    const s = settleEventRows(valid.rows, customers, imported);
    expect(s.creates).toEqual([
      {
        row: 2,
        customerId: 'c1',
        phone: '13800000001',
        kind: 'DISCHARGE',
        day: '2026-03-10',
        externalId: derivedExternalId('13800000001', 'DISCHARGE', '2026-03-10'),
        derived: true,
        note: null,
      },
    ]);
    expect(s.unchanged).toBe(1);
    expect(s.errors.map((e) => [e.row, e.field, e.reason])).toEqual([
      [4, 'externalId', 'EXTERNAL_ID_REUSED'],
      [5, 'phone', 'UNKNOWN_CUSTOMER'],
      [6, 'note', 'EXTERNAL_ID_REUSED'],
      [7, 'externalId', 'EXTERNAL_ID_REUSED'],
    ]);
  });

  it('creates every valid row of known customers when nothing was imported before', () => {
    const s = settleEventRows(valid.rows, customers, new Map());
    expect(s.creates.map((c) => c.row)).toEqual([2, 3, 4, 6, 7]);
    expect(s.unchanged).toBe(0);
    expect(s.errors).toEqual([
      { row: 5, field: 'phone', reason: 'UNKNOWN_CUSTOMER', message: 'no customer has this phone number' },
    ]);
  });
});

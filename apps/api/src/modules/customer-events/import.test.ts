// The customer event import (docs/rules.md#r-evt-2-event-import) against the real database.
// The tests' today is 2026-03-18 in Asia/Shanghai (test/clock.ts).
import { randomUUID } from 'node:crypto';
import { can, ROLES } from '@huifang/contracts';
import { derivedExternalId } from '@huifang/domain';
import { describe, expect, it } from 'vitest';
import { testClock } from '../../../test/clock.ts';
import { fixtureBase, setupTestApp, USER_OF } from '../../../test/helper.ts';
import { csv, multipart, XLSX_TYPE } from '../../../test/upload.ts';
import { sheetXml, xlsxFile } from '../../../test/xlsx.ts';
import { readFirstSheet, writeXlsx } from '../../lib/xlsx.ts';
import { XLSX_LIMITS } from '../customers/import-file.ts';

/** Excel's number for a day: days since 1899-12-30. */
const serial = (day: string) => (Date.parse(`${day}T00:00:00Z`) - Date.UTC(1899, 11, 30)) / 86_400_000;

describe('customer event import', async () => {
  const t = await setupTestApp();
  const base = await fixtureBase(t.prisma, 12);
  const customers = await t.prisma.customer.findMany({
    where: { id: { in: base.customers.map((c) => c.id) }, refusesVisits: false },
    select: { id: true, phone: true },
    orderBy: { id: 'asc' },
  });
  const [a, b, c, d, e, f] = customers;
  const upload = (who: string, fileName: string, content: Buffer | string, type?: string, query = '') =>
    t.as(who, {
      method: 'POST',
      url: `/api/customer-events/import${query}`,
      ...multipart(fileName, content, type),
    });
  const admin = 'admin@demo.local';
  const eventsOf = (customerId: string) =>
    t.prisma.customerEvent.findMany({ where: { customerId }, orderBy: { day: 'asc' } });
  const importedCount = () => t.prisma.customerEvent.count({ where: { source: 'IMPORT' } });

  it('imports a CSV with Chinese headers and labels, and lists the rows it cannot with row and reason', async () => {
    const file = csv([
      ['手机', '事件', '日期', '外部编号', '备注'],
      [a!.phone, '出院', '2026-03-10', '', '复查'],
      [b!.phone, 'SURGERY', '2026/3/12', 'HIS-100', ''],
      ['13999999999', '出院', '2026-03-10', '', ''],
      [c!.phone, '体检', '2026-03-10', '', ''],
      [c!.phone, '购买', '2026-03-19', '', ''],
      ['', '', '', '', ''],
      [a!.phone, 'DISCHARGE', '2026-03-10', '', ''],
      [c!.phone, '购买', '2026年3月18日', '', ''],
    ]);
    const before = await importedCount();
    const res = await upload(admin, '事件.csv', file);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      fileName: '事件.csv',
      status: 'DONE',
      total: 7,
      processed: 7,
      created: 3,
      updated: 0,
      unchanged: 0,
      invalid: 4,
    });
    expect(res.json().errors).toEqual([
      { row: 4, field: 'phone', reason: 'UNKNOWN_CUSTOMER', message: expect.any(String) },
      { row: 5, field: 'kind', reason: 'KIND_INVALID', message: 'unknown event "体检"' },
      { row: 6, field: 'day', reason: 'FUTURE_DAY', message: expect.any(String) },
      { row: 8, reason: 'DUPLICATE_IN_FILE', message: 'the same customer, event and day are on row 2' },
    ]);
    expect(await importedCount()).toBe(before + 3);

    const [discharge] = await eventsOf(a!.id);
    expect(discharge).toMatchObject({
      kind: 'DISCHARGE',
      source: 'IMPORT',
      externalId: derivedExternalId(a!.phone, 'DISCHARGE', '2026-03-10'),
      note: '复查',
      createdById: base.users.admin,
      cancelledAt: null,
    });
    expect(discharge!.day.toISOString().slice(0, 10)).toBe('2026-03-10');
    // recorded at the request's instant (the pinned test clock), never the machine's
    expect(Math.abs(discharge!.createdAt.getTime() - testClock.now().getTime())).toBeLessThan(10_000);
    expect(await eventsOf(b!.id)).toMatchObject([{ kind: 'SURGERY', externalId: 'HIS-100', note: null }]);
    expect((await eventsOf(c!.id)).map((x) => [x.kind, x.day.toISOString().slice(0, 10)])).toEqual([
      ['PURCHASE', '2026-03-18'],
    ]);

    // the job is an event import's: polled here, not among the customer imports
    const jobId = res.json().jobId as string;
    const job = await t.prisma.importJob.findUniqueOrThrow({ where: { id: jobId } });
    expect(job).toMatchObject({ kind: 'CUSTOMER_EVENTS', status: 'DONE', createdById: base.users.admin });
    const poll = await t.as(admin, { method: 'GET', url: `/api/customer-events/imports/${jobId}` });
    expect(poll.statusCode).toBe(200);
    expect(poll.json()).toMatchObject({ jobId, created: 3, invalid: 4, errors: res.json().errors });
    const asCustomers = await t.as(admin, { method: 'GET', url: `/api/customers/imports/${jobId}` });
    expect(asCustomers.statusCode).toBe(404);

    const audit = await t.prisma.auditLog.findFirstOrThrow({
      where: { action: 'CUSTOMER_EVENTS_IMPORTED', entityId: jobId },
    });
    expect(audit).toMatchObject({ entity: 'ImportJob', actorId: base.users.admin });
    expect(audit.after).toMatchObject({
      fileName: '事件.csv',
      total: 7,
      created: 3,
      unchanged: 0,
      invalid: 4,
    });
  });

  it('changes nothing when the same file is imported again, and refuses an external id reused with other content', async () => {
    const file = csv([
      ['phone', 'kind', 'day', 'externalId', 'note'],
      [d!.phone, 'Discharge', '2026-03-01', 'EXT-1', 'first'],
      [d!.phone, 'PURCHASE', '2026-03-02', '', ''],
    ]);
    expect((await upload(admin, 'first.csv', file)).json()).toMatchObject({ created: 2, invalid: 0 });
    const count = await importedCount();
    const again = await upload(admin, 'first.csv', file);
    expect(again.json()).toMatchObject({ total: 2, created: 0, unchanged: 2, invalid: 0, errors: [] });

    const changed = csv([
      ['phone', 'kind', 'day', 'externalId', 'note'],
      [d!.phone, 'DISCHARGE', '2026-03-05', 'EXT-1', 'first'],
      [d!.phone, 'PURCHASE', '2026-03-02', '', 'now with a note'],
      [e!.phone, 'PURCHASE', '2026-03-02', 'EXT-2', ''],
    ]);
    const res = await upload(admin, 'changed.csv', changed);
    expect(res.json()).toMatchObject({ total: 3, created: 1, unchanged: 0, invalid: 2 });
    expect(res.json().errors).toEqual([
      { row: 2, field: 'externalId', reason: 'EXTERNAL_ID_REUSED', message: expect.any(String) },
      { row: 3, field: 'note', reason: 'EXTERNAL_ID_REUSED', message: expect.any(String) },
    ]);
    expect(await importedCount()).toBe(count + 1);
    expect((await eventsOf(d!.id)).map((x) => [x.kind, x.note])).toEqual([
      ['DISCHARGE', 'first'],
      ['PURCHASE', null],
    ]);
    // an event entered by hand under the same external id is another source's: it does not clash
    const manual = await t.as(admin, {
      method: 'POST',
      url: '/api/customer-events',
      payload: { customerId: e!.id, kind: 'REFUND', day: '2026-03-03', externalId: 'EXT-3' },
    });
    expect(manual.statusCode).toBe(201);
    const imported = await upload(
      admin,
      'x.csv',
      csv([
        ['phone', 'kind', 'day', 'externalId'],
        [e!.phone, 'PURCHASE', '2026-03-04', 'EXT-3'],
      ]),
    );
    expect(imported.json()).toMatchObject({ created: 1, invalid: 0 });
  });

  it('imports an .xlsx with English headers, phones as numbers and Excel dates, idempotently', async () => {
    const written = await writeXlsx([
      {
        name: 'events',
        rows: [
          ['Phone', 'Event', 'Date', 'Note'],
          [Number(e!.phone), 'Course completed', serial('2026-02-27'), 'from Excel'],
          [Number(f!.phone), '结业', '2026-02-28', ''],
        ],
      },
    ]);
    const res = await upload(admin, 'events.xlsx', written, XLSX_TYPE);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ total: 2, created: 2, invalid: 0 });
    expect((await eventsOf(e!.id)).find((x) => x.kind === 'COURSE_COMPLETED')).toMatchObject({
      note: 'from Excel',
      externalId: derivedExternalId(e!.phone, 'COURSE_COMPLETED', '2026-02-27'),
    });

    // as Excel writes a date cell: a day number in a date style
    const styled = await xlsxFile({
      cellFormats: [0, 14],
      sheet: sheetXml(
        '<row r="1"><c r="A1" t="inlineStr"><is><t>手机</t></is></c><c r="B1" t="inlineStr"><is><t>事件</t></is></c><c r="C1" t="inlineStr"><is><t>日期</t></is></c></row>' +
          `<row r="2"><c r="A2"><v>${f!.phone}</v></c><c r="B2" t="inlineStr"><is><t>GRADUATED</t></is></c><c r="C2" s="1"><v>${serial('2026-02-28')}</v></c></row>`,
      ),
    });
    const same = await upload(admin, 'styled.xlsx', styled, XLSX_TYPE);
    expect(same.statusCode, same.body).toBe(200);
    expect(same.json()).toMatchObject({ total: 1, created: 0, unchanged: 1, invalid: 0 });
  });

  it('takes the file as the body itself, and writes a large file in steps with its progress', async () => {
    const raw = await t.as(admin, {
      method: 'POST',
      url: '/api/customer-events/import?fileName=raw.csv',
      headers: { 'content-type': 'text/csv' },
      payload: csv([
        ['手机', '事件', '日期'],
        [f!.phone, '退费', '2026-03-01'],
      ]),
    });
    expect(raw.statusCode, raw.body).toBe(200);
    expect(raw.json()).toMatchObject({ fileName: 'raw.csv', created: 1 });

    // 1 200 purchases of one customer on 1 200 days: three steps of 500
    const rows = [['手机', '事件', '日期']];
    for (let i = 0; i < 1200; i++)
      rows.push([a!.phone, '购买', new Date(Date.UTC(2026, 2, 18 - i)).toISOString().slice(0, 10)]);
    const jobId = randomUUID();
    const res = await upload(admin, 'many.csv', csv(rows), 'text/csv', `?jobId=${jobId}`);
    expect(res.json()).toMatchObject({ jobId, total: 1200, processed: 1200, created: 1200, invalid: 0 });
    expect(await t.prisma.customerEvent.count({ where: { customerId: a!.id, kind: 'PURCHASE' } })).toBe(1200);
    const again = await upload(admin, 'many.csv', csv(rows));
    expect(again.json()).toMatchObject({ created: 0, unchanged: 1200 });
    const reused = await upload(admin, 'reused.csv', csv(rows), 'text/csv', `?jobId=${jobId}`);
    expect(reused.statusCode).toBe(409);
    expect(reused.json().error.details).toMatchObject({ reason: 'JOB_EXISTS' });
  });

  it('refuses other file types (415) and files it cannot import whole (422), writing nothing', async () => {
    const count = await importedCount();
    const txt = await upload(admin, 'events.txt', 'hello', 'text/plain');
    expect(txt.statusCode).toBe(415);
    expect(txt.json().error).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE', message: expect.any(String) });
    const json = await t.as(admin, {
      method: 'POST',
      url: '/api/customer-events/import',
      payload: { rows: [] },
    });
    expect(json.statusCode).toBe(415);
    const cases: Array<[string, string | Buffer, string, object?]> = [
      ['empty.csv', '', 'EMPTY_FILE'],
      ['header-only.csv', csv([['手机', '事件', '日期']]), 'EMPTY_FILE'],
      [
        'missing.csv',
        csv([
          ['手机', '备注'],
          ['13800000000', 'x'],
        ]),
        'MISSING_COLUMNS',
        { missing: ['kind', 'day'] },
      ],
      [
        'twice.csv',
        csv([
          ['手机', 'phone', '事件', '日期'],
          ['1', '2', '3', '4'],
        ]),
        'DUPLICATE_COLUMNS',
      ],
      ['broken.xlsx', Buffer.from('not a zip'), 'FILE_UNREADABLE'],
      ['binary.csv', Buffer.from([0x50, 0x00, 0x4b]), 'FILE_UNREADABLE'],
    ];
    for (const [name, content, reason, details] of cases) {
      const res = await upload(admin, name, content, name.endsWith('.xlsx') ? XLSX_TYPE : 'text/csv');
      expect(res.statusCode, name).toBe(422);
      expect(res.json().error, name).toMatchObject({
        code: 'RULE_VIOLATION',
        details: { reason, ...details },
      });
    }
    const noFile = await t.as(admin, {
      method: 'POST',
      url: '/api/customer-events/import',
      headers: { 'content-type': 'multipart/form-data; boundary=----hfnofile' },
      payload: '------hfnofile--\r\n',
    });
    expect(noFile.statusCode).toBe(400);
    expect(noFile.json().error.code).toBe('VALIDATION');
    expect(await importedCount()).toBe(count);
  });

  it('lets only users who may record events import, poll and download the template', async () => {
    const file = csv([
      ['手机', '事件', '日期'],
      [a!.phone, '出院', '2026-03-01'],
    ]);
    for (const role of ROLES) {
      if (can(role, 'customer:write')) continue;
      const who = USER_OF[role];
      expect((await upload(who, 'a.csv', file)).statusCode, role).toBe(403);
      for (const url of [
        '/api/customer-events/import/template',
        `/api/customer-events/imports/${randomUUID()}`,
      ])
        expect((await t.as(who, { method: 'GET', url })).statusCode, `${role} ${url}`).toBe(403);
    }
    const anonymous = await t.app.inject({
      method: 'POST',
      url: '/api/customer-events/import',
      ...multipart('a.csv', file),
    });
    expect(anonymous.statusCode).toBe(401);
    const lead = await upload('lead@demo.local', 'a.csv', file);
    expect(lead.statusCode).toBe(200);
    // a customer import's job is not an event import's
    const customerJob = await t.prisma.importJob.create({
      data: {
        id: randomUUID(),
        organizationId: base.orgId,
        createdById: base.users.admin!,
        fileName: 'c.csv',
      },
    });
    const other = await t.as(admin, { method: 'GET', url: `/api/customer-events/imports/${customerJob.id}` });
    expect(other.statusCode).toBe(404);
    expect(other.json().error.code).toBe('NOT_FOUND');
  });

  it('serves CSV and XLSX templates with the Chinese headers that import as they are', async () => {
    const c1 = await t.as(admin, { method: 'GET', url: '/api/customer-events/import/template?format=csv' });
    expect(c1.statusCode).toBe(200);
    expect(c1.headers['content-type']).toContain('text/csv');
    expect(c1.headers['content-disposition']).toContain('customer-events-template.csv');
    const lines = c1.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r\n/);
    expect(lines[0]).toBe('手机,事件,日期,外部编号,备注');

    const x = await t.as(admin, { method: 'GET', url: '/api/customer-events/import/template' });
    expect(x.headers['content-type']).toBe(XLSX_TYPE);
    const sheet = await readFirstSheet(x.rawPayload, XLSX_LIMITS);
    expect(sheet[0]).toEqual(['手机', '事件', '日期', '外部编号', '备注']);
    expect(sheet[1]![1]).toBe('出院');

    // the example's phone is nobody's here: the row is refused for it alone
    const res = await upload(admin, 'tpl.xlsx', x.rawPayload, XLSX_TYPE);
    expect(res.json()).toMatchObject({
      total: 1,
      created: 0,
      invalid: 1,
      errors: [{ reason: 'UNKNOWN_CUSTOMER' }],
    });
    const fromCsv = await upload(admin, 'tpl.csv', c1.rawPayload);
    expect(fromCsv.json()).toMatchObject({ total: 1, invalid: 1, errors: [{ reason: 'UNKNOWN_CUSTOMER' }] });
  });

  it('has a standing rule turn an imported event into a task at once', async () => {
    const rule = await t.prisma.cadenceRule.findFirstOrThrow({
      where: { organizationId: base.orgId, code: 'SURGERY_3D_1W_1M' },
    });
    const submit = await t.as(admin, {
      method: 'POST',
      url: `/api/cadence-rules/${rule.id}/submit`,
      payload: { version: rule.version },
    });
    expect(submit.statusCode).toBe(200);
    const approve = await t.as('manager@demo.local', {
      method: 'POST',
      url: `/api/cadence-rules/${rule.id}/approve`,
      payload: { version: rule.version + 1 },
    });
    expect(approve.statusCode).toBe(200);
    const tasksOf = (customerId: string) => t.prisma.task.findMany({ where: { customerId, planId: null } });
    expect(await tasksOf(c!.id)).toEqual([]);

    const res = await upload(
      admin,
      'surgery.csv',
      csv([
        ['手机', '事件', '日期'],
        [c!.phone, '手术', '2026-03-17'],
      ]),
    );
    expect(res.json()).toMatchObject({ created: 1 });
    const [task] = await tasksOf(c!.id);
    expect(task).toMatchObject({ status: 'PENDING', planId: null });
    expect(task!.dueDate.toISOString().slice(0, 10)).toBe('2026-03-18');
    const event = await t.prisma.customerEvent.findFirstOrThrow({
      where: { customerId: c!.id, kind: 'SURGERY' },
    });
    expect(await t.prisma.cadenceVisit.findMany({ where: { eventId: event.id } })).toMatchObject([
      { ruleId: rule.id, status: 'TASK', taskId: task!.id },
    ]);
  });

  it('keeps the OpenAPI document valid with the import routes', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/docs/json' });
    expect(res.statusCode).toBe(200);
    const paths = Object.keys(res.json().paths);
    for (const p of [
      '/api/customer-events/import',
      '/api/customer-events/imports/{jobId}',
      '/api/customer-events/import/template',
    ])
      expect(paths).toContain(p);
  });
});

import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { testClock } from '../../../test/clock.ts';
import { demoUsers, setupTestApp } from '../../../test/helper.ts';
import { csv, multipart, XLSX_TYPE } from '../../../test/upload.ts';
import {
  rowXml,
  run,
  sharedStringsChunks,
  sharedStringsXml,
  sheetChunks,
  sheetXml,
  xlsxFile,
} from '../../../test/xlsx.ts';
import { readFirstSheet, writeXlsx } from '../../lib/xlsx.ts';
import { importChunk } from './import.ts';
import { XLSX_LIMITS } from './import-file.ts';

const HEADER = [
  '姓名',
  '手机号',
  '邮箱',
  '客户类型',
  '价值等级',
  '课程',
  '报名日期',
  '拒绝回访',
  '偏好渠道',
  '偏好时段',
];
const FILE = [
  HEADER,
  [
    '导入一',
    '13600000001',
    'one@example.com',
    '在读学员',
    '高',
    'UI 设计',
    '2025-03-01',
    '否',
    '电话',
    '09:00-12:00',
  ],
  ['导入二', '+86 136-0000-0002', '', 'GRADUATE', 'MID', '', '2024/9/1', '是', '', ''],
  ['导入三', '12345', '', '在读学员', '高', '', '', '', '', ''],
  ['导入四', '13600000004', '', 'VIP', '超高', '', '', '', '', ''],
  ['', '', '', '', '', '', '', '', '', ''],
  ['导入五', '13600000001', '', '在读学员', '高', '', '', '', '', ''],
  ['导入六', '13600000006', '', '意向客户', '低', '', '', '', '短信', '18:30-21:00'],
];

describe('customer import', async () => {
  const t = await setupTestApp();
  const users = await demoUsers(t.prisma);
  const org = await t.prisma.organization.findFirstOrThrow({ where: { demo: true } });
  const upload = (
    who: string,
    fileName: string,
    content: Buffer | string,
    type?: string,
    query = '',
    field?: string,
  ) =>
    t.as(who, {
      method: 'POST',
      url: `/api/customers/import${query}`,
      ...multipart(fileName, content, type, field),
    });
  const customerCount = () => t.prisma.customer.count();

  it('imports the valid rows of a CSV and lists the invalid ones with row number and reason', async () => {
    const before = await customerCount();
    const res = await upload('lead@demo.local', '客户名单.csv', csv(FILE));
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body).toMatchObject({
      jobId: expect.any(String),
      fileName: '客户名单.csv',
      status: 'DONE',
      total: 6,
      processed: 6,
      created: 3,
      updated: 0,
      unchanged: 0,
      invalid: 3,
      finishedAt: expect.any(String),
    });
    expect(body.errors).toEqual([
      { row: 4, field: 'phone', reason: 'PHONE_INVALID', message: expect.any(String) },
      { row: 5, field: 'segment', reason: 'SEGMENT_INVALID', message: expect.any(String) },
      { row: 5, field: 'tier', reason: 'TIER_INVALID', message: expect.any(String) },
      { row: 7, field: 'phone', reason: 'DUPLICATE_IN_FILE', message: 'the same phone number is on row 2' },
    ]);
    expect(await customerCount()).toBe(before + 3);

    const one = await t.prisma.customer.findFirstOrThrow({
      where: { organizationId: org.id, phone: '13600000001' },
    });
    expect(one).toMatchObject({
      name: '导入一',
      email: 'one@example.com',
      segment: 'STUDENT',
      tier: 'HIGH',
      programme: 'UI 设计',
      refusesVisits: false,
      preferredChannel: 'PHONE',
      preferredTimeFrom: '09:00',
      preferredTimeTo: '12:00',
      version: 1,
    });
    expect(one.enrolledAt?.toISOString().slice(0, 10)).toBe('2025-03-01');
    // created at the request's instant (the pinned test clock), never the machine's or the database's
    expect(one.updatedAt.getTime()).toBe(one.createdAt.getTime());
    expect(Math.abs(one.createdAt.getTime() - testClock.now().getTime())).toBeLessThan(10_000);
    const two = await t.prisma.customer.findFirstOrThrow({ where: { phone: '13600000002' } });
    expect(two).toMatchObject({ segment: 'GRADUATE', tier: 'MID', refusesVisits: true, email: null });
    expect(two.refusedAt).not.toBeNull();
    expect(await t.prisma.customer.count({ where: { phone: { in: ['13600000004'] } } })).toBe(0);

    const job = await t.prisma.importJob.findUniqueOrThrow({ where: { id: body.jobId } });
    expect(job).toMatchObject({
      status: 'DONE',
      organizationId: org.id,
      createdById: users['lead@demo.local']!.id,
      total: 6,
      processed: 6,
      created: 3,
    });
    const polled = await t.as('lead@demo.local', {
      method: 'GET',
      url: `/api/customers/imports/${body.jobId}`,
    });
    expect(polled.statusCode).toBe(200);
    expect(polled.json()).toEqual(body);
    const audit = await t.prisma.auditLog.findFirstOrThrow({
      where: { action: 'CUSTOMERS_IMPORTED', entityId: body.jobId },
    });
    expect(audit.after).toMatchObject({ created: 3, updated: 0, unchanged: 0, invalid: 3, total: 6 });
  });

  it('changes nothing when the same file is imported again', async () => {
    const snapshot = await t.prisma.customer.findMany({
      where: { phone: { in: ['13600000001', '13600000002', '13600000006'] } },
      orderBy: { phone: 'asc' },
    });
    const count = await customerCount();
    const res = await upload('lead@demo.local', '客户名单.csv', csv(FILE));
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      status: 'DONE',
      total: 6,
      created: 0,
      updated: 0,
      unchanged: 3,
      invalid: 3,
    });
    expect(await customerCount()).toBe(count);
    const after = await t.prisma.customer.findMany({
      where: { phone: { in: ['13600000001', '13600000002', '13600000006'] } },
      orderBy: { phone: 'asc' },
    });
    expect(after).toEqual(snapshot);
  });

  it('updates only rows that changed, never blanks stored values, and audits each change', async () => {
    const stored = await t.prisma.customer.findFirstOrThrow({ where: { phone: '13600000001' } });
    const demo = await t.prisma.customer.findFirstOrThrow({
      where: { organizationId: org.id, refusesVisits: false, email: { not: null } },
      orderBy: { phone: 'asc' },
    });
    const file = [
      ['name', 'phone', 'segment', 'tier', 'email', 'refusesVisits'],
      // same person, new tier, no e-mail cell: the stored e-mail stays
      ['导入一', '13600000001', 'STUDENT', 'LOW', '', ''],
      // a demo customer, unchanged but for the refusal
      [demo.name, demo.phone, demo.segment, demo.tier, demo.email!, 'true'],
      // unchanged
      ['导入六', '13600000006', 'PROSPECT', 'LOW', '', ''],
    ];
    const res = await upload('admin@demo.local', 'update.csv', csv(file, false));
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ created: 0, updated: 2, unchanged: 1, invalid: 0, errors: [] });
    const one = await t.prisma.customer.findUniqueOrThrow({ where: { id: stored.id } });
    expect(one).toMatchObject({ tier: 'LOW', email: 'one@example.com', version: stored.version + 1 });
    const d = await t.prisma.customer.findUniqueOrThrow({ where: { id: demo.id } });
    expect(d).toMatchObject({
      refusesVisits: true,
      version: demo.version + 1,
      lastVisitAt: demo.lastVisitAt,
    });
    expect(d.refusedAt).not.toBeNull();
    const audits = await t.prisma.auditLog.findMany({
      where: {
        entity: 'Customer',
        entityId: { in: [stored.id, demo.id] },
        action: { in: ['CUSTOMER_UPDATED', 'CONSENT_CHANGED'] },
      },
      orderBy: { id: 'asc' },
    });
    expect(audits.map((a) => [a.entityId, a.action])).toEqual([
      [stored.id, 'CUSTOMER_UPDATED'],
      [demo.id, 'CUSTOMER_UPDATED'],
      [demo.id, 'CONSENT_CHANGED'],
    ]);
    expect(audits[0]!.before).toEqual({ tier: 'HIGH' });
    expect(audits[0]!.after).toMatchObject({ tier: 'LOW', importJobId: res.json().jobId });
  });

  it('imports XLSX with numbers, dates, hyperlinks and rich text, idempotently', async () => {
    // As Excel writes it: shared strings (one in rich text with a phonetic reading), a phone as a
    // number, a date as a day number in a date style, a hyperlink, a formula with its value, row 4 left out
    const strings = [
      ...['姓名', '电话', '客户类型', '价值等级', '报名日期', 'email', '偏好时段', '备注'],
      ...['表格一', '新报名学员', '中', '14:00-17:30', '135 0000 0002', 'KEY_ACCOUNT', 'HIGH'],
      ...['2025年6月2日', 'two@example.com', '表格三', '在读学员', '低', 'not a date'],
    ];
    const si = strings.map((text) => `<si><t>${text}</t></si>`);
    si.push(
      '<si><r><t>表格</t></r><r><rPr><b/></rPr><t>二</t></r><rPh sb="0" eb="1"><t>ひょう</t></rPh></si>',
    );
    const s = (text: string) => `t="s"><v>${strings.indexOf(text)}</v>`;
    const buffer = await xlsxFile({
      sharedStrings: sharedStringsXml(si),
      cellFormats: [0, 14],
      sheet: sheetXml(
        `<row r="1">${['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H'].map((c, i) => `<c r="${c}1" ${s(strings[i]!)}</c>`).join('')}</row>` +
          `<row r="2"><c r="A2" ${s('表格一')}</c><c r="B2"><v>13500000001</v></c><c r="C2" ${s('新报名学员')}</c><c r="D2" ${s('中')}</c><c r="E2" s="1"><v>45809</v></c><c r="G2" ${s('14:00-17:30')}</c></row>` +
          `<row r="3"><c r="A3" t="s"><v>${si.length - 1}</v></c><c r="B3" ${s('135 0000 0002')}</c><c r="C3" ${s('KEY_ACCOUNT')}</c><c r="D3" ${s('HIGH')}</c><c r="E3" ${s('2025年6月2日')}</c><c r="F3" ${s('two@example.com')}</c><c r="H3" t="str"><f>"VIP"&amp;"客户"</f><v>VIP客户</v></c></row>` +
          `<row r="5"><c r="A5" ${s('表格三')}</c><c r="B5"><v>13500000003</v></c><c r="C5" ${s('在读学员')}</c><c r="D5" ${s('低')}</c><c r="E5" ${s('not a date')}</c></row>`,
      ).replace('</sheetData>', '</sheetData><hyperlinks><hyperlink ref="F3" r:id="rId1"/></hyperlinks>'),
    });

    const res = await upload('lead@demo.local', 'list.xlsx', buffer, XLSX_TYPE);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ total: 3, created: 2, updated: 0, unchanged: 0, invalid: 1 });
    expect(res.json().errors).toEqual([
      { row: 5, field: 'enrolledAt', reason: 'DATE_INVALID', message: expect.any(String) },
    ]);
    const one = await t.prisma.customer.findFirstOrThrow({ where: { phone: '13500000001' } });
    expect(one).toMatchObject({
      name: '表格一',
      segment: 'NEW_ENROLLEE',
      tier: 'MID',
      preferredTimeFrom: '14:00',
    });
    expect(one.enrolledAt?.toISOString().slice(0, 10)).toBe('2025-06-01');
    const two = await t.prisma.customer.findFirstOrThrow({ where: { phone: '13500000002' } });
    expect(two).toMatchObject({
      name: '表格二',
      email: 'two@example.com',
      notes: 'VIP客户',
      segment: 'KEY_ACCOUNT',
    });

    const again = await upload('lead@demo.local', 'list.xlsx', buffer, XLSX_TYPE);
    expect(again.json()).toMatchObject({ created: 0, updated: 0, unchanged: 2, invalid: 1 });
  });

  it('writes progress to the job while a large file is imported, and finishes consistent', async () => {
    const rows = [['姓名', '手机', '客户类型', '价值等级']];
    for (let i = 0; i < 2600; i++)
      rows.push([`批量${i}`, `1770000${String(i).padStart(4, '0')}`, '在读学员', '中']);
    const jobId = randomUUID();
    const seen: Array<{ status: string; processed: number }> = [];
    let done = false;
    const request = upload('lead@demo.local', 'big.csv', csv(rows), 'text/csv', `?jobId=${jobId}`).finally(
      () => {
        done = true;
      },
    );
    while (!done) {
      const poll = await t.as('lead@demo.local', { method: 'GET', url: `/api/customers/imports/${jobId}` });
      if (poll.statusCode === 200) seen.push(poll.json());
      else expect(poll.statusCode).toBe(404);
      await new Promise((r) => setTimeout(r, 5));
    }
    const res = await request;
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ jobId, status: 'DONE', total: 2600, processed: 2600, created: 2600 });
    // A poller saw the job part-way through, while the transaction was still open
    expect(seen.some((s) => s.status === 'RUNNING' && s.processed > 0 && s.processed < 2600)).toBe(true);
    const processed = seen.map((s) => s.processed);
    expect([...processed].sort((a, b) => a - b)).toEqual(processed);
    for (const s of seen) expect(s.processed % 500 === 0 || s.processed === 2600).toBe(true);
    expect(await t.prisma.customer.count({ where: { phone: { startsWith: '1770000' } } })).toBe(2600);
    // The same job id cannot be used twice
    const reuse = await upload(
      'lead@demo.local',
      'big.csv',
      csv(rows.slice(0, 2)),
      'text/csv',
      `?jobId=${jobId}`,
    );
    expect(reuse.statusCode).toBe(409);
  });

  it('writes in steps of about a tenth of the file, a multiple of 500 rows, at most 5 000', () => {
    expect([1, 2600, 5000, 5001, 12_000, 49_999, 50_000].map(importChunk)).toEqual([
      500, 500, 500, 1000, 1500, 5000, 5000,
    ]);
  });

  it('writes nothing when the transaction fails part-way, and marks the job FAILED', async () => {
    await t.prisma.$executeRawUnsafe(`
      CREATE FUNCTION hf_test_fail() RETURNS trigger AS $$
      BEGIN RAISE EXCEPTION 'test failure'; END $$ LANGUAGE plpgsql`);
    await t.prisma.$executeRawUnsafe(`
      CREATE TRIGGER hf_test_fail BEFORE INSERT ON "Customer"
      FOR EACH ROW WHEN (NEW.name = '触发失败') EXECUTE FUNCTION hf_test_fail()`);
    try {
      const rows = [['姓名', '手机', '客户类型', '价值等级']];
      for (let i = 0; i < 1200; i++)
        rows.push([
          i === 1100 ? '触发失败' : `回滚${i}`,
          `1660000${String(i).padStart(4, '0')}`,
          '在读学员',
          '中',
        ]);
      const jobId = randomUUID();
      const count = await customerCount();
      const res = await upload('lead@demo.local', 'fail.csv', csv(rows), 'text/csv', `?jobId=${jobId}`);
      expect(res.statusCode).toBe(500);
      expect(res.json().error.code).toBe('INTERNAL');
      expect(await customerCount()).toBe(count);
      const job = await t.as('lead@demo.local', { method: 'GET', url: `/api/customers/imports/${jobId}` });
      expect(job.json()).toMatchObject({
        status: 'FAILED',
        created: 0,
        updated: 0,
        unchanged: 0,
        total: 1200,
      });
      expect(await t.prisma.auditLog.count({ where: { entityId: jobId } })).toBe(0);
    } finally {
      await t.prisma.$executeRawUnsafe('DROP TRIGGER hf_test_fail ON "Customer"');
      await t.prisma.$executeRawUnsafe('DROP FUNCTION hf_test_fail()');
    }
  });

  it('refuses empty files and files without the required columns (422), writing nothing', async () => {
    const customers = await customerCount();
    const jobs = await t.prisma.importJob.count();
    const cases: Array<[string, string | Buffer, string]> = [
      ['empty.csv', '', 'EMPTY_FILE'],
      ['bom.csv', '\uFEFF\r\n\r\n', 'EMPTY_FILE'],
      ['header-only.csv', csv([HEADER]), 'EMPTY_FILE'],
      ['blank-rows.csv', csv([HEADER, ['', '', ''], ['']]), 'EMPTY_FILE'],
      [
        'missing.csv',
        csv([
          ['姓名', '邮箱'],
          ['张三', 'a@b.cn'],
        ]),
        'MISSING_COLUMNS',
      ],
      [
        'twice.csv',
        csv([
          ['姓名', 'name', '手机', '客户类型', '价值等级'],
          ['a', 'b', '13800000000', 'STUDENT', 'HIGH'],
        ]),
        'DUPLICATE_COLUMNS',
      ],
      ['broken.xlsx', Buffer.from('PK\u0003\u0004 not really a zip'), 'FILE_UNREADABLE'],
    ];
    for (const [name, content, reason] of cases) {
      const res = await upload(
        'lead@demo.local',
        name,
        content,
        name.endsWith('xlsx') ? XLSX_TYPE : 'text/csv',
      );
      expect(res.statusCode, name).toBe(422);
      expect(res.json().error, name).toMatchObject({ code: 'RULE_VIOLATION', details: { reason } });
    }
    const missing = await upload(
      'lead@demo.local',
      'missing.csv',
      csv([
        ['姓名', '邮箱'],
        ['张三', 'a@b.cn'],
      ]),
    );
    expect(missing.json().error.details.missing).toEqual(['phone', 'segment', 'tier']);
    for (const emptyXlsx of [await writeXlsx([]), await writeXlsx([{ name: '空', rows: [] }])])
      expect((await upload('lead@demo.local', 'e.xlsx', emptyXlsx, XLSX_TYPE)).statusCode).toBe(422);
    expect(await customerCount()).toBe(customers);
    expect(await t.prisma.importJob.count()).toBe(jobs);
  });

  it('refuses files over 50 000 rows or 20 MB (422) and other file types (415)', async () => {
    const customers = await customerCount();
    const rows = [['姓名', '手机', '客户类型', '价值等级']];
    for (let i = 0; i < 50_001; i++)
      rows.push([`r${i}`, `1880${String(i).padStart(7, '0')}`, 'STUDENT', 'LOW']);
    const many = await upload('lead@demo.local', 'many.csv', csv(rows));
    expect(many.statusCode).toBe(422);
    expect(many.json().error.details).toMatchObject({ reason: 'TOO_MANY_ROWS', maxRows: 50_000 });

    const huge = Buffer.concat([
      Buffer.from(csv([['姓名', '手机', '客户类型', '价值等级']])),
      Buffer.alloc(21 * 1024 * 1024, 0x20),
    ]);
    const large = await upload('lead@demo.local', 'huge.csv', huge);
    expect(large.statusCode).toBe(422);
    expect(large.json().error.details).toMatchObject({ reason: 'FILE_TOO_LARGE' });

    const txt = await upload('lead@demo.local', 'list.txt', 'hello', 'text/plain');
    expect(txt.statusCode).toBe(415);
    expect(txt.json().error).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE', message: expect.any(String) });
    const xls = await upload('lead@demo.local', 'old.xls', 'binary', 'application/vnd.ms-excel');
    expect(xls.statusCode).toBe(415);
    const json = await t.as('lead@demo.local', {
      method: 'POST',
      url: '/api/customers/import',
      payload: { rows: [] },
    });
    expect(json.statusCode).toBe(415);
    expect(json.json().error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    const boundary = '----hfnofile';
    const noFile = await t.as('lead@demo.local', {
      method: 'POST',
      url: '/api/customers/import',
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload: `--${boundary}\r\nContent-Disposition: form-data; name="note"\r\n\r\nhello\r\n--${boundary}--\r\n`,
    });
    expect(noFile.statusCode).toBe(400);
    expect(noFile.json().error.code).toBe('VALIDATION');
    const rawHuge = await t.as('lead@demo.local', {
      method: 'POST',
      url: '/api/customers/import?fileName=huge.csv',
      headers: { 'content-type': 'text/csv' },
      payload: huge,
    });
    expect(rawHuge.statusCode).toBe(422);
    expect(rawHuge.json().error.details).toMatchObject({ reason: 'FILE_TOO_LARGE' });
    const badJobId = await upload('lead@demo.local', 'a.csv', csv(FILE), 'text/csv', '?jobId=nope');
    expect(badJobId.statusCode).toBe(400);
    expect(await customerCount()).toBe(customers);
  });

  it('refuses an .xlsx that unpacks past 100 MB or holds a cell past 32 767 characters (422), writing nothing', async () => {
    const customers = await customerCount();
    const jobs = await t.prisma.importJob.count();
    const header = rowXml(1, ['姓名', '手机', '客户类型', '价值等级']);
    // ≈ 100 KB each: one cell of 101 MB, in the sheet or in the shared strings
    const bigSheet = await xlsxFile({
      level: 9,
      sheet: sheetChunks(function* () {
        yield header;
        yield '<row r="2"><c r="A2" t="inlineStr"><is><t>';
        yield* run('A', 101 * 1024 * 1024);
        yield '</t></is></c><c r="B2"><v>13900000001</v></c></row>';
      }),
    });
    const bigString = await xlsxFile({
      level: 9,
      sheet: sheetXml(`${header}<row r="2"><c r="A2" t="s"><v>0</v></c></row>`),
      sharedStrings: sharedStringsChunks(1, function* () {
        yield '<si><t>';
        yield* run('B', 101 * 1024 * 1024);
        yield '</t></si>';
      }),
    });
    expect(bigSheet.length + bigString.length).toBeLessThan(1024 * 1024);
    for (const [name, file] of [
      ['sheet.xlsx', bigSheet],
      ['strings.xlsx', bigString],
    ] as const) {
      const res = await upload('lead@demo.local', name, file, XLSX_TYPE);
      expect(res.statusCode, name).toBe(422);
      expect(res.json().error, name).toMatchObject({
        code: 'RULE_VIOLATION',
        message: 'The workbook unpacks to more than 100 MB',
        details: { reason: 'UNPACKED_TOO_LARGE', maxUnpackedBytes: 100 * 1024 * 1024 },
      });
    }
    const longCell = await xlsxFile({
      sheet: sheetXml(`${header}${rowXml(2, ['长'.repeat(32_768), '13900000002', '在读学员', '高'])}`),
    });
    const long = await upload('lead@demo.local', 'long.xlsx', longCell, XLSX_TYPE);
    expect(long.statusCode).toBe(422);
    expect(long.json().error.details).toEqual({ reason: 'CELL_TOO_LONG', maxCellChars: 32_767, row: 2 });
    expect(await customerCount()).toBe(customers);
    expect(await t.prisma.importJob.count()).toBe(jobs);
  });

  it('refuses an .xlsx over 50 000 rows at the row past the limit, reading no further (422), writing nothing', async () => {
    const customers = await customerCount();
    const jobs = await t.prisma.importJob.count();
    const file = await xlsxFile({
      sheet: sheetChunks(function* () {
        yield rowXml(1, ['姓名', '手机', '客户类型', '价值等级']);
        for (let r = 2; r <= 50_002; r++) yield rowXml(r, [`行${r}`, 15_900_000_000 + r, '在读学员', '中']);
        // Past the limit the sheet is broken: a reader that went on would call the file unreadable
        yield '<row r="50003"><c r="A50003" t="inlineStr"><is><t>never read</wrong>';
      }),
    });
    const res = await upload('lead@demo.local', 'many.xlsx', file, XLSX_TYPE);
    expect(res.statusCode).toBe(422);
    expect(res.json().error).toMatchObject({
      code: 'RULE_VIOLATION',
      details: { reason: 'TOO_MANY_ROWS', maxRows: 50_000 },
    });
    expect(await customerCount()).toBe(customers);
    expect(await t.prisma.importJob.count()).toBe(jobs);
  });

  it('reads only the columns it imports from an .xlsx: other data neither costs nor counts, and a bad header ends the reading', async () => {
    const header = ['备用', '姓名', '其他', '手机', '客户类型', '价值等级'];
    const file = await xlsxFile({
      sheet: sheetXml(
        [
          rowXml(1, header),
          rowXml(2, ['x', '列外一', 'y', '13700000001', '在读学员', '高']),
          // Data only in columns the import does not read: still a row, and an invalid one
          rowXml(3, ['only here', '', 'and here']),
          rowXml(4, ['', '列外二', '', '13700000002', '在读学员', '低', 'past the header']),
        ].join(''),
      ),
    });
    const res = await upload('lead@demo.local', 'cols.xlsx', file, XLSX_TYPE);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ total: 3, created: 2, invalid: 1 });
    expect(new Set(res.json().errors.map((e: { row: number }) => e.row))).toEqual(new Set([3]));
    // Missing columns are told from the header alone, naming every header cell; the broken rest is not read
    const missing = await xlsxFile({
      sheet: sheetChunks(function* () {
        yield rowXml(1, ['姓名', '备注', '其他']);
        yield rowXml(2, ['张三', 'x', 'y']);
        yield '<row r="3"><c r="A3"><v>1</wrong>';
      }),
    });
    const refused = await upload('lead@demo.local', 'missing.xlsx', missing, XLSX_TYPE);
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.details).toEqual({
      reason: 'MISSING_COLUMNS',
      missing: ['phone', 'segment', 'tier'],
      found: ['姓名', '备注', '其他'],
    });
  });

  it('takes the file in any multipart field, or as the body itself', async () => {
    const file = csv([
      ['姓名', '手机', '客户类型', '价值等级'],
      ['字段名', '13300000001', '在读学员', '高'],
    ]);
    const res = await upload('lead@demo.local', 'a.csv', file, 'text/csv', '', 'upload');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ created: 1, fileName: 'a.csv' });
    const postRaw = (url: string, contentType: string) =>
      t.as('lead@demo.local', {
        method: 'POST',
        url,
        headers: { 'content-type': contentType },
        payload: csv([
          ['name', 'phone', 'segment', 'tier'],
          ['原始', '13300000002', 'STUDENT', 'LOW'],
        ]),
      });
    const raw = await postRaw('/api/customers/import?fileName=raw.csv', 'text/csv; charset=utf-8');
    expect(raw.statusCode).toBe(200);
    expect(raw.json()).toMatchObject({ created: 1, fileName: 'raw.csv' });
    const rawNoName = await postRaw('/api/customers/import', 'text/csv');
    expect(rawNoName.json()).toMatchObject({ created: 0, unchanged: 1 });
  });

  it('reads GB18030 CSV exported by Excel and tab-separated files', async () => {
    const gbk = Buffer.from(
      // "姓名,手机,客户类型,价值等级\r\n国标,13400000001,在读学员,高\r\n" in GB18030
      'd0d5c3fb2ccad6bbfa2cbfcdbba7c0e0d0cd2cbcdbd6b5b5c8bcb60d0ab9fab1ea2c31333430303030303030312cd4dab6c1d1a7d4b12cb8df0d0a',
      'hex',
    );
    const res = await upload('lead@demo.local', 'gbk.csv', gbk);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ created: 1, invalid: 0 });
    expect((await t.prisma.customer.findFirstOrThrow({ where: { phone: '13400000001' } })).name).toBe('国标');

    const tsv = '姓名\t手机\t客户类型\t价值等级\n制表符\t13400000002\t结业学员\t低\n';
    const tab = await upload('lead@demo.local', 'tab.csv', tsv);
    expect(tab.json()).toMatchObject({ created: 1, invalid: 0 });
  });

  it('lets only users with customer:import import, poll and download templates', async () => {
    for (const who of ['caller1', 'manager', 'supervisor', 'handler']) {
      const res = await upload(`${who}@demo.local`, 'a.csv', csv(FILE));
      expect(res.statusCode, who).toBe(403);
      const tpl = await t.as(`${who}@demo.local`, { method: 'GET', url: '/api/customers/import/template' });
      expect(tpl.statusCode, who).toBe(403);
      const poll = await t.as(`${who}@demo.local`, {
        method: 'GET',
        url: `/api/customers/imports/${randomUUID()}`,
      });
      expect(poll.statusCode, who).toBe(403);
    }
    const anonymous = await t.app.inject({
      method: 'POST',
      url: '/api/customers/import',
      ...multipart('a.csv', csv(FILE)),
    });
    expect(anonymous.statusCode).toBe(401);
    expect((await t.app.inject({ method: 'GET', url: '/api/customers/import/template' })).statusCode).toBe(
      401,
    );
  });

  it('answers 404 for unknown jobs and jobs of another organisation', async () => {
    const other = await t.prisma.organization.create({ data: { name: '他家' } });
    const job = await t.prisma.importJob.create({
      data: {
        id: randomUUID(),
        organizationId: other.id,
        createdById: users['lead@demo.local']!.id,
        fileName: 'x.csv',
      },
    });
    for (const id of [job.id, randomUUID()]) {
      const res = await t.as('lead@demo.local', { method: 'GET', url: `/api/customers/imports/${id}` });
      expect(res.statusCode).toBe(404);
      expect(res.json().error.code).toBe('NOT_FOUND');
    }
    expect(
      (await t.as('lead@demo.local', { method: 'GET', url: '/api/customers/imports/nope' })).statusCode,
    ).toBe(400);
  });

  it('serves CSV and XLSX templates with the Chinese headers that import as they are', async () => {
    const c = await t.as('lead@demo.local', {
      method: 'GET',
      url: '/api/customers/import/template?format=csv',
    });
    expect(c.statusCode).toBe(200);
    expect(c.headers['content-type']).toContain('text/csv');
    expect(c.headers['content-disposition']).toContain('attachment');
    expect(c.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const lines = c.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r\n/);
    expect(lines).toHaveLength(2);
    expect(lines[0]!.split(',').slice(0, 5)).toEqual(['姓名', '手机', '邮箱', '客户类型', '价值等级']);

    const x = await t.as('admin@demo.local', { method: 'GET', url: '/api/customers/import/template' });
    expect(x.statusCode).toBe(200);
    expect(x.headers['content-type']).toBe(XLSX_TYPE);
    const sheet = await readFirstSheet(x.rawPayload, XLSX_LIMITS);
    expect(sheet[0]![0]).toBe('姓名');
    expect(sheet[1]![0]).toBe('张伟');

    const count = await customerCount();
    const res = await upload('lead@demo.local', 'tpl.xlsx', x.rawPayload, XLSX_TYPE);
    expect(res.json()).toMatchObject({ total: 1, created: 1, invalid: 0 });
    const again = await upload('lead@demo.local', 'tpl.csv', c.rawPayload);
    expect(again.json()).toMatchObject({ total: 1, created: 0, unchanged: 1, invalid: 0 });
    expect(await customerCount()).toBe(count + 1);
    expect(
      (await t.as('lead@demo.local', { method: 'GET', url: '/api/customers/import/template?format=pdf' }))
        .statusCode,
    ).toBe(400);
  });

  it('keeps the OpenAPI document valid with the customer routes', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/docs/json' });
    expect(res.statusCode).toBe(200);
    const paths = Object.keys(res.json().paths);
    for (const p of [
      '/api/customers',
      '/api/customers/{id}',
      '/api/customers/{id}/contact',
      '/api/customers/import',
      '/api/customers/imports/{jobId}',
      '/api/customers/import/template',
    ])
      expect(paths).toContain(p);
  });
});

import { readFile } from 'node:fs/promises';
import { expect, test } from './fixtures';
import { expectWrite, login, pickOption, switchToEnglish, switchUser } from './helpers';

// Each language gets a new lead made by the admin: a new user has not signed the confidentiality
// agreement (the demo users have), so contacts stay masked until they sign (R-CONF-1, R-CONF-2).
const SHOTS = '/work/shots/conf';

const T = {
  'zh-CN': { prompt: '请先签署保密协议', name: '保密新组长', transfer: '调岗', submit: /^执行交接$/ },
  en: {
    prompt: 'Sign the confidentiality agreement first',
    name: 'Lead New',
    transfer: 'Change of post',
    submit: /^Hand over$/,
  },
} as const;

for (const lang of ['zh-CN', 'en'] as const) {
  const txt = T[lang];
  test(`${lang}: an unsigned user cannot reveal a contact until they sign the agreement, then can`, async ({
    page,
  }) => {
    // ── the admin makes a new lead (unsigned) and finds a customer
    await login(page, 'admin@demo.local');
    const email = `conf-${lang.toLowerCase()}@demo.local`;
    const made = await page.request.post('/api/users', {
      data: { email, name: txt.name, role: 'LEAD', password: 'secret-pass-1234' },
    });
    expect(made.status(), await made.text()).toBe(201);
    const list = await page.request.get('/api/customers', { params: { size: 1 } });
    const customer = ((await list.json()) as { items: { id: string; phone: string }[] }).items[0]!;

    // ── the new lead: masked, and the reveal asks for the signature first
    await page.context().clearCookies();
    await login(page, email, 'secret-pass-1234');
    if (lang === 'en') await switchToEnglish(page);
    await page.goto(`/customers/${customer.id}`);
    const phone = page.getByTestId('customer-phone');
    await expect(phone).toContainText('****');
    await expect(page.getByTestId('agreement-prompt')).toContainText(txt.prompt);
    const contact = page.waitForResponse((r) => /\/api\/customers\/[^/]+\/contact/.test(r.url()));
    await page.getByTestId('reveal-contact').click();
    const refused = await contact;
    expect(refused.status()).toBe(403);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('AGREEMENT_REQUIRED');
    await expect(phone).toContainText('****');
    await expect(page.getByTestId('agreement-prompt')).toBeVisible();
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.screenshot({ path: `${SHOTS}/unsigned-${lang}-1440.png` });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: `${SHOTS}/unsigned-${lang}-390.png`, fullPage: false });
    await page.setViewportSize({ width: 1280, height: 720 });

    // ── reads and signs; the reveal goes through and shows the whole number
    await page.getByTestId('agreement-open').click();
    await expect(page.getByTestId('agreement-body')).toBeVisible();
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: `${SHOTS}/sign-${lang}-390.png` });
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.screenshot({ path: `${SHOTS}/sign-${lang}-1440.png` });
    await page.getByTestId('agreement-sign').click();
    await expect(phone).toHaveText(/^\d{7,15}$/);
    await expect(phone).not.toContainText('*');
    await expect(page.getByTestId('agreement-prompt')).toHaveCount(0);
    await page.screenshot({ path: `${SHOTS}/revealed-${lang}-1440.png` });
    await page.setViewportSize({ width: 1280, height: 720 });

    // the signature and the reveal are on record
    const agreements = await page.request.get('/api/agreements');
    expect(((await agreements.json()) as { signed: boolean }).signed).toBe(true);

    // ── the admin sees the signature on the confidentiality screen
    await switchUser(page, 'admin@demo.local');
    if (lang === 'en') await switchToEnglish(page);
    await page.goto('/admin/confidentiality');
    await expect(page.getByTestId('agreement-table')).toBeVisible();
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.screenshot({ path: `${SHOTS}/admin-${lang}-1440.png` });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: `${SHOTS}/admin-${lang}-390.png` });
    await page.setViewportSize({ width: 1440, height: 900 });
    // ── and hands the new lead over on a change of post: the signature is archived, the reading trail kept
    await page.goto('/admin/handover');
    await pickOption(page, 'handover-user', txt.name);
    const checklist = page.getByTestId('handover-checklist');
    await expect(checklist).toBeVisible();
    await page.getByRole('radio', { name: txt.transfer }).check();
    await page.getByTestId('handover-submit').click();
    await expectWrite(page, /\/api\/handovers\//, () =>
      page.locator('.ant-popconfirm').getByRole('button', { name: txt.submit }).click(),
    );
    await expect(page.getByTestId('handover-history')).toContainText(txt.transfer);
    await page.screenshot({ path: `${SHOTS}/handover-${lang}-1440.png`, fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: `${SHOTS}/handover-${lang}-390.png`, fullPage: true });
    const preview = await page.request.get(`/api/handovers/${((await made.json()) as { id: string }).id}`);
    expect(await preview.json()).toMatchObject({ signatures: 0, contactReads: 1, openTasks: 0 });
    await page.setViewportSize({ width: 1280, height: 720 });
  });
}

for (const lang of ['zh-CN', 'en'] as const) {
  test(`${lang}: the administrator exports the filtered customers in the import's columns; the export is audited`, async ({
    page,
  }) => {
    await login(page, 'admin@demo.local');
    if (lang === 'en') await switchToEnglish(page);
    await page.goto('/customers?segment=GRADUATE&tier=HIGH');
    const expected = (await (
      await page.request.get('/api/customers', { params: { segment: 'GRADUATE', tier: 'HIGH', size: 1 } })
    ).json()) as { total: number };
    await page.getByTestId('customers-export').hover();
    const download = page.waitForEvent('download');
    await page.getByTestId('customers-export-csv').click();
    const file = await download;
    expect(file.suggestedFilename()).toBe(lang === 'en' ? 'customers.csv' : '客户.csv');
    const text = (await readFile(await file.path(), 'utf8')).replace(/^\uFEFF/, '');
    const lines = text.trim().split(/\r\n/);
    expect(lines[0]).toBe(
      lang === 'en'
        ? 'name,phone,email,segment,tier,programme,enrolledAt,completedAt,refusesVisits,preferredChannel,preferredTime,notes'
        : '姓名,手机,邮箱,客户类型,价值等级,课程,报名日期,结业日期,拒绝回访,偏好渠道,偏好时段,备注',
    );
    expect(lines).toHaveLength(expected.total + 1);
    // full numbers, not the list's masked ones
    expect(lines.slice(1).every((l) => /^[^,]+,\d{7,15},/.test(l))).toBe(true);
    await expect(page.locator('.ant-message')).toContainText(
      lang === 'en' ? `${expected.total} customers exported` : `已导出 ${expected.total} 位客户`,
    );
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.screenshot({ path: `${SHOTS}/export-${lang}-1440.png` });
    await page.setViewportSize({ width: 1280, height: 720 });
    const audit = (await (
      await page.request.get('/api/audit-log', { params: { action: 'PERSONAL_DATA_EXPORT' } })
    ).json()) as { items: { action: string; after: { kind: string; rows: number } | null }[] };
    expect(audit.items.find((r) => r.after?.kind === 'CUSTOMERS')).toMatchObject({
      after: { kind: 'CUSTOMERS', rows: expected.total },
    });
  });
}

const A = {
  'zh-CN': {
    rule: '须经主管批准（每次批准可查看一次）',
    saved: '已保存',
    sent: '申请已提交',
    reason: '客户投诉需要回电核实',
  },
  en: {
    rule: "A supervisor's approval (one reveal per approval)",
    saved: 'Saved',
    sent: 'Request sent',
    reason: 'The customer complained; I must call back to check',
  },
} as const;

for (const [index, lang] of (['zh-CN', 'en'] as const).entries()) {
  const txt = A[lang];
  test(`${lang}: under the approval rule a lead asks to see a contact outside their tasks, a supervisor approves, and it is revealed once`, async ({
    page,
  }) => {
    try {
      await login(page, 'admin@demo.local');
      if (lang === 'en') await switchToEnglish(page);
      await page.goto('/admin/confidentiality');
      await page.getByTestId('reveal-policy-select').getByText(txt.rule).click();
      await expect(page.locator('.ant-message')).toContainText(txt.saved);
      const list = await page.request.get('/api/customers', { params: { size: 5, sort: 'name' } });
      const customer = ((await list.json()) as { items: { id: string; name: string }[] }).items[3 + index]!;

      // ── the lead (no task with this customer) is asked for a reason and sends the request
      await switchUser(page, 'lead@demo.local');
      if (lang === 'en') await switchToEnglish(page);
      await page.goto(`/customers/${customer.id}`);
      const phone = page.getByTestId('customer-phone');
      await page.getByTestId('reveal-contact').click();
      await expect(page.getByTestId('reveal-policy')).toBeVisible();
      await expect(phone).toContainText('****');
      await page.getByTestId('reveal-reason').fill(txt.reason);
      await expectWrite(page, /\/api\/reveal-requests$/, () =>
        page.getByTestId('reveal-reason-submit').click(),
      );
      await expect(page.getByTestId('reveal-policy')).toContainText(txt.sent);

      // ── a supervisor approves it
      await switchUser(page, 'supervisor@demo.local');
      if (lang === 'en') await switchToEnglish(page);
      await page.goto('/reveal-requests');
      const row = page.getByTestId('reveal-requests').locator('tr', { hasText: customer.name });
      await expect(row).toContainText(txt.reason);
      await expectWrite(page, /\/decide$/, () => row.getByTestId('reveal-approve').click());
      await page.setViewportSize({ width: 1440, height: 900 });
      await page.screenshot({ path: `${SHOTS}/reveal-approved-${lang}-1440.png` });
      await page.setViewportSize({ width: 1280, height: 720 });

      // ── the lead reveals it once; the next time asks again
      await switchUser(page, 'lead@demo.local');
      await page.goto(`/customers/${customer.id}`);
      await page.getByTestId('reveal-contact').click();
      await expect(phone).toHaveText(/^\d{7,15}$/);
      await page.reload();
      await expect(phone).toContainText('****');
      await page.getByTestId('reveal-contact').click();
      await expect(page.getByTestId('reveal-policy')).toBeVisible();
      await expect(phone).toContainText('****');
    } finally {
      await switchUser(page, 'admin@demo.local');
      const { version } = await (await page.request.get('/api/confidentiality/policy')).json();
      const res = await page.request.put('/api/confidentiality/policy', {
        data: { revealPolicy: 'NONE', version },
      });
      expect(res.ok(), await res.text()).toBe(true);
    }
  });
}

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

import { expect, type Locator, type Page, test } from './fixtures';
import { login } from './helpers';

async function pickOption(page: Page, select: Locator, label: string) {
  await select.click();
  await page
    .locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: label })
    .first()
    .click();
}

test('a lead searches customers, opens one and imports a CSV with an invalid row', async ({ page }) => {
  await login(page, 'lead@demo.local');
  await page.getByRole('menuitem', { name: '客户管理' }).click();
  await expect(page).toHaveURL(/\/customers$/);

  const table = page.getByTestId('customer-table');
  const rows = table.locator('tbody tr.ant-table-row');
  await expect(rows.first()).toBeVisible();
  await expect(page.getByText(/共 \d+ 条/)).toBeVisible();
  // Phones are masked in the list
  await expect(rows.first().locator('td').nth(1)).toHaveText(/^\d{3}\*{4}\d{4}$/);

  // Consent filter: only customers who refuse visits
  const filtered = page.waitForResponse((r) => /\/api\/customers\?.*consent=refused/.test(r.url()));
  await pickOption(page, page.getByTestId('filter-consent'), '拒绝回访');
  await expect(page).toHaveURL(/consent=refused/);
  const total = (await (await filtered).json()).total as number;
  expect(total).toBeGreaterThan(0);
  await expect(page.getByText(`共 ${total} 条`)).toBeVisible();
  const refusedCount = await rows.count();
  expect(refusedCount).toBeGreaterThan(0);
  await expect(table.getByTestId('consent-refused')).toHaveCount(refusedCount);
  await page.getByRole('button', { name: /重\s*置/ }).click();
  await expect(page).not.toHaveURL(/consent=/);

  // Search by the name of the first customer
  const name = ((await rows.first().locator('td').first().textContent()) ?? '').trim();
  const searched = page.waitForResponse((r) => /\/api\/customers\?.*q=/.test(r.url()));
  await page.getByPlaceholder('姓名或手机尾号').fill(name);
  await page.getByPlaceholder('姓名或手机尾号').press('Enter');
  await expect(page).toHaveURL(/q=/);
  const found = (await (await searched).json()).total as number;
  await expect(page.getByText(`共 ${found} 条`)).toBeVisible();
  for (const cell of await rows.locator('td:first-child').allInnerTexts()) expect(cell).toContain(name);

  // Detail: info, consent block, visit history
  await rows.first().getByRole('link', { name }).click();
  await expect(page).toHaveURL(/\/customers\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId('customer-name')).toHaveText(name);
  await expect(page.getByTestId('customer-phone')).toHaveText(/^\d{3}\*{4}\d{4}$/);
  await expect(page.getByTestId('consent-block')).toContainText('回访意愿');
  await expect(page.getByTestId('consent-block')).toContainText('偏好渠道');
  await expect(page.getByTestId('visit-history')).toBeVisible();
  // Revealing the full number (audited)
  await page.getByTestId('reveal-contact').click();
  await expect(page.getByTestId('customer-phone')).toHaveText(/^\d{11}$/);

  // Import a small CSV: two new customers and one invalid row
  await page.getByRole('button', { name: /返\s*回/ }).click();
  await page.getByTestId('customers-import').click();
  await expect(page).toHaveURL(/\/customers\/import$/);
  await expect(page.getByTestId('template-xlsx')).toBeVisible();
  const csv = [
    '姓名,手机号,客户类型,价值等级,拒绝回访,偏好时段',
    '端到端一,13655550001,在读学员,高,否,09:00-12:00',
    '端到端二,+86 136-5555-0002,结业学员,中,是,',
    '端到端三,12345,在读学员,低,否,',
  ].join('\n');
  await page
    .getByTestId('import-dropzone')
    .locator('input[type="file"]')
    .setInputFiles({ name: '客户名单.csv', mimeType: 'text/csv', buffer: Buffer.from(`\uFEFF${csv}\n`) });
  await expect(page.getByTestId('import-result')).toBeVisible();
  await expect(page.getByTestId('import-result')).toContainText('导入完成：客户名单.csv');
  await expect(page.getByTestId('import-created')).toContainText('2');
  await expect(page.getByTestId('import-invalid')).toContainText('1');
  const errors = page.getByTestId('import-errors').locator('tbody tr.ant-table-row');
  await expect(errors).toHaveCount(1);
  await expect(errors.first()).toContainText('4');
  await expect(errors.first()).toContainText('手机号无效');

  // The new customers are in the list
  await page.getByRole('button', { name: /返回客户列表/ }).click();
  await page.getByPlaceholder('姓名或手机尾号').fill('端到端');
  await page.getByPlaceholder('姓名或手机尾号').press('Enter');
  await expect(rows).toHaveCount(2);
  await expect(table).toContainText('136****0002');

  // Giving one the other's phone number: the server's 409 shows, translated, on the phone field
  await rows.filter({ hasText: '端到端二' }).getByRole('link', { name: '端到端二' }).click();
  await page.getByTestId('customer-edit').click();
  const drawer = page.getByRole('dialog', { name: '编辑客户' });
  const saved = page.waitForResponse((r) => r.request().method() === 'PATCH');
  await drawer.getByLabel('手机号').fill('136 5555 0001');
  await page.getByTestId('customer-save').click();
  expect((await saved).status()).toBe(409);
  await expect(drawer.locator('.ant-form-item-explain-error')).toHaveText('该手机号已属于另一位客户');
  await expect(drawer).not.toContainText('already exists');
});

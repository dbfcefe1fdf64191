// Customer events on the customer's page (docs/product.md#customer-events): a lead records one and
// cancels it in zh-CN; an administrator records one in English.
import { expect, type Page, test } from './fixtures';
import { chooseIn, expectWrite, login, signInEnglish } from './helpers';

/** Today in the organisation's timezone (the demo's is Asia/Shanghai), YYYY-MM-DD. */
const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());

async function openFirstCustomer(page: Page, menu: RegExp) {
  await page.getByRole('menuitem', { name: menu }).click();
  const row = page.getByTestId('customer-table').locator('tbody tr.ant-table-row').first();
  await expect(row).toBeVisible();
  await row.getByRole('link').first().click();
  await expect(page).toHaveURL(/\/customers\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId('customer-events')).toBeVisible();
}

async function recordEvent(page: Page, kind: string, note: string) {
  await page.getByTestId('event-add').click();
  const dialog = page.getByRole('dialog');
  await chooseIn(page, dialog.getByTestId('event-kind'), kind);
  const day = dialog.getByTestId('event-day');
  await day.click();
  await day.fill(today());
  await day.press('Enter');
  await dialog.getByTestId('event-note').fill(note);
  await expectWrite(page, /\/api\/customer-events$/, () => dialog.getByTestId('event-save').click());
  await expect(dialog).toBeHidden();
}

test('a lead records a surgery on a customer and cancels it with a reason', async ({ page }) => {
  await login(page, 'lead@demo.local');
  await openFirstCustomer(page, /客户管理/);
  const table = page.getByTestId('customer-events-table');
  await recordEvent(page, '手术', '膝关节镜手术');
  const row = table.locator('tbody tr.ant-table-row', { hasText: '膝关节镜手术' });
  await expect(row).toContainText('手术');
  await expect(row).toContainText('手工记录');
  await expect(row).toContainText(today());

  await row.getByTestId('event-cancel').click();
  const dialog = page.getByRole('dialog');
  await dialog.getByTestId('event-cancel-confirm').click();
  await expect(dialog.getByText('请填写撤销原因')).toBeVisible();
  await dialog.getByTestId('event-cancel-reason').fill('录错了客户');
  await expectWrite(page, /\/api\/customer-events\/[0-9a-f-]{36}\/cancel$/, () =>
    dialog.getByTestId('event-cancel-confirm').click(),
  );
  await expect(row).toContainText('已撤销');
  await expect(row).toContainText('录错了客户');
  await expect(row.getByTestId('event-cancel')).toHaveCount(0);
});

test('an administrator records a discharge in English', async ({ page }) => {
  await signInEnglish(page, 'admin@demo.local');
  await openFirstCustomer(page, /Customers/);
  await expect(page.getByTestId('customer-events')).toContainText('Customer events');
  await recordEvent(page, 'Discharge', 'Discharged after knee surgery');
  const row = page
    .getByTestId('customer-events-table')
    .locator('tbody tr.ant-table-row', { hasText: 'Discharged after knee surgery' });
  await expect(row).toContainText('Discharge');
  await expect(row).toContainText('Entered');
  await expect(row.getByTestId('event-cancel')).toBeVisible();
});

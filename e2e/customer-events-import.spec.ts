// Importing customer events from a file (docs/product.md#customer-events): an administrator imports
// a CSV in zh-CN with a row it cannot take, then an .xlsx in English, twice.
import ExcelJS from 'exceljs';
import { expect, type Page, test } from './fixtures';
import { login, signInEnglish } from './helpers';

/** A day in the organisation's timezone (the demo's is Asia/Shanghai), `offset` days from today. */
const shanghaiDay = (offset: number) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(
    new Date(Date.now() + offset * 86_400_000),
  );

async function newCustomer(page: Page, name: string): Promise<{ id: string; phone: string }> {
  const phone = `137${String(Date.now()).slice(-8)}`;
  const made = await page.request.post('/api/customers', {
    data: { name, phone, segment: 'STUDENT', tier: 'MID' },
  });
  expect(made.status()).toBe(201);
  return { id: ((await made.json()) as { id: string }).id, phone };
}

async function uploadFile(page: Page, file: { name: string; mimeType: string; buffer: Buffer }) {
  await page.getByTestId('import-dropzone').locator('input[type="file"]').setInputFiles(file);
  await expect(page.getByTestId('import-result')).toBeVisible();
}

test('an administrator imports events from a CSV in zh-CN and sees them on the customer', async ({
  page,
}) => {
  await login(page, 'admin@demo.local');
  const customer = await newCustomer(page, '导入事件客户');
  await page.getByRole('menuitem', { name: /客户管理/ }).click();
  await page.getByTestId('customer-events-import').click();
  await expect(page).toHaveURL(/\/customers\/events\/import$/);
  await expect(page.getByRole('heading', { name: '导入客户事件' })).toBeVisible();
  await expect(page.getByTestId('template-csv')).toHaveAttribute(
    'href',
    '/api/customer-events/import/template?format=csv',
  );

  const csv = [
    '手机,事件,日期,备注',
    `${customer.phone},出院,${shanghaiDay(-2)},端到端导入`,
    `13000000000,出院,${shanghaiDay(-2)},`,
    `${customer.phone},体检,${shanghaiDay(-1)},`,
  ].join('\n');
  await uploadFile(page, { name: '事件.csv', mimeType: 'text/csv', buffer: Buffer.from(`\uFEFF${csv}\n`) });
  await expect(page.getByTestId('import-result')).toContainText('导入完成：事件.csv');
  await expect(page.getByTestId('import-total')).toContainText('3');
  await expect(page.getByTestId('import-created')).toContainText('1');
  await expect(page.getByTestId('import-invalid')).toContainText('2');
  await expect(page.getByTestId('import-updated')).toHaveCount(0);
  const errors = page.getByTestId('import-errors').locator('tbody tr.ant-table-row');
  await expect(errors).toHaveCount(2);
  await expect(errors.nth(0)).toContainText('没有该手机号的客户');
  await expect(errors.nth(0)).toContainText('手机');
  await expect(errors.nth(1)).toContainText('事件类型无法识别');

  await page.goto(`/customers/${customer.id}`);
  const row = page
    .getByTestId('customer-events-table')
    .locator('tbody tr.ant-table-row', { hasText: '端到端导入' });
  await expect(row).toContainText('出院');
  await expect(row).toContainText('导入');
  await expect(row).toContainText(shanghaiDay(-2));
});

test('an administrator imports events from an .xlsx in English, and again without change', async ({
  page,
}) => {
  await signInEnglish(page, 'admin@demo.local');
  const customer = await newCustomer(page, 'Imported events');
  await page.getByRole('menuitem', { name: /Customers/ }).click();
  await page.getByTestId('customer-events-import').click();
  await expect(page.getByRole('heading', { name: 'Import customer events' })).toBeVisible();

  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('events');
  sheet.addRow(['Phone', 'Kind', 'Day', 'External id', 'Note']);
  sheet.addRow([customer.phone, 'PURCHASE', shanghaiDay(-1), 'E2E-1', 'Bought the advanced course']);
  sheet.addRow([customer.phone, 'Refund', shanghaiDay(1), '', '']);
  const buffer = Buffer.from(await book.xlsx.writeBuffer());
  const file = {
    name: 'events.xlsx',
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    buffer,
  };
  await uploadFile(page, file);
  await expect(page.getByTestId('import-result')).toContainText('Import finished: events.xlsx');
  await expect(page.getByTestId('import-created')).toContainText('1');
  await expect(page.getByTestId('import-invalid')).toContainText('1');
  const errors = page.getByTestId('import-errors').locator('tbody tr.ant-table-row');
  await expect(errors).toHaveCount(1);
  await expect(errors.first()).toContainText('The day is after today');
  await expect(errors.first()).toContainText('Day');

  await uploadFile(page, file);
  await expect(page.getByTestId('import-unchanged')).toContainText('1');
  await expect(page.getByTestId('import-created')).toContainText('0');

  await page.goto(`/customers/${customer.id}`);
  const row = page
    .getByTestId('customer-events-table')
    .locator('tbody tr.ant-table-row', { hasText: 'Bought the advanced course' });
  await expect(row).toContainText('Purchase');
  await expect(row).toContainText('Imported');
});

import { expect, type Page, test } from './fixtures';
import { login, signInEnglish, switchUser } from './helpers';

// caller3 (回访一组, lead@) is used by no other spec: their records and expenses are this spec's own.
const RECEIPT = 'E2E-FP-20260001';

/** caller3's newest completed record, through the API with the signed-in session. */
async function newestCompletedRecord(page: Page): Promise<{ id: string; taskId: string }> {
  const res = await page.request.get('/api/visits', { params: { outcome: 'COMPLETED', size: 1 } });
  expect(res.ok()).toBe(true);
  const { items } = (await res.json()) as { items: { id: string; taskId: string }[] };
  expect(items.length, 'caller3 has a completed record in the demo data').toBe(1);
  return items[0]!;
}

test('a caller records an expense on a completed visit, the lead approves it, the caller sees it approved', async ({
  page,
}) => {
  await login(page, 'caller3@demo.local');
  const record = await newestCompletedRecord(page);
  await page.goto(`/workbench/tasks/${record.taskId}`);
  const block = page.locator(`[data-testid="visit-expenses"][data-visit-id="${record.id}"]`);
  await expect(block).toBeVisible();
  await expect(block).toContainText('暂无费用');

  await block.getByTestId('add-expense').click();
  const amount = page.getByTestId('expense-amount-input');
  // three decimals are refused in the form
  await amount.fill('12.345');
  await page.getByTestId('expense-receipt').fill(RECEIPT);
  await page.getByTestId('expense-save').click();
  await expect(page.getByText('请输入大于 0、最多两位小数且不超过 10,000 元的金额')).toBeVisible();
  await amount.fill('12.5');
  await page.getByTestId('expense-note').fill('上门回访往返交通费');
  await page.getByTestId('expense-save').click();
  await expect(page.getByText('费用已登记，等待审批')).toBeVisible();

  const line = block.getByTestId('visit-expense');
  await expect(line).toHaveCount(1);
  await expect(line.getByTestId('expense-amount')).toHaveText('¥12.50');
  await expect(line.getByTestId('expense-status')).toHaveText('待审批');
  await expect(line).toContainText(RECEIPT);
  // stored in fen, exactly
  const stored = await page.request.get(`/api/visits/${record.id}/expenses`);
  expect((await stored.json()).items).toMatchObject([
    { amountFen: 1250, receiptRef: RECEIPT, status: 'PENDING' },
  ]);

  // the team lead approves it on the expenses page (pending first)
  await switchUser(page, 'lead@demo.local');
  await page.getByRole('menuitem', { name: '回访费用' }).click();
  await expect(page).toHaveURL(/\/expenses$/);
  await expect(page.getByRole('heading', { name: '回访费用' })).toBeVisible();
  const row = page.getByTestId('expense-list').locator('tr', { hasText: RECEIPT });
  await expect(row).toBeVisible();
  await expect(row.getByTestId('expense-amount')).toHaveText('¥12.50');
  await expect(row.getByTestId('expense-status')).toHaveText('待审批');
  await row.getByTestId('expense-approve').click();
  await page.getByTestId('expense-approve-confirm').click();
  await expect(page.locator('.ant-message').getByText('已批准')).toBeVisible();
  // gone from the pending list; approved under all statuses
  await expect(row).toHaveCount(0);
  await page.getByTestId('expense-status-filter').click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '全部状态' }).click();
  const decided = page.getByTestId('expense-list').locator('tr', { hasText: RECEIPT });
  await expect(decided.getByTestId('expense-status')).toHaveText('已批准');
  await expect(decided.getByTestId('expense-approve')).toHaveCount(0);

  // the caller sees it approved on their record, with who decided
  await switchUser(page, 'caller3@demo.local');
  await page.goto(`/workbench/tasks/${record.taskId}`);
  const approved = page
    .locator(`[data-testid="visit-expenses"][data-visit-id="${record.id}"]`)
    .getByTestId('visit-expense');
  await expect(approved.getByTestId('expense-status')).toHaveText('已批准');
  await expect(approved).toContainText(/于 \d{4}-\d{2}-\d{2} \d{2}:\d{2} 审批/);
  // and on their own expenses page
  await page.getByRole('menuitem', { name: '回访费用' }).click();
  const own = page.getByTestId('expense-list').locator('tr', { hasText: RECEIPT });
  await expect(own.getByTestId('expense-status')).toHaveText('已批准');
  await expect(page.getByTestId('expense-totals')).toContainText('¥12.50');
});

test('in English: a caller records an expense, the lead rejects it with a reason, the caller reads why', async ({
  page,
}) => {
  const receipt = 'E2E-FP-20260002';
  await signInEnglish(page, 'caller3@demo.local');
  const record = await newestCompletedRecord(page);
  await page.goto(`/workbench/tasks/${record.taskId}`);
  const block = page.locator(`[data-testid="visit-expenses"][data-visit-id="${record.id}"]`);
  await expect(block).toContainText('Visit expenses');
  await block.getByTestId('add-expense').click();
  await expect(page.getByText('Add a visit expense')).toBeVisible();
  await page.getByTestId('expense-amount-input').fill('0');
  await page.getByTestId('expense-receipt').fill(receipt);
  await page.getByTestId('expense-save').click();
  await expect(
    page.getByText('Enter an amount above 0, with at most two decimals, up to ¥10,000'),
  ).toBeVisible();
  await page.getByTestId('expense-amount-input').fill('8');
  await page.getByTestId('expense-save').click();
  await expect(page.getByText('Expense recorded, awaiting approval')).toBeVisible();
  const line = block.getByTestId('visit-expense').filter({ hasText: receipt });
  await expect(line.getByTestId('expense-status')).toHaveText('Pending');

  // the lead rejects it: a reason is required
  await signInEnglish(page, 'lead@demo.local');
  await page.getByRole('menuitem', { name: 'Visit expenses' }).click();
  const row = page.getByTestId('expense-list').locator('tr', { hasText: receipt });
  await expect(row.getByTestId('expense-amount')).toHaveText('¥8.00');
  await row.getByTestId('expense-reject').click();
  await page.getByTestId('expense-reject-confirm').click();
  await expect(page.getByText('Please give a reason')).toBeVisible();
  await page.getByTestId('expense-reject-comment').fill('No receipt attached for this trip');
  await page.getByTestId('expense-reject-confirm').click();
  await expect(row).toHaveCount(0);

  // the caller sees it rejected, with the reason
  await signInEnglish(page, 'caller3@demo.local');
  await page.getByRole('menuitem', { name: 'Visit expenses' }).click();
  const own = page.getByTestId('expense-list').locator('tr', { hasText: receipt });
  await expect(own.getByTestId('expense-status')).toHaveText('Rejected');
  await expect(own).toContainText('No receipt attached for this trip');
  const api = await page.request.get(`/api/visits/${record.id}/expenses`);
  expect((await api.json()).items).toEqual(
    expect.arrayContaining([
      expect.objectContaining({ receiptRef: receipt, status: 'REJECTED', amountFen: 800 }),
    ]),
  );
});

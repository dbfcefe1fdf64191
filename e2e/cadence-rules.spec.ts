// Cadence rules (docs/product.md#cadence-rules): an administrator edits the surgery rule and submits
// it, a manager approves it (zh-CN); a lead's change is rejected with a comment (English).
import { expect, type Page, test } from './fixtures';
import { chooseIn, expectWrite, login, signInEnglish, switchUser } from './helpers';

/** A day in Asia/Shanghai (the demo's timezone) `offset` days from today, YYYY-MM-DD. */
const shanghaiDay = (offset: number) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(
    new Date(Date.now() + offset * 86_400_000),
  );

const ruleRow = (page: Page, name: string | RegExp) =>
  page.getByTestId('rule-table').locator('tbody tr.ant-table-row', { hasText: name });

async function openRules(page: Page, menu: RegExp) {
  await page.getByRole('menuitem', { name: menu }).click();
  await expect(page).toHaveURL(/\/cadence-rules$/);
  await expect(page.getByTestId('rule-table').locator('tbody tr.ant-table-row').first()).toBeVisible();
}

test('an administrator edits the surgery rule, submits it; a manager approves it', async ({ page }) => {
  await login(page, 'admin@demo.local');
  await openRules(page, /回访规则/);
  const row = ruleRow(page, '术后回访');
  await expect(row).toContainText('手术后');
  await expect(row).toContainText('未批准，仅提议');

  await row.getByTestId('rule-edit').click();
  const drawer = page.getByRole('dialog');
  await expect(drawer.getByTestId('rule-offset')).toHaveCount(3);
  // the week visit: from day 5, within 2 days
  const week = drawer.getByTestId('rule-offset').nth(1);
  await week.getByRole('spinbutton').nth(0).fill('5');
  await week.getByRole('spinbutton').nth(1).fill('2');
  await expectWrite(page, /\/api\/cadence-rules\/[0-9a-f-]{36}$/, () =>
    drawer.getByTestId('rule-save').click(),
  );
  await expect(drawer).toBeHidden();
  await expect(row).toContainText('第5天起（2天内）');

  await expectWrite(page, /\/submit$/, () => row.getByTestId('rule-submit').click());
  await expect(row.getByTestId('rule-status')).toHaveText('待审批');
  await expect(row.getByTestId('rule-edit')).toHaveCount(0);

  await switchUser(page, 'manager@demo.local');
  await page.goto('/cadence-rules');
  await expect(row.getByTestId('rule-status')).toHaveText('待审批');
  await row.getByTestId('rule-approve').click();
  await expectWrite(page, /\/approve$/, () => page.getByTestId('rule-approve-confirm').click());
  await expect(row.getByTestId('rule-status')).toHaveText('已批准');
  await expect(row).toContainText('第 1 版生效中');

  // a lead records yesterday's surgery of a new customer: the first visit (days 1–3) is due now and
  // lands in a caller's queue at once, due today
  await switchUser(page, 'lead@demo.local');
  const phone = `139${String(Date.now()).slice(-8)}`;
  const made = await page.request.post('/api/customers', {
    data: { name: '术后客户', phone, segment: 'STUDENT', tier: 'MID' },
  });
  expect(made.status()).toBe(201);
  const customer = (await made.json()) as { id: string };
  await page.goto(`/customers/${customer.id}`);
  await page.getByTestId('event-add').click();
  const dialog = page.getByRole('dialog');
  await chooseIn(page, dialog.getByTestId('event-kind'), '手术');
  await dialog.getByTestId('event-day').click();
  await dialog.getByTestId('event-day').fill(shanghaiDay(-1));
  await dialog.getByTestId('event-day').press('Enter');
  await expectWrite(page, /\/api\/customer-events$/, () => dialog.getByTestId('event-save').click());
  const tasks = page.getByTestId('customer-tasks');
  await expect(tasks).toContainText('术后3天内、1周内、1个月内分别回访');
  await expect(tasks).toContainText(shanghaiDay(0));
  await expect(tasks).toContainText('待回访');

  // the caller it was given finds it in today's queue
  const assignee = (
    (await tasks.locator('tbody tr.ant-table-row').first().locator('td').last().textContent()) ?? ''
  ).trim();
  const users = (await (await page.request.get('/api/users?role=CALLER')).json()) as {
    items: Array<{ name: string; email: string }>;
  };
  const caller = users.items.find((u) => u.name === assignee);
  expect(caller, assignee).toBeDefined();
  await switchUser(page, caller!.email);
  await expect(page).toHaveURL(/\/workbench$/);
  await expect(page.getByTestId('task-queue')).toContainText('术后客户');
});

test('a lead’s change is rejected with a comment and the lead sees why (English)', async ({ page }) => {
  await signInEnglish(page, 'lead@demo.local');
  await openRules(page, /Visit rules/);
  const row = ruleRow(page, '出院回访');
  await expect(row).toContainText('After Discharge');
  await row.getByTestId('rule-edit').click();
  const drawer = page.getByRole('dialog');
  await drawer.getByRole('spinbutton', { name: /Share visited/ }).fill('80');
  await expectWrite(page, /\/api\/cadence-rules\/[0-9a-f-]{36}$/, () =>
    drawer.getByTestId('rule-save').click(),
  );
  await expect(row).toContainText('80%');
  await expectWrite(page, /\/submit$/, () => row.getByTestId('rule-submit').click());
  await expect(row.getByTestId('rule-status')).toHaveText('Awaiting approval');

  await signInEnglish(page, 'manager@demo.local');
  await page.goto('/cadence-rules');
  await row.getByTestId('rule-reject').click();
  const dialog = page.getByRole('dialog');
  await dialog.getByTestId('rule-reject-comment').fill('Discharge visits stay at 100 %');
  await expectWrite(page, /\/reject$/, () => dialog.getByTestId('rule-reject-confirm').click());
  await expect(row.getByTestId('rule-status')).toHaveText('Rejected');

  await signInEnglish(page, 'lead@demo.local');
  await page.goto('/cadence-rules');
  await expect(row).toContainText('Discharge visits stay at 100 %');
  await expect(row.getByTestId('rule-edit')).toBeVisible();

  // the annual plan: the rules' visits month by month, with the load per caller
  const annual = page.getByTestId('annual-view');
  await annual.scrollIntoViewIfNeeded();
  await expect(annual).toContainText('Annual visit plan');
  await expect(annual.getByTestId('annual-table')).toContainText('Per caller');
  await expect(annual.getByTestId('annual-total')).toHaveText(/^\d[\d,]*$/);
});

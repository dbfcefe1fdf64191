import { expect, test } from './fixtures';
import { answerQuestionnaire, pickOption, switchUser } from './helpers';

// The closed loop (docs/product.md#the-closed-loop) end to end, in zh-CN: a lead drafts and submits next month's plan, a
// manager approves it, and a caller logs a visit on one of the tasks the approval created.

test('plan → approval → task → visit record', async ({ page }) => {
  const purpose = `闭环验证回访 ${Date.now()}`;

  await switchUser(page, 'lead@demo.local');
  await page.getByRole('menuitem', { name: '回访计划' }).click();
  await page.getByTestId('plan-create').click();
  await page.getByTestId('plan-create-ok').click();
  await expect(page).toHaveURL(/\/plans\/[0-9a-f-]{36}$/);
  // the list stays on screen while the plan page's code loads
  await expect(page.getByTestId('plan-month')).toBeVisible();
  await expect(page.getByTestId('plan-status')).toHaveText('草稿');
  const planId = new URL(page.url()).pathname.split('/').pop()!;
  await pickOption(page, 'add-segments', '重点客户');
  await pickOption(page, 'add-questionnaire', '培训效果与就业');
  await page.getByTestId('add-purpose').fill(purpose);
  await page.getByTestId('add-submit').click();
  await expect(page.getByTestId('add-result')).toContainText('已添加');
  await expect(page.getByTestId('figure-unassigned')).toHaveText('0');
  await page.getByTestId('plan-submit').click();
  await page
    .locator('.ant-popconfirm')
    .getByRole('button', { name: /确\s*定/ })
    .click();
  await expect(page.getByTestId('plan-status')).toHaveText('待审批');

  await switchUser(page, 'manager@demo.local');
  await page.goto(`/approvals/${planId}`);
  await page.getByTestId('plan-approve').click();
  await page.getByTestId('decision-ok').click();
  await expect(page.getByTestId('plan-status')).toHaveText('已批准');
  const created = Number(await page.getByTestId('tasks-created-count').textContent());
  expect(created).toBeGreaterThanOrEqual(3);

  // The plan is balanced over the team's three callers, so caller1 has at least one of the new tasks.
  await switchUser(page, 'caller1@demo.local');
  await expect(page).toHaveURL(/\/workbench$/);
  // …and hears of it: the bell counts it, the notification leads back to the workbench
  await page.getByTestId('notification-bell').click();
  await expect(page.getByTestId('notification-item').first()).toContainText('回访计划已批准，为您分配了');
  await page.getByTestId('notification-item').first().click();
  await expect(page).toHaveURL(/\/workbench$/);
  await page.getByTestId('tile-upcoming').click();
  const row = page.getByTestId('task-queue').locator('tr', { hasText: purpose }).first();
  await expect(row).toBeVisible();
  await row.getByText(/^打\s*开$/).click();
  await expect(page).toHaveURL(/\/workbench\/tasks\//);
  await expect(page.getByText(purpose).first()).toBeVisible();

  await page.getByTestId('outcome').getByText('回访完成', { exact: true }).click();
  await answerQuestionnaire(page);
  await page.getByTestId('satisfaction').focus();
  await page.keyboard.press('5');
  await page.getByTestId('opinions').fill('就业推荐很及时');
  await page.getByTestId('opinions').press('Control+Enter');
  await expect(page.getByText(/回访记录已保存/)).toBeVisible();

  // The lead's board counts the visit as done for next month.
  await switchUser(page, 'lead@demo.local');
  await page.goto(`/plans/${planId}`);
  await expect(page.getByTestId('plan-status')).toHaveText('已批准');
});

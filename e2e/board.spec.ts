import { expect, type Locator, test } from './fixtures';
import { chooseIn, login, switchToEnglish } from './helpers';

async function figure(card: Locator, name: string): Promise<number> {
  return Number(await card.getByTestId(new RegExp(`-${name}$`)).textContent());
}

test('a lead reassigns a task on the board, sees the history, and edits a questionnaire', async ({
  page,
}) => {
  await login(page, 'lead@demo.local');
  await page.getByRole('menuitem', { name: '任务看板' }).click();
  await expect(page).toHaveURL(/\/board/);
  await expect(page.getByTestId('board-title')).toContainText('任务看板');
  await expect(page.getByTestId('board-title')).toContainText('回访一组');

  const card1 = page.getByTestId(/^caller-card-/).filter({ hasText: '张敏' });
  const card2 = page.getByTestId(/^caller-card-/).filter({ hasText: '李娜' });
  await expect(card1).toBeVisible();
  await expect(card2).toBeVisible();
  await expect(card1).toContainText('已分配');
  await expect(card1).toContainText('无法联系');
  const before1 = await figure(card1, 'assigned');
  const before2 = await figure(card2, 'assigned');
  expect(before1).toBeGreaterThan(0);

  // Clicking a caller's card filters the table to that caller
  await card1.click();
  await expect(page).toHaveURL(/assignee=/);
  const rows = page.getByTestId('board-tasks').locator('tbody tr.ant-table-row');
  await expect(rows.first()).toBeVisible();
  await expect
    .poll(async () => [...new Set(await page.getByTestId('task-assignee').allTextContents())])
    .toEqual(['张敏']);

  // Reassign the first open task to 李娜 with a reason
  const openRow = rows.filter({ has: page.locator('[data-testid="task-reassign"]:enabled') }).first();
  const customer = (await openRow.getByTestId('task-customer').textContent()) ?? '';
  await openRow.getByTestId('task-reassign').click();
  const modal = page.getByTestId('reassign-modal');
  await expect(modal).toContainText(customer);
  await chooseIn(page, modal.getByTestId('reassign-assignee'), '李娜');
  await modal.getByLabel('改派原因').fill('张敏本周休假，临时改派');
  await page.getByTestId('reassign-confirm').click();
  await expect(page.getByText('已改派给 李娜')).toBeVisible();
  await expect(modal).toBeHidden();

  // The cards follow: one task fewer for 张敏, one more for 李娜
  await expect.poll(() => figure(card1, 'assigned')).toBe(before1 - 1);
  await expect.poll(() => figure(card2, 'assigned')).toBe(before2 + 1);

  // The task is now in 李娜's list, with the move in its history
  await card2.click();
  await expect
    .poll(async () => [...new Set(await page.getByTestId('task-assignee').allTextContents())])
    .toEqual(['李娜']);
  const moved = rows.filter({ hasText: customer }).first();
  await expect(moved).toBeVisible();
  await moved.getByTestId('task-history').click();
  const drawer = page.getByTestId('history-drawer');
  await expect(drawer).toContainText('张敏 → 李娜');
  await expect(drawer).toContainText('张敏本周休假，临时改派');
  await expect(drawer).toContainText('操作人：王丽华');
  await expect(drawer).toContainText('计划批准，分配给 张敏');
  await page.keyboard.press('Escape');
  await expect(drawer).toBeHidden();

  // Questionnaire editor: add a question to 报名体验 and save; the version goes up
  await page.getByRole('menuitem', { name: '问卷模板' }).click();
  await expect(page).toHaveURL(/\/questionnaires$/);
  await page.getByTestId('questionnaire-table').getByRole('link', { name: '报名体验' }).click();
  await expect(page.getByTestId('questionnaire-version')).toHaveText('版本 1');
  await expect(page.getByTestId(/^question-\d+$/)).toHaveCount(6);
  await page.getByTestId('question-add').click();
  await expect(page.getByTestId(/^question-\d+$/)).toHaveCount(7);
  await chooseIn(page, page.getByTestId('question-6-kind'), '是 / 否');
  await page.getByTestId('question-6-label').fill('是否愿意参加结业后的就业回访');
  await expect(page.getByTestId('questionnaire-preview')).toContainText('7. 是否愿意参加结业后的就业回访');
  await page.getByTestId('questionnaire-save').click();
  await expect(page.getByText('问卷已保存（版本 2）')).toBeVisible();
  await expect(page.getByTestId('questionnaire-version')).toHaveText('版本 2');

  // Saved for real: after a reload the new question is still there
  await page.reload();
  await expect(page.getByTestId('questionnaire-version')).toHaveText('版本 2');
  await expect(page.getByTestId(/^question-\d+$/)).toHaveCount(7);
  await expect(page.getByTestId('question-6-label')).toHaveValue('是否愿意参加结业后的就业回访');

  // Someone else saves in the meantime: saving answers with a clear message and a reload
  const id = page.url().split('/').pop();
  const other = await page.request.patch(`/api/questionnaires/${id}`, {
    data: { description: '另一位主管修改了说明', version: 2 },
  });
  expect(other.status()).toBe(200);
  await page.getByTestId('question-0-label').fill('您对本次报名咨询的总体满意度');
  await page.getByTestId('questionnaire-save').click();
  await expect(page.getByTestId('questionnaire-stale')).toContainText('已被他人修改，请刷新');
  await expect(page.getByTestId('questionnaire-version')).toHaveText('版本 2');
  await page
    .getByTestId('questionnaire-stale')
    .getByRole('button', { name: /刷\s*新/ })
    .click();
  await expect(page.getByTestId('questionnaire-version')).toHaveText('版本 3');
  await expect(page.getByTestId('questionnaire-stale')).toBeHidden();
  await expect(page.getByLabel('说明')).toHaveValue('另一位主管修改了说明');
});

test('the board speaks English after the switch', async ({ page }) => {
  await login(page, 'lead@demo.local');
  await page.goto('/board');
  await expect(page.getByTestId('board-title')).toContainText('任务看板');
  await switchToEnglish(page);
  await expect(page.getByTestId('board-title')).toContainText('Task board');
  await expect(page.getByRole('menuitem', { name: 'Task board' })).toBeVisible();
  await expect(page.getByText('Click a card to see only that caller')).toBeVisible();
  const card = page.getByTestId(/^caller-card-/).filter({ hasText: '张敏' });
  await expect(card).toContainText('Assigned');
  await expect(card).toContainText('Overdue');
  await expect(page.getByTestId('board-team-total')).toContainText('Team total');
  await expect(page.getByRole('columnheader', { name: 'Customer' })).toBeVisible();
  await expect(page.getByRole('columnheader', { name: 'Due' })).toBeVisible();
  await expect(page.getByText('任务看板')).toHaveCount(0);
  // the history's first entry is the plan's approval, in the interface language
  await page.getByTestId('task-history').first().click();
  const drawer = page.getByTestId('history-drawer');
  await expect(drawer).toContainText(/Assigned to .+ when the plan was approved/);
  await expect(drawer).not.toContainText('计划批准');
});

test('a failed reassignment is explained in the interface language, not the server’s English', async ({
  page,
}) => {
  await login(page, 'lead@demo.local');
  await page.goto('/board');
  const rows = page.getByTestId('board-tasks').locator('tbody tr.ant-table-row');
  await expect(rows.first()).toBeVisible();
  const openRow = rows.filter({ has: page.locator('[data-testid="task-reassign"]:enabled') }).first();
  const assignee = ((await openRow.getByTestId('task-assignee').textContent()) ?? '').trim();
  await openRow.getByTestId('task-reassign').click();
  const modal = page.getByTestId('reassign-modal');
  await chooseIn(page, modal.getByTestId('reassign-assignee'), assignee === '刘洋' ? '李娜' : '刘洋');
  // the session ends meanwhile: the server answers 401 with an English message
  await page.context().clearCookies();
  await page.getByTestId('reassign-confirm').click();
  await expect(modal.getByRole('alert')).toContainText('登录已失效，请重新登录');
  await expect(modal.getByRole('alert')).not.toContainText(/[A-Za-z]{4,}/);
});

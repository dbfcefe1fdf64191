import { expect, type Page, test } from './fixtures';
import { pickOption, switchUser } from './helpers';

// A lead drafts next month's plan, a manager rejects it with a comment, the lead sees the
// comment, reworks and resubmits it, and the manager approves it: every task is created.

function monthAhead(n: number): string {
  const now = new Date(new Date().toLocaleString('en-US', { timeZone: 'Asia/Shanghai' }));
  const d = new Date(now.getFullYear(), now.getMonth() + n, 1);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`;
}

async function figure(page: Page, key: string): Promise<number> {
  return Number((await page.getByTestId(`figure-${key}`).textContent())?.replace(/\D/g, ''));
}

test('a plan goes from draft to rejection, rework and approval, creating its tasks', async ({ page }) => {
  const month = monthAhead(1);

  // The lead drafts a plan for next month (the default of the dialog)
  await switchUser(page, 'lead@demo.local');
  await page.getByRole('menuitem', { name: '回访计划' }).click();
  await expect(page).toHaveURL(/\/plans$/);
  await page.getByTestId('plan-create').click();
  await expect(page.getByRole('dialog')).toContainText('新建回访计划');
  await page.getByTestId('plan-create-ok').click();
  await expect(page).toHaveURL(/\/plans\/[0-9a-f-]{36}$/);
  const planUrl = new URL(page.url()).pathname;
  const planId = planUrl.split('/').pop()!;
  await expect(page.getByTestId('plan-month')).toHaveText(month);
  await expect(page.getByTestId('plan-status')).toHaveText('草稿');
  await expect(page.getByTestId('plan-title')).toHaveText(`${month} 回访一组回访计划`);

  // Submitting an empty plan is refused with a reason
  await page.getByTestId('plan-submit').click();
  await page
    .locator('.ant-popconfirm')
    .getByRole('button', { name: /确\s*定/ })
    .click();
  await expect(page.getByText('计划中还没有客户，无法提交')).toBeVisible();

  // …so the lead adds customers by segment; they are balanced across the team's three callers
  await pickOption(page, 'add-segments', '重点客户');
  await pickOption(page, 'add-segments', '结业学员');
  await page.getByTestId('add-purpose').fill('重点客户与结业学员回访');
  await page.getByTestId('add-submit').click();
  await expect(page.getByTestId('add-result')).toContainText('已添加');
  await expect(page.getByTestId('add-result')).toContainText('拒绝回访');
  const customers = await figure(page, 'customers');
  expect(customers).toBeGreaterThan(0);
  await expect(page.getByTestId('figure-unassigned')).toHaveText('0');
  await expect(page.getByTestId('caller-load').getByTestId('caller-count')).toHaveCount(3);
  // the load chart: a bar per caller (components/plain-chart)
  await expect(page.getByTestId('caller-load').locator('.plan-load-bar')).toHaveCount(3);
  await expect(page.getByTestId('excluded-summary')).toContainText('拒绝回访');
  await expect(page.getByTestId('plan-items').getByTestId('item-customer').first()).toBeVisible();

  // A new daily cap rebalances the plan and says how it went (the card starts afresh with the cap)
  await page.getByTestId('balance-cap').fill('37');
  await page.getByTestId('balance-run').click();
  await expect(page.getByText(/^已重新均衡/)).toBeVisible();
  await expect(page.getByTestId('balance-cap')).toHaveValue('37');

  // …and submits it
  await page.getByTestId('plan-submit').click();
  await page
    .locator('.ant-popconfirm')
    .getByRole('button', { name: /确\s*定/ })
    .click();
  await expect(page.getByTestId('plan-status')).toHaveText('待审批');
  await expect(page.getByTestId('plan-submit')).toHaveCount(0);
  // who decides it: the organisation's plan chain, the step due highlighted
  await expect(page.getByTestId('chain-steps')).toContainText('等待 管理层 处理');

  // The manager finds it in the queue and rejects it; a rejection needs a comment
  await switchUser(page, 'manager@demo.local');
  await page.getByRole('menuitem', { name: '计划审批' }).click();
  await page
    .getByTestId('approval-list')
    .getByRole('link', { name: `${month} 回访一组回访计划` })
    .click();
  await expect(page).toHaveURL(new RegExp(`/approvals/${planId}$`));
  await expect(page.getByTestId('figure-customers')).toHaveText(String(customers));
  await page.getByTestId('plan-reject').click();
  await page.getByTestId('decision-ok').click();
  await expect(page.getByText('请填写驳回意见')).toBeVisible();
  await page.getByTestId('decision-comment').fill('请补充高价值学员，并说明回访重点');
  await page.getByTestId('decision-ok').click();
  await expect(page.getByTestId('plan-status')).toHaveText('已驳回');
  await expect(page.getByTestId('timeline')).toContainText('驳回');

  // The lead sees the comment, reworks the plan (back to draft) and resubmits
  await switchUser(page, 'lead@demo.local');
  await page.goto(planUrl);
  await expect(page.getByTestId('plan-status')).toHaveText('已驳回');
  await expect(page.getByTestId('rejection-alert')).toContainText('请补充高价值学员，并说明回访重点');
  await page.getByTestId('plan-edit').click();
  await page.getByTestId('edit-focus').fill('重点客户维护、结业学员就业跟踪、高价值学员满意度');
  await page
    .getByRole('dialog')
    .getByRole('button', { name: /保\s*存/ })
    .click();
  await expect(page.getByTestId('plan-status')).toHaveText('草稿');
  await expect(page.getByTestId('rejection-alert')).toContainText('请补充高价值学员');
  await pickOption(page, 'add-tiers', '高价值');
  await page.getByTestId('add-purpose').fill('高价值学员回访');
  await page.getByTestId('add-submit').click();
  await expect(page.getByTestId('add-result')).toContainText('已添加');
  await expect.poll(() => figure(page, 'customers')).toBeGreaterThan(customers);
  const finalCustomers = await figure(page, 'customers');
  await page.getByTestId('plan-submit').click();
  await page
    .locator('.ant-popconfirm')
    .getByRole('button', { name: /确\s*定/ })
    .click();
  await expect(page.getByTestId('plan-status')).toHaveText('待审批');
  await expect(page.getByTestId('rejection-alert')).toHaveCount(0);

  // The manager approves: one task per customer, shown on the page
  await switchUser(page, 'manager@demo.local');
  await page.goto(`/approvals/${planId}`);
  await expect(page.getByTestId('timeline')).toContainText('修改计划');
  await page.getByTestId('plan-approve').click();
  await expect(page.getByRole('dialog')).toContainText(String(finalCustomers));
  await page.getByTestId('decision-ok').click();
  await expect(page.getByTestId('plan-status')).toHaveText('已批准');
  await expect(page.getByTestId('tasks-created-count')).toHaveText(String(finalCustomers));
  await expect(page.getByTestId('plan-approve')).toHaveCount(0);

  // The approved plan is frozen for its lead
  await switchUser(page, 'lead@demo.local');
  await page.goto(planUrl);
  await expect(page.getByTestId('plan-status')).toHaveText('已批准');
  await expect(page.getByTestId('plan-submit')).toHaveCount(0);
  await expect(page.getByTestId('add-customers')).toHaveCount(0);
  await expect(page.getByTestId('figure-tasks')).toHaveText(String(finalCustomers));
});

test('approving the demo’s submitted plan skips customers who have an open task; a late second decision is told so', async ({
  page,
}) => {
  // The demo's plan of 回访二组 for the month after next, waiting in the manager's queue; some of
  // its key customers already have an open visit task (more after the test above).
  const title = `${monthAhead(2)} 回访二组重点客户季度回访`;
  await switchUser(page, 'manager@demo.local');
  await page.getByRole('menuitem', { name: '计划审批' }).click();
  await page.getByTestId('approval-list').getByRole('link', { name: title }).click();
  await expect(page.getByTestId('plan-status')).toHaveText('待审批');
  const customers = await figure(page, 'customers');
  expect(customers).toBeGreaterThan(20);

  // A second tab on the same plan, still showing the approve / reject buttons
  const late = await page.context().newPage();
  await late.goto(page.url());
  await expect(late.getByTestId('plan-reject')).toBeVisible();

  await page.getByTestId('plan-approve').click();
  await page.getByTestId('decision-ok').click();
  await expect(page.getByTestId('plan-status')).toHaveText('已批准');
  await expect(
    page.getByText(/已批准，已生成 \d+ 条回访任务；\d+ 位客户因已有未完成任务或拒绝回访未生成任务/),
  ).toBeVisible();
  const created = Number(await page.getByTestId('tasks-created-count').textContent());
  const skipped = await figure(page, 'skipped');
  expect(skipped).toBeGreaterThan(0);
  expect(created + skipped).toBe(customers);
  await expect(page.getByTestId('tasks-skipped')).toContainText(
    `${skipped} 位客户未生成任务：有未完成的回访任务`,
  );
  await expect(page.getByTestId('excluded-summary')).toContainText('批准时未生成任务');
  await expect(page.getByTestId('excluded').getByTestId('excluded-at-approval').first()).toHaveText(
    '批准时跳过',
  );

  // The other tab rejects too late: it is told someone else decided, and nothing changes
  await late.getByTestId('plan-reject').click();
  await late.getByTestId('decision-comment').fill('客户太多');
  await late.getByTestId('decision-ok').click();
  await expect(late.getByText('该计划已被处理（可能其他管理人员已审批），请刷新')).toBeVisible();
  await expect(late.getByTestId('plan-status')).toHaveText('已批准');
  await expect(late.getByTestId('tasks-created-count')).toHaveText(String(created));
});

import { expect, type Page, test } from './fixtures';
import { login, pickOption, switchUser } from './helpers';

const status = (page: Page) => page.getByTestId('ticket-header').getByTestId('ticket-status');

async function openDialog(page: Page, button: string) {
  await page.getByTestId(button).click();
  await expect(page.locator('.ant-modal:visible')).toBeVisible();
}

test('a ticket is raised from a record, answered, reopened by the caller, answered again and verified', async ({
  page,
}) => {
  await login(page, 'caller1@demo.local');
  const visits = await page.request.get('/api/visits', { params: { outcome: 'COMPLETED', size: '5' } });
  expect(visits.ok()).toBe(true);
  const visit = (await visits.json()).items[0] as { id: string; customer: { name: string } };

  // 新建工单 from the record: the source is preselected
  await page.goto(`/tickets/new?visitId=${visit.id}`);
  await expect(page.getByRole('heading', { name: '新建工单' })).toBeVisible();
  await expect(page.getByTestId('create-source')).toContainText(visit.customer.name);
  await pickOption(page, 'create-category', '教学问题');
  await pickOption(page, 'create-severity', '高');
  const title = `实训课设备不足 ${Date.now() % 100000}`;
  await page.getByTestId('create-title').fill(title);
  await page.getByTestId('create-description').fill('学员反映实训课每组设备不足，操作时间太短。');
  await page.getByTestId('create-submit').click();
  await expect(page).toHaveURL(/\/tickets\/[0-9a-f-]{36}$/);
  const url = page.url();
  await expect(status(page)).toHaveText('待处理');
  await expect(page.getByTestId('ticket-timeline')).toContainText('派发至 教学部');

  // the handler of 教学部 finds it in the inbox with its SLA countdown
  await switchUser(page, 'handler@demo.local');
  await page.goto('/tickets/inbox');
  await expect(page.getByRole('heading', { name: '工单处理' })).toBeVisible();
  const row = page.getByTestId('ticket-table').locator('tr', { hasText: title });
  await expect(row.getByTestId('sla-badge')).toHaveAttribute('data-state', 'running');
  await expect(row.getByTestId('sla-badge')).toContainText('剩余');
  await row.getByTestId('ticket-title').click();
  await page.getByTestId('ticket-start').click();
  await expect(status(page)).toHaveText('处理中');
  await openDialog(page, 'ticket-respond');
  await page.getByTestId('respond-action').fill('已增加一组实训设备，并调整为小组轮换');
  await page.getByTestId('respond-root-cause').fill('本期报名人数超出计划，设备采购滞后');
  await page.getByTestId('dialog-ok').click();
  await expect(status(page)).toHaveText('已回复');
  await expect(page.getByTestId('sla-badge').first()).toHaveAttribute('data-state', 'paused');

  // the caller checks with the customer: not solved yet
  await switchUser(page, 'caller1@demo.local');
  await page.goto(url);
  await openDialog(page, 'ticket-reopen');
  await page.getByTestId('dialog-ok').click();
  await expect(page.locator('.ant-form-item-explain-error')).toHaveText('请填写此项');
  await page.getByTestId('reopen-reason').fill('客户表示轮换后每人操作时间仍然不足');
  await page.getByTestId('dialog-ok').click();
  await expect(status(page)).toHaveText('重新打开');
  await expect(page.getByTestId('ticket-verify')).toHaveCount(0);

  // the handler answers again
  await switchUser(page, 'handler@demo.local');
  await page.goto(url);
  await openDialog(page, 'ticket-respond');
  await page.getByTestId('respond-action').fill('周末加开实训时段，每人增加两小时');
  await page.getByTestId('respond-root-cause').fill('实训时段安排不足');
  await page.getByTestId('dialog-ok').click();
  await expect(status(page)).toHaveText('已回复');

  // the caller confirms: closed, with the whole story on the timeline
  await switchUser(page, 'caller1@demo.local');
  await page.goto(url);
  await openDialog(page, 'ticket-verify');
  await page.getByTestId('verify-note').fill('客户满意');
  await page.getByTestId('dialog-ok').click();
  await expect(status(page)).toHaveText('已关闭');
  const events = page.getByTestId('timeline-event');
  await expect(events).toHaveCount(8);
  const types = await events.evaluateAll((els) => els.map((e) => e.getAttribute('data-type')));
  expect(types).toEqual([
    'CREATED',
    'ROUTED',
    'STARTED',
    'RESPONDED',
    'REOPENED',
    'RESPONDED',
    'VERIFIED',
    'CLOSED',
  ]);
  await expect(page.getByText('客户表示轮换后每人操作时间仍然不足')).toBeVisible();

  // the caller's list shows the ticket done, and the SLA badges of the others
  await page.goto('/tickets');
  await expect(page.getByRole('heading', { name: '问题工单' })).toBeVisible();
  const mine = page.getByTestId('ticket-table').locator('tr', { hasText: title });
  await expect(mine.getByTestId('sla-badge')).toHaveAttribute('data-state', 'done');
  await expect(mine.getByTestId('ticket-status')).toHaveText('已关闭');
  expect(await page.getByTestId('sla-badge').count()).toBeGreaterThan(1);
});

import { expect, test } from './fixtures';
import { login, monthFromNow } from './helpers';

test('a supervisor reads the quality dashboard and opens the inspection backlog from it', async ({
  page,
}) => {
  await login(page, 'supervisor@demo.local');
  await page.getByRole('menuitem', { name: '质检看板' }).click();
  await expect(page).toHaveURL(/\/dashboards\/quality$/);
  await expect(page.getByRole('heading', { name: '质检看板' })).toBeVisible();
  for (const card of ['kpi-backlog', 'kpi-pass-rate', 'kpi-appeals', 'kpi-reports']) {
    await expect(page.getByTestId(card)).toBeVisible();
  }
  await expect(page.getByTestId('kpi-target')).toHaveText('目标 95%');
  // the figures say when they were computed (shared for a minute; docs/performance.md)
  await expect(page.getByTestId('figures-source')).toHaveText(/^实时 · 截至 \d{2}:\d{2}（每分钟更新）$/);

  // the month of the demo's inspections, chosen with the month picker
  const month = monthFromNow(-1);
  const picker = page.getByTestId('dashboard-month');
  await picker.click();
  await picker.fill(month);
  await picker.press('Enter');
  await expect(page).toHaveURL(new RegExp(`month=${month}`));

  const res = await page.request.get('/api/dashboards/quality', { params: { month } });
  expect(res.ok()).toBe(true);
  const d = await res.json();
  const current = d.passRateTrend.at(-1) as { inspected: number; passed: number };
  expect(current.inspected).toBeGreaterThan(0);
  expect(d.findings.length).toBeGreaterThan(0);
  await expect(page.getByTestId('kpi-pass-rate')).toContainText(
    `${((current.passed / current.inspected) * 100).toFixed(1)}%`,
  );
  await expect(page.getByTestId('kpi-pass-rate')).toContainText(
    `合格 ${current.passed} / 已质检 ${current.inspected}`,
  );
  const backlog = d.inspectionBacklog.pending + d.inspectionBacklog.inProgress;
  await expect(page.getByTestId('kpi-backlog').locator('.ant-statistic-content')).toHaveText(String(backlog));
  await expect(page.getByTestId('kpi-appeals').locator('.ant-statistic-content')).toHaveText(
    String(d.appealsWaiting),
  );
  await expect(page.getByTestId('kpi-reports').locator('.ant-statistic-content')).toHaveText(
    String(d.reportsWaiting),
  );

  // three charts drawn by recharts, with the 95 % target on both pass-rate charts
  for (const chart of ['chart-by-caller', 'chart-trend', 'chart-findings']) {
    // a chart is drawn when it comes near the screen (components/Staggered.tsx)
    await page.getByTestId(chart).scrollIntoViewIfNeeded();
    await expect(page.getByTestId(chart).locator('svg.recharts-surface')).toBeVisible();
  }
  await expect(page.getByTestId('chart-by-caller')).toContainText('目标 95%');
  await expect(page.getByTestId('chart-trend')).toContainText('目标 95%');
  await expect(page.getByTestId('chart-by-caller').locator('.recharts-bar-rectangle')).toHaveCount(
    d.passRateByCaller.length,
  );
  await expect(page.getByTestId('chart-findings')).toContainText('服务态度差');
  await expect(page.getByTestId('backlog-by-inspector')).toContainText('林晓燕');

  // the backlog card opens the inspections list
  await page.getByTestId('kpi-backlog').click();
  await expect(page).toHaveURL(/\/inspections$/);
  await expect(page.getByTestId('inspection-list')).toBeVisible();
});

test('a caller raises a ticket from a completed record of a task', async ({ page }) => {
  await login(page, 'caller1@demo.local');
  const res = await page.request.get('/api/visits', { params: { outcome: 'COMPLETED', size: '1' } });
  const visit = (await res.json()).items[0] as { id: string; taskId: string };
  await page.goto(`/workbench/tasks/${visit.taskId}`);
  const record = page.getByTestId('task-record').filter({ has: page.getByTestId('raise-ticket') });
  await expect(record.first()).toBeVisible();
  await record.first().getByTestId('raise-ticket').click();
  await expect(page).toHaveURL(new RegExp(`/tickets/new\\?visitId=${visit.id}$`));
  await expect(page.getByRole('heading', { name: '新建工单' })).toBeVisible();
});

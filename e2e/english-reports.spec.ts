import { expect, type Page, test } from '@playwright/test';
import { switchToEnglish, switchUser } from './helpers';

// English run of the monthly report (issue 3 §10): the lead of 回访二组 drafts last month's
// report, fills and submits it, a supervisor approves it — every label in English. (回访一组's
// demo draft is left to the zh-CN run.) Plus the ticket dashboard.

function monthAhead(n: number): string {
  const now = new Date(new Date().toLocaleString('en-US', { timeZone: 'Asia/Shanghai' }));
  const d = new Date(now.getFullYear(), now.getMonth() + n, 1);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`;
}

async function signInEnglish(page: Page, email: string) {
  await switchUser(page, email);
  if ((await page.getByTestId('language-switch').textContent())?.trim() !== 'English') {
    await switchToEnglish(page);
  }
  await expect(page.getByTestId('language-switch')).toHaveText('English');
}

test('in English, a lead submits the monthly report and a supervisor approves it', async ({ page }) => {
  const month = monthAhead(-1);
  await signInEnglish(page, 'lead2@demo.local');
  await page.getByRole('menuitem', { name: 'Monthly reports' }).click();
  await expect(page.getByRole('heading', { name: 'Monthly visit reports' })).toBeVisible();
  await page.getByTestId('report-create').click();
  await page.getByTestId('report-create-ok').click();
  await expect(page).toHaveURL(/\/reports\/[0-9a-f-]{36}$/);
  const reportUrl = new URL(page.url()).pathname;
  await expect(page.getByTestId('report-title')).toContainText(`Monthly visit report ${month}`);
  await expect(page.getByTestId('report-status')).toHaveText('Draft');
  await expect(page.getByText('Satisfaction analysis')).toBeVisible();

  await page.getByTestId('report-submit').click();
  await expect(page.getByText(/These sections are still empty: .*Satisfaction analysis/)).toBeVisible();
  await expect(page.getByTestId('report-status')).toHaveText('Draft');

  await page.getByTestId('narrative-overview').fill('Visits went to plan this month.');
  await page.getByTestId('narrative-satisfaction').fill('Satisfaction stayed stable.');
  await page.getByTestId('narrative-problems').fill('The course pace is too fast for some students.');
  await page.getByTestId('narrative-suggestions').fill('Teaching should slow the pace in week three.');
  await page.getByTestId('report-submit').click();
  await expect(page.getByText('Report submitted for approval')).toBeVisible();
  await expect(page.getByTestId('report-status')).toHaveText('Submitted');
  await expect(page.getByTestId('narrative-problems')).toBeDisabled();

  await signInEnglish(page, 'supervisor@demo.local');
  await page.goto(reportUrl);
  await expect(page.getByTestId('report-status')).toHaveText('Submitted');
  await page.getByTestId('report-approve').click();
  await expect(page.locator('.ant-modal-confirm-title')).toHaveText('Approve this report?');
  await page
    .locator('.ant-modal-confirm')
    .getByRole('button', { name: /Approve/ })
    .click();
  await expect(page.getByTestId('report-status')).toHaveText('Approved');
  await expect(page.getByText('Approval history')).toBeVisible();
  await expect(page.getByTestId('report-timeline').locator('.ant-timeline-item')).toHaveCount(2);
  await expect(page.getByTestId('narrative-overview')).toBeDisabled();
  await expect(page.getByTestId('narrative-overview')).toHaveValue('Visits went to plan this month.');
});

test("in English, a handler's ticket dashboard shows the department's figures", async ({ page }) => {
  await signInEnglish(page, 'handler@demo.local');
  await page.getByRole('menuitem', { name: 'Ticket dashboard' }).click();
  await expect(page).toHaveURL(/\/dashboards\/tickets$/);
  const figures = await (await page.request.get('/api/dashboards/tickets')).json();
  await expect(page.getByTestId('kpi-overdue')).toContainText('Overdue');
  await expect(page.getByTestId('kpi-overdue')).toContainText(String(figures.overdue));
  await expect(page.getByTestId('kpi-at-risk')).toContainText(`At risk${figures.atRisk}`);
  await expect(page.getByTestId('kpi-due-today')).toContainText(`Due today${figures.dueToday}`);
  await expect(page.getByTestId('kpi-on-time')).toContainText(
    `${figures.respondedOnTimeRate.onTime} of ${figures.respondedOnTimeRate.responded} responses by the due time`,
  );
  await expect(page.getByTestId('chart-by-status')).toContainText('Tickets by status');
  await expect(page.getByTestId('chart-by-category')).toContainText('Tickets by category');
  // the next deadlines are the open tickets of the department, each with its SLA clock
  const open = figures.byStatus
    .filter((s: { status: string }) => ['OPEN', 'IN_PROGRESS', 'REOPENED'].includes(s.status))
    .reduce((n: number, s: { count: number }) => n + s.count, 0);
  expect(open).toBeGreaterThan(0);
  await expect(page.getByTestId('next-deadlines').getByTestId('sla-badge').first()).toBeVisible();
  // the overdue card opens the inbox filtered on overdue tickets
  await page.getByTestId('kpi-overdue').click();
  await expect(page).toHaveURL(/\/tickets\/inbox\?overdue=true$/);
});

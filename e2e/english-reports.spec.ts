import { expect, test } from './fixtures';
import { confirmDialog, monthFromNow, signInEnglish } from './helpers';

// English run of the monthly report (docs/product.md#languages): the lead of 回访二组 drafts last month's
// report, fills and submits it, a supervisor returns it with a comment, the lead reads the
// comment, edits and resubmits, the supervisor approves it and the print view shows it — every
// label in English. (回访一组's demo draft is left to the zh-CN run.) Plus the ticket dashboard.

const bp = (v: number | null) =>
  v === null ? '—' : `${Math.floor(v / 100)}.${String(v % 100).padStart(2, '0')}%`;

test('in English, a monthly report is submitted, returned, resubmitted, approved and printed', async ({
  page,
}) => {
  const month = monthFromNow(-1);
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
  await confirmDialog(page, /^Submit$/);
  await expect(page.getByText(/These sections are still empty: .*Satisfaction analysis/)).toBeVisible();
  await expect(page.getByTestId('report-status')).toHaveText('Draft');

  await page.getByTestId('narrative-overview').fill('Visits went to plan this month.');
  await page.getByTestId('narrative-satisfaction').fill('Satisfaction stayed stable.');
  await page.getByTestId('narrative-problems').fill('The course pace is too fast for some students.');
  await page.getByTestId('narrative-suggestions').fill('Teaching should slow the pace in week three.');
  await page.getByTestId('report-submit').click();
  await confirmDialog(page, /^Submit$/);
  await expect(page.getByText('Report submitted for approval')).toBeVisible();
  await expect(page.getByTestId('report-status')).toHaveText('Submitted');
  await expect(page.locator('textarea:visible')).toHaveCount(0);

  // the supervisor returns it: a comment is required
  await signInEnglish(page, 'supervisor@demo.local');
  await page.goto(reportUrl);
  await expect(page.getByTestId('report-status')).toHaveText('Submitted');
  await expect(page.getByTestId('report-return')).toHaveText('Return');
  await page.getByTestId('report-return').click();
  const dialog = page.locator('.ant-modal:visible');
  await expect(dialog).toContainText('Return the report');
  await page.getByTestId('return-ok').click();
  await expect(dialog).toContainText('Please write why it is returned');
  await page.getByTestId('return-comment-input').fill('Please analyse the two complaints in detail.');
  await page.getByTestId('return-ok').click();
  await expect(page.getByText('Report returned')).toBeVisible();
  await expect(page.getByTestId('report-status')).toHaveText('Returned');
  await expect(page.getByTestId('report-approve')).toHaveCount(0);

  // the lead reads the comment, edits and resubmits
  await signInEnglish(page, 'lead2@demo.local');
  await page.getByRole('menuitem', { name: 'Monthly reports' }).click();
  const listed = page.getByTestId('report-table').locator('tr', { hasText: month });
  await expect(listed).toContainText('Returned');
  await listed.getByTestId(`report-link-${month}`).click();
  await expect(page).toHaveURL(new RegExp(`${reportUrl}$`));
  // the list stays on screen until the report's page has rendered (its rows have status tags too)
  await expect(page.getByTestId('report-title')).toContainText(`Monthly visit report ${month}`);
  await expect(page.getByTestId('report-status')).toHaveText('Returned');
  await expect(page.getByTestId('return-comment')).toContainText('Returned by 林晓燕');
  await expect(page.getByTestId('return-comment')).toContainText(
    'Please analyse the two complaints in detail.',
  );
  await expect(page.getByTestId('narrative-problems')).toBeEnabled();
  await page
    .getByTestId('narrative-problems')
    .fill('The course pace is too fast; two complaints were about slow answers from the service desk.');
  await page.getByTestId('report-save').click();
  await expect(page.getByText('Saved', { exact: true })).toBeVisible();
  await page.getByTestId('report-submit').click();
  await confirmDialog(page, /^Submit$/);
  await expect(page.getByText('Report submitted for approval')).toBeVisible();
  await expect(page.getByTestId('report-status')).toHaveText('Submitted');
  await expect(page.getByTestId('return-comment')).toHaveCount(0);

  // the supervisor approves the resubmitted report
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
  const timeline = page.getByTestId('report-timeline');
  await expect(timeline.locator('.ant-timeline-item')).toHaveCount(4);
  await expect(timeline.locator('.ant-timeline-item').nth(1)).toContainText('Returned');
  await expect(timeline).toContainText('Please analyse the two complaints in detail.');
  await expect(page.getByTestId('report-approve')).toHaveCount(0);
  await expect(page.locator('textarea:visible')).toHaveCount(0);
  await expect(page.getByTestId('narrative-overview')).toHaveText('Visits went to plan this month.');

  // the print view: the frozen figures and the edited text, in English
  const id = reportUrl.split('/').pop();
  const report = await (await page.request.get(`/api/reports/${id}`)).json();
  await page.getByTestId('report-print-link').click();
  await expect(page).toHaveURL(new RegExp(`/reports/${id}/print$`));
  await expect(page.getByTestId('report-sheet')).toContainText('Key figures');
  await expect(page.getByTestId('print-figures')).toContainText(
    `${bp(report.figures.tasks.completion.bp)} (${report.figures.tasks.done}/${report.figures.tasks.assigned})`,
  );
  await expect(page.getByTestId('print-problems')).toHaveText(
    'The course pace is too fast; two complaints were about slow answers from the service desk.',
  );
  await expect(page.getByTestId('report-print')).toHaveText('Print');
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

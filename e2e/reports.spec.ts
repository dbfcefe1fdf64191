import { expect, type Page, test } from './fixtures';
import { confirmDialog, expectWrite, switchUser } from './helpers';

// The demo's draft report of last month for 回访一组: the lead fills the narrative and submits
// it, a supervisor returns it with a comment, the lead sees the comment, edits and resubmits,
// the supervisor approves it, and the print view shows the frozen figures and the text.

function monthAhead(n: number): string {
  const now = new Date(new Date().toLocaleString('en-US', { timeZone: 'Asia/Shanghai' }));
  const d = new Date(now.getFullYear(), now.getMonth() + n, 1);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`;
}

const bp = (v: number | null) =>
  v === null ? '—' : `${Math.floor(v / 100)}.${String(v % 100).padStart(2, '0')}%`;

async function openReport(page: Page, month: string) {
  await page.getByRole('menuitem', { name: '月度报告' }).click();
  await expect(page).toHaveURL(/\/reports$/);
  await page.getByTestId(`report-link-${month}`).click();
  await expect(page).toHaveURL(/\/reports\/[0-9a-f-]{36}$/);
}

test('a monthly report is submitted, returned, resubmitted, approved and printed', async ({ page }) => {
  const month = monthAhead(-1);

  await switchUser(page, 'lead@demo.local');
  await openReport(page, month);
  const reportUrl = new URL(page.url()).pathname;
  await expect(page.getByTestId('report-title')).toContainText(`${month} 回访一组 月度回访报告`);
  await expect(page.getByTestId('report-status')).toHaveText('草稿');
  await expect(page.getByTestId('narrative-overview')).toHaveValue(/回访工作概况/);
  await expect(page.getByTestId('satisfaction-chart').or(page.getByText('本月没有满意度评分'))).toBeVisible();

  // Submitting with empty sections is refused, naming them
  await page.getByTestId('report-submit').click();
  await confirmDialog(page, /^提\s*交$/);
  await expect(page.getByText('以下部分尚未填写：满意度分析、主要问题、改进建议')).toBeVisible();
  await expect(page.getByTestId('report-status')).toHaveText('草稿');

  await page.getByTestId('narrative-satisfaction').fill('满意度总体稳定，个别学员评分偏低。');
  await page.getByTestId('narrative-problems').fill('课程进度偏快。');
  await page.getByTestId('narrative-suggestions').fill('建议教学部放慢进度。');
  await page.getByTestId('report-submit').click();
  await confirmDialog(page, /^提\s*交$/);
  await expect(page.getByTestId('report-status')).toHaveText('待审批');
  await expect(page.getByTestId('report-submit')).toHaveCount(0);
  // submitted: the text to read, no longer an input
  await expect(page.getByTestId('narrative-problems')).toHaveText('课程进度偏快。');
  await expect(page.locator('textarea:visible')).toHaveCount(0);

  // The supervisor returns it; the comment is required
  await switchUser(page, 'supervisor@demo.local');
  await page.getByRole('menuitem', { name: '月度报告' }).click();
  // the supervisor sees every team's reports: pick 回访一组's
  await page
    .getByTestId('report-table')
    .locator('tr', { hasText: '回访一组' })
    .getByTestId(`report-link-${month}`)
    .click();
  await expect(page).toHaveURL(new RegExp(`${reportUrl}$`));
  await page.getByTestId('report-return').click();
  await page.getByTestId('return-ok').click();
  await expect(page.getByText('请填写退回意见')).toBeVisible();
  await page.getByTestId('return-comment-input').fill('请补充投诉的具体分析');
  await page.getByTestId('return-ok').click();
  await expect(page.getByTestId('report-status')).toHaveText('已退回');

  // The lead sees the comment, edits and resubmits
  await switchUser(page, 'lead@demo.local');
  await page.goto(reportUrl);
  await expect(page.getByTestId('return-comment')).toContainText('请补充投诉的具体分析');
  await page.getByTestId('narrative-problems').fill('课程进度偏快；两起投诉涉及服务响应慢。');
  await page.getByTestId('report-save').click();
  await expect(page.getByText('已保存')).toBeVisible();
  await page.getByTestId('report-submit').click();
  await confirmDialog(page, /^提\s*交$/);
  await expect(page.getByTestId('report-status')).toHaveText('待审批');

  // The supervisor approves it
  await switchUser(page, 'supervisor@demo.local');
  await page.goto(reportUrl);
  await page.getByTestId('report-approve').click();
  await expectWrite(page, /\/approve$/, () => confirmDialog(page, /批\s*准/));
  await expect(page.getByTestId('report-status')).toHaveText('已批准');
  await expect(page.getByTestId('report-timeline')).toContainText('请补充投诉的具体分析');
  await expect(page.getByTestId('report-timeline').locator('.ant-timeline-item')).toHaveCount(4);
  await expect(page.getByTestId('report-approve')).toHaveCount(0);
  await expect(page.getByTestId('narrative-overview')).toContainText('回访工作概况');
  await expect(page.locator('textarea:visible')).toHaveCount(0);

  // The print view: the frozen figures and the narrative, without the app chrome on paper
  const id = reportUrl.split('/').pop();
  const report = await (await page.request.get(`/api/reports/${id}`)).json();
  await page.getByTestId('report-print-link').click();
  await expect(page).toHaveURL(new RegExp(`/reports/${id}/print$`));
  const figures = page.getByTestId('print-figures');
  await expect(figures).toContainText(
    `${bp(report.figures.tasks.completion.bp)}（${report.figures.tasks.done}/${report.figures.tasks.assigned}）`,
  );
  await expect(figures).toContainText(bp(report.figures.inspections.passRate.bp));
  await expect(figures).toContainText(report.figures.satisfaction.mean ?? '—');
  await expect(page.getByTestId('print-problems')).toHaveText('课程进度偏快；两起投诉涉及服务响应慢。');
  await expect(page.getByTestId('report-sheet')).toContainText('已批准');
  await expect(page.getByTestId('report-print')).toBeVisible();
  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('.ant-layout-sider')).toBeHidden();
  await expect(page.getByTestId('report-print')).toBeHidden();
  await expect(page.getByTestId('report-sheet')).toBeVisible();
});

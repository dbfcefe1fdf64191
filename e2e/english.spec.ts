import { expect, type Page, test } from './fixtures';
import { confirmDialog, login, switchToEnglish, switchUser } from './helpers';

const ticketStatus = (page: Page) => page.getByTestId('ticket-header').getByTestId('ticket-status');

test('in English: a supervisor inspects a record, a handler answers a ticket', async ({ page }) => {
  await login(page, 'supervisor@demo.local');
  await switchToEnglish(page);
  await expect(page.getByRole('menuitem', { name: 'Quality dashboard' })).toBeVisible();

  // --- 质检工作台 in English: a pending inspection of the demo from her queue
  await page.getByRole('menuitem', { name: / Inspections$/ }).click();
  await expect(page).toHaveURL(/\/inspections$/);
  await expect(page.getByRole('heading', { name: 'Inspections' })).toBeVisible();
  const row = page
    .getByTestId('inspection-list')
    .locator('tbody tr.ant-table-row')
    .filter({ hasText: 'Pending' })
    .first();
  await expect(row).toBeVisible();
  const customer = (await row.getByTestId('inspection-customer').textContent()) ?? '';
  await row.getByTestId('inspection-open').click();
  await expect(page.getByTestId('inspection-title')).toContainText(`Inspection: ${customer}`);
  await expect(page.getByTestId('record-panel')).toContainText('Visit record');
  await expect(page.getByTestId('inspection-start')).toHaveText('Start inspection');
  await page.getByTestId('inspection-start').click();

  const form = page.getByTestId('scoring-form');
  await expect(form).toBeVisible();
  // one list in the rubric's order; the critical items are tagged
  await expect(form.getByTestId('criterion-record')).toContainText('Critical');
  await expect(page.getByTestId('inspection-submit')).toBeDisabled();
  for (const [name, score] of [
    ['回访及时性', '18'],
    ['流程与话术', '20'],
    ['记录完整与准确', '25'],
    ['服务态度与礼仪', '20'],
    ['问题处理', '15'],
  ] as const) {
    await form.getByRole('spinbutton', { name }).fill(score);
  }
  await expect(page.getByTestId('live-total')).toContainText('98');
  await expect(page.getByTestId('live-result')).toHaveText('Pass');
  await page.getByTestId('inspection-comment').fill('Clear script, complete record.');
  await page.getByTestId('inspection-submit').click();
  await confirmDialog(page, /^Submit$/);
  await expect(page.getByText('Inspection submitted')).toBeVisible();
  await expect(page.getByTestId('result-total')).toHaveText('98');
  await expect(page.getByTestId('result-panel').getByTestId('inspection-result')).toHaveText('Pass');

  // --- the handler of 教学部 starts and answers an open TEACHING ticket of the demo
  await switchUser(page, 'handler@demo.local');
  await page.getByRole('menuitem', { name: 'Ticket inbox' }).click();
  await expect(page).toHaveURL(/\/tickets\/inbox$/);
  await expect(page.getByRole('heading', { name: 'Ticket inbox' })).toBeVisible();
  const ticket = page.getByTestId('ticket-table').locator('tr', { hasText: '课程进度偏快，学员跟不上' });
  await expect(ticket.getByTestId('ticket-status')).toHaveText('Open');
  await expect(ticket.getByTestId('sla-badge')).toContainText('left');
  await ticket.getByTestId('ticket-title').click();
  await expect(ticketStatus(page)).toHaveText('Open');
  await expect(page.getByTestId('ticket-start')).toHaveText('Start work');
  await page.getByTestId('ticket-start').click();
  await expect(ticketStatus(page)).toHaveText('In progress');
  await page.getByTestId('ticket-respond').click();
  await expect(page.locator('.ant-modal:visible')).toBeVisible();
  await page.getByTestId('respond-action').fill('Added a weekly Q&A session for the class');
  await page.getByTestId('respond-root-cause').fill('The syllabus was compressed this term');
  await page.getByTestId('dialog-ok').click();
  await expect(page.getByText('Responded; the caller now confirms with the customer')).toBeVisible();
  await expect(ticketStatus(page)).toHaveText('Responded');
  await expect(page.getByTestId('ticket-timeline')).toContainText('Department responded');
});

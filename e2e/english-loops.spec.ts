import { expect, type Page, test } from './fixtures';
import { login, pickOption, switchToEnglish, switchUser } from './helpers';

const status = (page: Page) => page.getByTestId('ticket-header').getByTestId('ticket-status');

async function openDialog(page: Page, button: string) {
  await page.getByTestId(button).click();
  await expect(page.locator('.ant-modal:visible')).toBeVisible();
}

/** Signs in as `email` and switches the interface to English. */
async function asEnglish(page: Page, email: string) {
  await switchUser(page, email);
  await switchToEnglish(page);
}

test('in English: a ticket is raised from a record, answered, reopened, answered again and verified', async ({
  page,
}) => {
  await login(page, 'caller1@demo.local');
  await switchToEnglish(page);
  const visits = await page.request.get('/api/visits', { params: { outcome: 'COMPLETED', size: '5' } });
  expect(visits.ok()).toBe(true);
  const items = (await visits.json()).items as Array<{ id: string; customer: { name: string } }>;
  // not the record tickets.spec.ts uses (its first one)
  const visit = items[2] ?? items[0];
  if (!visit) throw new Error('caller1 has no completed record in the demo data');

  await page.goto(`/tickets/new?visitId=${visit.id}`);
  await expect(page.getByRole('heading', { name: 'New ticket' })).toBeVisible();
  await expect(page.getByTestId('create-source')).toContainText(visit.customer.name);
  await pickOption(page, 'create-category', 'Teaching');
  await pickOption(page, 'create-severity', 'High');
  const title = `Not enough lab equipment ${Date.now() % 100000}`;
  await page.getByTestId('create-title').fill(title);
  await page.getByTestId('create-description').fill('Students say each group shares too few machines.');
  await page.getByTestId('create-submit').click();
  await expect(page).toHaveURL(/\/tickets\/[0-9a-f-]{36}$/);
  const url = page.url();
  await expect(status(page)).toHaveText('Open');
  await expect(page.getByTestId('ticket-timeline')).toContainText('Routed to 教学部');

  // the handler of 教学部: inbox, start, respond
  await asEnglish(page, 'handler@demo.local');
  await page.goto('/tickets/inbox');
  await expect(page.getByRole('heading', { name: 'Ticket inbox' })).toBeVisible();
  const row = page.getByTestId('ticket-table').locator('tr', { hasText: title });
  await expect(row.getByTestId('ticket-status')).toHaveText('Open');
  await expect(row.getByTestId('sla-badge')).toHaveAttribute('data-state', 'running');
  await expect(row.getByTestId('sla-badge')).toContainText('left');
  await row.getByTestId('ticket-title').click();
  await expect(page.getByTestId('ticket-start')).toHaveText('Start work');
  await page.getByTestId('ticket-start').click();
  await expect(status(page)).toHaveText('In progress');
  await openDialog(page, 'ticket-respond');
  await page.getByTestId('respond-action').fill('Added one more set of lab machines');
  await page.getByTestId('respond-root-cause').fill('Enrolment exceeded the plan');
  await page.getByTestId('dialog-ok').click();
  await expect(page.getByText('Responded; the caller now confirms with the customer')).toBeVisible();
  await expect(status(page)).toHaveText('Responded');
  await expect(page.getByTestId('sla-badge').first()).toHaveAttribute('data-state', 'paused');

  // the caller reopens: a reason is required
  await asEnglish(page, 'caller1@demo.local');
  await page.goto(url);
  await expect(page.getByTestId('ticket-reopen')).toHaveText('Reopen');
  await openDialog(page, 'ticket-reopen');
  await page.getByTestId('dialog-ok').click();
  await expect(page.locator('.ant-form-item-explain-error')).toHaveText('Please fill this in');
  await page.getByTestId('reopen-reason').fill('The customer still gets too little time on the machines');
  await page.getByTestId('dialog-ok').click();
  await expect(page.getByText('Reopened and sent back to the department')).toBeVisible();
  await expect(status(page)).toHaveText('Reopened');
  await expect(page.getByTestId('ticket-verify')).toHaveCount(0);

  // the handler answers again
  await asEnglish(page, 'handler@demo.local');
  await page.goto(url);
  await openDialog(page, 'ticket-respond');
  await page.getByTestId('respond-action').fill('Extra weekend lab sessions, two more hours each');
  await page.getByTestId('respond-root-cause').fill('Too few lab slots');
  await page.getByTestId('dialog-ok').click();
  await expect(status(page)).toHaveText('Responded');

  // the caller confirms: closed, with the whole story on the timeline
  await asEnglish(page, 'caller1@demo.local');
  await page.goto(url);
  await expect(page.getByTestId('ticket-verify')).toHaveText('Confirm solved');
  await openDialog(page, 'ticket-verify');
  await page.getByTestId('verify-note').fill('The customer is satisfied');
  await page.getByTestId('dialog-ok').click();
  await expect(page.getByText('Confirmed solved; the ticket is closed')).toBeVisible();
  await expect(status(page)).toHaveText('Closed');
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
  await expect(page.getByTestId('ticket-timeline')).toContainText('Reopened');
  await expect(page.getByTestId('ticket-timeline')).toContainText('Verified with the customer');
  await expect(page.getByText('The customer still gets too little time on the machines')).toBeVisible();

  await page.goto('/tickets');
  await expect(page.getByRole('heading', { name: 'Issue tickets' })).toBeVisible();
  const mine = page.getByTestId('ticket-table').locator('tr', { hasText: title });
  await expect(mine.getByTestId('ticket-status')).toHaveText('Closed');
  await expect(mine.getByTestId('sla-badge')).toHaveAttribute('data-state', 'done');
});

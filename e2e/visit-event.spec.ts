// What the customer told of in a visit becomes their event (docs/rules.md#r-evt-1-customer-events):
// a caller logs a completed visit and notes that the customer graduated; the customer's events list
// it as told in a visit (zh-CN), and the form offers it in English.
import { expect, test } from './fixtures';
import { answerQuestionnaire, chooseIn, expectWrite, signInEnglish, switchUser } from './helpers';

test('a caller notes in a completed visit that the customer graduated; it is the customer’s event', async ({
  page,
}) => {
  // a caller with a task to work today (the other tests work some of them)
  let caller = '';
  let task: { id: string; customer: { id: string } } | undefined;
  // (on some dates nobody has one due today: then an overdue one, which the demo always leaves)
  find: for (const bucket of ['today', 'overdue']) {
    for (const email of [
      'caller4@demo.local',
      'caller5@demo.local',
      'caller3@demo.local',
      'caller2@demo.local',
    ]) {
      await switchUser(page, email);
      const res = await page.request.get('/api/tasks', {
        params: { assignee: 'me', bucket, size: 5 },
      });
      task = ((await res.json()) as { items: Array<{ id: string; customer: { id: string } }> }).items[0];
      caller = email;
      if (task) break find;
    }
  }
  expect(task, 'a caller with a task today or overdue').toBeDefined();
  if (!task) return;
  await page.goto(`/workbench/tasks/${task.id}`);
  await expect(page.getByTestId('visit-form')).toBeVisible();
  await page.getByTestId('outcome').getByText('回访完成', { exact: true }).click();
  await answerQuestionnaire(page);
  await page.getByTestId('satisfaction').focus();
  await page.keyboard.press('5');
  await chooseIn(page, page.getByTestId('visit-event'), '结业');
  await expect(page.getByTestId('visit-event-day')).toBeVisible();
  await expectWrite(page, /\/api\/tasks\/[0-9a-f-]{36}\/visits$/, () =>
    page.getByTestId('save-visit').click(),
  );
  await expect(page.getByText(/回访记录已保存/)).toBeVisible();

  await page.goto(`/customers/${task.customer.id}`);
  const row = page
    .getByTestId('customer-events-table')
    .locator('tbody tr.ant-table-row', { hasText: '结业' });
  await expect(row).toContainText('回访中告知');

  // the field in English
  await signInEnglish(page, caller);
  const next = (
    (await (
      await page.request.get('/api/tasks', { params: { assignee: 'me', bucket: 'today', size: 5 } })
    ).json()) as {
      items: Array<{ id: string }>;
    }
  ).items;
  if (next.length) {
    await page.goto(`/workbench/tasks/${next[0]!.id}`);
    await page.getByTestId('outcome').getByText('Completed', { exact: true }).click();
    await expect(page.getByText('Something the customer told of (optional)')).toBeVisible();
  }
});

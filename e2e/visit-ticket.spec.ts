// A problem the customer raises during a visit becomes a ticket saved with the record in one step
// (docs/rules.md R-VISIT-5): a low rating proposes it, the title comes prefilled from the customer's
// words, and record and ticket link to each other.
import { expect, type Page, test } from './fixtures';
import { answerQuestionnaire, login, pickOption, switchToEnglish } from './helpers';

/** Opens the most urgent task, or else the first one coming up. */
async function openATask(page: Page) {
  await expect(page.getByTestId('count-today')).toBeVisible();
  const start = page.getByTestId('start-visit');
  if (await start.isEnabled()) await start.click();
  else {
    await page.getByTestId('tile-upcoming').click();
    await page.getByTestId('task-queue').locator('tbody tr a').first().click();
  }
  await expect(page).toHaveURL(/\/workbench\/tasks\//);
  await expect(page.getByTestId('visit-form')).toBeVisible();
}

for (const english of [false, true]) {
  test(`an unhappy customer's problem becomes a ticket with the visit, linked both ways${english ? ' (English)' : ''}`, async ({
    page,
  }) => {
    const L = english
      ? {
          saved: /Ticket #(\d+) opened/,
          category: 'Facilities',
          severity: 'High',
          open: 'Open the visit record',
          status: 'Open',
        }
      : {
          saved: /已建工单 #(\d+)/,
          category: '后勤设施',
          severity: '高',
          open: '查看回访记录',
          status: '待处理',
        };
    await login(page, english ? 'caller2@demo.local' : 'caller4@demo.local');
    if (english) await switchToEnglish(page);
    await openATask(page);
    const taskUrl = page.url();
    const customer = (await page.getByTestId('task-title').getAttribute('data-customer')) ?? '';
    expect(customer).not.toBe('');

    // a reached customer may always raise one; nobody reached, nothing to offer
    await page.keyboard.press('Alt+2');
    await expect(page.getByTestId('visit-ticket')).toHaveCount(0);
    await page.keyboard.press('Alt+1');
    await answerQuestionnaire(page);
    await expect(page.getByTestId('visit-ticket')).toHaveAttribute('data-offer', 'AVAILABLE');
    await page
      .getByTestId('opinions')
      .fill(english ? 'The classroom air conditioning is broken' : '教室空调坏了一周没人修');
    const overall = page.getByTestId('satisfaction');
    await overall.focus();
    await page.keyboard.press('2');
    // a low rating proposes it
    await expect(page.getByTestId('ticket-suggested')).toBeVisible();
    await page.getByTestId('raise-ticket-inline').check();
    const title = page.getByTestId('ticket-title');
    await expect(title).toHaveValue(
      english
        ? `${customer}: The classroom air conditioning is broken`
        : `${customer}：教室空调坏了一周没人修`,
    );
    await expect(page.getByTestId('ticket-description')).toHaveValue(
      english ? 'The classroom air conditioning is broken' : '教室空调坏了一周没人修',
    );
    // the category is the caller's call: saving without it points there
    await page.getByTestId('save-visit').click();
    await expect(page.getByText(english ? 'Choose the problem category' : '请选择问题类别')).toBeVisible();
    await pickOption(page, 'ticket-category', L.category);
    await pickOption(page, 'ticket-severity', L.severity);
    await page.getByTestId('save-visit').click();
    const toast = page.locator('.ant-message').getByText(L.saved);
    await expect(toast).toBeVisible();
    const number = L.saved.exec((await toast.textContent()) ?? '')?.[1];
    expect(number).toBeTruthy();

    // the record names its ticket …
    await page.goto(taskUrl);
    const link = page
      .getByTestId('record-tickets')
      .getByText(english ? `Ticket #${number}` : `工单 #${number}`);
    await expect(link).toContainText(L.status);
    await link.click();
    await expect(page).toHaveURL(/\/tickets\/[0-9a-f-]+$/);
    await expect(page.getByText(`#${number}`).first()).toBeVisible();
    await expect(page.getByText(english ? 'Facilities' : '后勤设施').first()).toBeVisible();
    // … and the ticket its record
    await page.getByTestId('ticket-source-visit').getByText(L.open).click();
    await expect(page).toHaveURL(taskUrl);
  });
}

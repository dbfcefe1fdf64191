// The customer's own survey link (docs/rules.md#r-srv-1-survey-links): a caller sends it from a task,
// the customer answers on a phone-sized page with no login, the task is done and the link is used
// (zh-CN); a customer written to in English gets an e-mail the administrator reads on 发送记录 and an
// English page (English).
import type { Browser } from '@playwright/test';
import { expect, type Page, test } from './fixtures';
import { answerQuestionnaire, expectWrite, signInEnglish, switchUser } from './helpers';

const PHONE = { width: 390, height: 844 };

/** No quiet hours while the test runs (it may run at night in Asia/Shanghai); the old ones come back after. */
async function withoutQuietHours(page: Page, run: () => Promise<void>) {
  await switchUser(page, 'admin@demo.local');
  const before = (await (await page.request.get('/api/contact-policy')).json()) as {
    version: number;
    quietFrom: string | null;
    quietTo: string | null;
  };
  const off = await page.request.patch('/api/contact-policy', {
    data: { version: before.version, quietFrom: null, quietTo: null },
  });
  expect(off.status(), await off.text()).toBe(200);
  try {
    await run();
  } finally {
    await switchUser(page, 'admin@demo.local');
    const now = (await (await page.request.get('/api/contact-policy')).json()) as { version: number };
    await page.request.patch('/api/contact-policy', {
      data: { version: now.version, quietFrom: before.quietFrom, quietTo: before.quietTo },
    });
  }
}

/**
 * The caller's first open task: one due today, else an overdue one (on some dates a caller has
 * nothing due today; the demo always leaves each caller overdue work).
 */
async function firstTask(page: Page) {
  for (const bucket of ['today', 'overdue']) {
    const res = await page.request.get('/api/tasks', { params: { assignee: 'me', bucket, size: 10 } });
    const items = ((await res.json()) as { items: Array<{ id: string; customer: { id: string } }> }).items;
    if (items[0]) return items[0];
  }
  throw new Error('the caller has no open task due today or overdue');
}

async function answerOnPhone(browser: Browser, url: string, texts: { title: string; thanks: string }) {
  const phone = await browser.newContext({ viewport: PHONE });
  const page = await phone.newPage();
  await page.goto(url);
  await expect(page.getByTestId('public-survey')).toContainText(texts.title);
  await page.getByTestId('satisfaction').focus();
  await page.keyboard.press('5');
  await answerQuestionnaire(page);
  await page.getByTestId('survey-opinions').fill('Teacher was patient / 老师很耐心');
  await expectWrite(page, /\/api\/public\/surveys\//, () => page.getByTestId('survey-submit').click());
  await expect(page.getByTestId('survey-thanks')).toContainText(texts.thanks);
  // used: the same link says only that
  await page.reload();
  await expect(page.getByTestId('survey-unavailable')).toBeVisible();
  await phone.close();
}

test('a caller sends the survey link by SMS and the customer answers it on a phone', async ({
  page,
  browser,
}) => {
  await withoutQuietHours(page, async () => {
    await switchUser(page, 'caller1@demo.local');
    const task = await firstTask(page);
    await page.goto(`/workbench/tasks/${task.id}`);
    const card = page.getByTestId('survey-links');
    await expect(card).toContainText('线上问卷');
    await expectWrite(page, /\/survey-links$/, () => card.getByTestId('survey-send-sms').click());
    const url = ((await card.getByTestId('survey-url').textContent()) ?? '').trim();
    expect(url).toMatch(/\/s\/[\w-]+\.[\w-]+$/);
    await expect(card.getByTestId('survey-link-state').first()).toHaveText('已发送');

    await answerOnPhone(browser, url, { title: '回访问卷', thanks: '提交成功' });

    await page.reload();
    await expect(page.getByTestId('survey-links').getByTestId('survey-link-state').first()).toHaveText(
      '已填写',
    );
    await expect(page.getByTestId('task-closed')).toBeVisible();
  });
});

test('an English customer gets the survey by e-mail, read on the Messages screen (English)', async ({
  page,
  browser,
}) => {
  await withoutQuietHours(page, async () => {
    await switchUser(page, 'caller2@demo.local');
    const task = await firstTask(page);
    await switchUser(page, 'admin@demo.local');
    const customer = (await (await page.request.get(`/api/customers/${task.customer.id}`)).json()) as {
      version: number;
    };
    const email = `survey-${Date.now()}@example.com`;
    const patched = await page.request.patch(`/api/customers/${task.customer.id}`, {
      data: { version: customer.version, email, language: 'en' },
    });
    expect(patched.status(), await patched.text()).toBe(200);

    await signInEnglish(page, 'caller2@demo.local');
    await page.goto(`/workbench/tasks/${task.id}`);
    const card = page.getByTestId('survey-links');
    await expect(card).toContainText('Online survey');
    await expectWrite(page, /\/survey-links$/, () => card.getByTestId('survey-send-email').click());
    await expect(card.getByTestId('survey-link-state').first()).toHaveText('Sent');

    await signInEnglish(page, 'admin@demo.local');
    await page.getByRole('menuitem', { name: 'Messages' }).click();
    // newest first; the address is masked (s***@example.com)
    const row = page
      .getByTestId('message-table')
      .locator('tbody tr.ant-table-row', { hasText: 'follow-up survey' })
      .first();
    await expect(row).toContainText('s***@example.com');
    await expect(row).toContainText('Recorded');
    const body = (await row.getByTestId('message-body').textContent()) ?? '';
    const url = /(https?:\/\/\S+\/s\/[\w-]+\.[\w-]+)/.exec(body)?.[1];
    expect(url, body).toBeDefined();

    await answerOnPhone(browser, url!, { title: 'Follow-up survey', thanks: 'thank you for your feedback' });
  });
});

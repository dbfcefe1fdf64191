import { expect, type Page, test } from './fixtures';
import { login } from './helpers';

/** Opens the first non-empty queue of the workbench (today, else overdue, else not yet started). */
async function openQueue(page: Page) {
  await expect(page.getByTestId('count-today')).toBeVisible();
  for (const tile of ['today', 'overdue', 'upcoming']) {
    const count = Number(await page.getByTestId(`count-${tile}`).textContent());
    if (count > 0) {
      await page.getByTestId(`tile-${tile}`).click();
      await expect(page.getByTestId('start-visit')).toBeEnabled();
      return;
    }
  }
  throw new Error('caller1 has no open task in the demo data');
}

const taskIdOf = (page: Page) => /\/workbench\/tasks\/([0-9a-f-]{36})/.exec(page.url())?.[1];

/** Answers every question of the questionnaire by its kind, the ratings with the number keys. */
async function answerQuestionnaire(page: Page) {
  const questions = page.getByTestId('question');
  // the form shows them on its next render after the outcome (antd's Form.useWatch notifies in a
  // later task), not within the click: count them once they are there
  await expect(questions.first()).toBeVisible();
  const n = await questions.count();
  expect(n).toBeGreaterThan(0);
  for (let i = 0; i < n; i++) {
    const q = questions.nth(i);
    const kind = await q.getAttribute('data-kind');
    if (kind === 'SATISFACTION') {
      const rate = q.locator('[role="slider"]');
      await rate.focus();
      await page.keyboard.press('4');
      await expect(rate).toHaveAttribute('aria-valuenow', '4');
    } else if (kind === 'NPS') {
      await q.getByText('9', { exact: true }).click();
    } else if (kind === 'YES_NO') {
      await q.getByText('是', { exact: true }).click();
    } else if (kind === 'SINGLE_CHOICE') {
      await q.locator('.ant-radio-wrapper').first().click();
    } else if (kind === 'TEXT') {
      await q.locator('textarea').fill('课程安排合理');
    }
  }
}

test('a caller logs a completed visit with the questionnaire, saves with Ctrl+Enter, then an unanswered call', async ({
  page,
}) => {
  await login(page, 'caller1@demo.local');
  await expect(page).toHaveURL(/\/workbench$/);
  await expect(page.getByRole('heading', { name: '回访工作台' })).toBeVisible();
  await expect(page.getByText('今日待回访').first()).toBeVisible();
  await openQueue(page);

  // 开始回访 opens the first task of the queue
  await page.getByTestId('start-visit').click();
  await expect(page).toHaveURL(/\/workbench\/tasks\//);
  const firstTask = taskIdOf(page)!;
  await expect(page.getByTestId('visit-form')).toBeVisible();
  // the assignee of an open task sees the phone in full, as a tel: link
  await expect(page.getByTestId('customer-phone')).toHaveAttribute('href', /^tel:\d{11}$/);

  // ? opens the shortcuts
  await page.locator('body').press('?');
  await expect(page.getByText('键盘快捷键')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByText('键盘快捷键')).toBeHidden();

  await page.getByTestId('outcome').getByText('回访完成', { exact: true }).click();
  await answerQuestionnaire(page);
  const overall = page.getByTestId('satisfaction');
  await overall.focus();
  await page.keyboard.press('5');
  await expect(overall).toHaveAttribute('aria-valuenow', '5');
  await page.getByTestId('opinions').fill('老师很负责，答疑及时');
  await page.getByTestId('opinions').press('Control+Enter');

  await expect(page.getByText(/回访记录已保存/)).toBeVisible();
  await expect(page).not.toHaveURL(new RegExp(firstTask));

  // The task is done and read-only, with its record
  await page.goto(`/workbench/tasks/${firstTask}`);
  await expect(page.getByTestId('task-status')).toHaveText('已完成');
  await expect(page.getByTestId('task-closed')).toBeVisible();
  await expect(page.getByTestId('visit-form')).toHaveCount(0);
  await expect(page.getByTestId('task-record')).toHaveCount(1);
  await expect(page.getByTestId('task-record').getByText('回访完成')).toBeVisible();
  await expect(page.getByTestId('task-record').getByText('老师很负责，答疑及时')).toBeVisible();

  // One unanswered call on the next open task
  await page.goto('/workbench');
  await openQueue(page);
  await page.getByTestId('start-visit').click();
  await expect(page.getByTestId('visit-form')).toBeVisible();
  const secondTask = taskIdOf(page)!;
  expect(secondTask).not.toBe(firstTask);
  const attemptsBefore = Number.parseInt((await page.getByTestId('task-attempts').textContent()) ?? '', 10);
  await page.getByTestId('outcome').getByText('未接通', { exact: true }).click();
  await expect(page.getByText(/3 次未成功联系/)).toBeVisible();
  await page.getByTestId('save-visit').click();
  await expect(page.getByText(/回访记录已保存/)).toBeVisible();

  await page.goto(`/workbench/tasks/${secondTask}`);
  await expect(page.getByTestId('task-attempts')).toHaveText(`${attemptsBefore + 1} 次`);
  await expect(page.getByTestId('task-record').last().getByText('未接通')).toBeVisible();
  await expect(page.getByTestId('task-status')).toHaveText(/跟进中|无法联系/);
});

test('a visit form shows the rules inline instead of saving an incomplete record', async ({ page }) => {
  await login(page, 'caller2@demo.local');
  await openQueue(page);
  await page.getByTestId('start-visit').click();
  await expect(page.getByTestId('visit-form')).toBeVisible();
  await page.getByTestId('save-visit').click();
  await expect(page.getByText('请选择回访结果')).toBeVisible();
  await page.getByTestId('outcome').getByText('回访完成', { exact: true }).click();
  await page.getByTestId('save-visit').click();
  await expect(page.getByText('请打分').first()).toBeVisible();
  await expect(page.getByTestId('task-status')).not.toHaveText('已完成');
});

/** `YYYY-MM-DD HH:mm` of an instant in the organisation's timezone, computed outside the app. */
const shanghai = (d: Date) =>
  new Intl.DateTimeFormat('sv-SE', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  }).format(d);

test.describe('in a browser whose clock is in New York', () => {
  test.use({ timezoneId: 'America/New_York' });

  test('the pickers show and send organisation time; a wrong number keeps the task open', async ({
    page,
  }) => {
    await login(page, 'caller5@demo.local');
    expect(await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone)).toBe(
      'America/New_York',
    );
    // a task of caller5 that has had no attempt yet
    const list = await page.request.get('/api/tasks?assignee=me&status=PENDING&size=200');
    expect(list.status()).toBe(200);
    const task = (await list.json()).items.find((i: { attempts: number }) => i.attempts === 0);
    expect(task).toBeTruthy();
    await page.goto(`/workbench/tasks/${task.id}`);
    await expect(page.getByTestId('visit-form')).toBeVisible();

    // The start time is now, as the organisation's clock reads it
    const startedAt = page
      .locator('[data-testid="started-at"] input, input[data-testid="started-at"]')
      .first();
    const before = shanghai(new Date(Date.now() - 60_000));
    const value = await startedAt.inputValue();
    expect([before, shanghai(new Date())]).toContain(value);

    // A wrong number is one unsuccessful attempt: the task stays open
    await page.getByTestId('outcome').getByText('号码错误', { exact: true }).click();
    await expect(page.getByText(/3 次未成功联系/)).toBeVisible();
    await page.getByTestId('save-visit').click();
    await expect(page.getByText(/回访记录已保存/)).toBeVisible();
    await page.goto(`/workbench/tasks/${task.id}`);
    await expect(page.getByTestId('task-status')).toHaveText('跟进中');
    await expect(page.getByTestId('task-attempts')).toHaveText('1 次');
    await expect(page.getByTestId('visit-form')).toBeVisible();

    // "Tomorrow 10:00" is 10:00 in Shanghai, shown and sent as such
    await page.getByTestId('outcome').getByText('约定再联系', { exact: true }).click();
    await page.getByTestId('callback-tomorrow').click();
    const tomorrow = shanghai(new Date(Date.now() + 24 * 3600_000)).slice(0, 10);
    const callBack = page
      .locator('[data-testid="callback-at"] input, input[data-testid="callback-at"]')
      .first();
    await expect(callBack).toHaveValue(`${tomorrow} 10:00`);
    await page.getByTestId('save-visit').click();
    await expect(page.getByText(/回访记录已保存/)).toBeVisible();
    const saved = await (await page.request.get(`/api/tasks/${task.id}`)).json();
    expect(saved.callBackAt).toBe(new Date(`${tomorrow}T10:00:00+08:00`).toISOString());
    expect(saved.records.map((r: { outcome: string }) => r.outcome)).toEqual([
      'WRONG_NUMBER',
      'CALL_BACK_LATER',
    ]);
    await page.goto(`/workbench/tasks/${task.id}`);
    await expect(page.getByTestId('task-record').last()).toContainText(`${tomorrow} 10:00`);
  });
});

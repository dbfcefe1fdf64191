// The caller's visit form, keyboard first (docs/product.md#the-callers-visit-form): Alt+1…5 choose the
// outcome, each rating or choice is one tab stop that one key answers (and moves on), Ctrl+Enter saves
// from anywhere without touching the value under the cursor, and a failed save puts the cursor on the
// first field to fix. The keystrokes of a completed phone visit with the seeded questionnaire are
// counted here; README.md quotes the count.
import { expect, type Page, test } from './fixtures';
import { login, pickOption, switchToEnglish } from './helpers';

/** Presses keys and counts them: a chord (Alt+1, Control+Enter) is one keystroke. */
class Keys {
  count = 0;
  constructor(private readonly page: Page) {}
  async press(key: string) {
    this.count++;
    await this.page.keyboard.press(key);
  }
}

/** 开始回访 from the workbench: the most urgent task, whichever tile is chosen. */
async function startVisit(page: Page) {
  await expect(page.getByTestId('count-today')).toBeVisible();
  // the tile of future tasks holds nothing to work now; the button does not depend on it
  await page.getByTestId('tile-upcoming').click();
  await expect(page.getByTestId('start-visit')).toBeEnabled();
  await page.getByTestId('start-visit').click();
  await expect(page).toHaveURL(/\/workbench\/tasks\//);
  await expect(page.getByTestId('visit-form')).toBeVisible();
}

/** Logs a completed phone visit with the keyboard alone; returns the keystrokes it took. */
async function completeByKeyboard(page: Page): Promise<number> {
  const keys = new Keys(page);
  await keys.press('Alt+1');
  const questions = page.getByTestId('question');
  await expect(questions.first()).toBeVisible();
  await expect(questions.first().locator('[role="slider"]')).toBeFocused();
  const n = await questions.count();
  for (let i = 0; i < n; i++) {
    const q = questions.nth(i);
    const kind = await q.getAttribute('data-kind');
    await expect(q.locator(':focus')).toHaveCount(1);
    if (kind === 'SATISFACTION') await keys.press('5');
    else if (kind === 'YES_NO') await keys.press('y');
    else if (kind === 'SINGLE_CHOICE') await keys.press('1');
    else if (kind === 'NPS') await keys.press('9');
    else await keys.press('Tab'); // the optional comment
  }
  const overall = page.getByTestId('satisfaction');
  await expect(overall).toBeFocused();
  await keys.press('5');
  await expect(overall).toHaveAttribute('aria-valuenow', '5');
  await keys.press('Control+Enter');
  return keys.count;
}

test('a caller logs a completed phone visit with the keyboard alone in at most 15 keystrokes', async ({
  page,
}) => {
  await login(page, 'caller4@demo.local');
  await startVisit(page);
  const taskUrl = page.url();
  const count = await completeByKeyboard(page);
  await expect(page.getByText(/回访记录已保存/)).toBeVisible();
  test.info().annotations.push({ type: 'keystrokes', description: String(count) });
  expect(count).toBeLessThanOrEqual(15);

  // every answer went in as pressed
  await page.goto(taskUrl);
  await expect(page.getByTestId('task-status')).toHaveText('已完成');
  const record = page.getByTestId('task-record').last();
  await expect(record.getByText('回访完成')).toBeVisible();
  await expect(record.getByText('5 / 5').first()).toBeVisible();
  await expect(record.getByText('9 / 10')).toBeVisible();
});

test('Ctrl+Enter on a rating keeps it; clicking the chosen star keeps it; a failed save focuses the first field to fix', async ({
  page,
}) => {
  await login(page, 'caller4@demo.local');
  await switchToEnglish(page);
  await startVisit(page);

  // a failed save: the cursor goes to the first unanswered question
  await page.keyboard.press('Alt+1');
  const first = page.getByTestId('question').first().locator('[role="slider"]');
  await expect(first).toBeFocused();
  await page.getByTestId('save-visit').click();
  await expect(page.getByText('Please give a score').first()).toBeVisible();
  await expect(first).toBeFocused();

  // the rest by mouse, then the overall rating: a second click on the chosen star keeps it
  const questions = page.getByTestId('question');
  for (let i = 0; i < (await questions.count()); i++) {
    const q = questions.nth(i);
    const kind = await q.getAttribute('data-kind');
    if (kind === 'SATISFACTION') await q.locator('[data-star="4"]').click();
    else if (kind === 'NPS') await q.getByText('8', { exact: true }).click();
    else if (kind === 'YES_NO') await q.getByText('Yes', { exact: true }).click();
    else if (kind === 'SINGLE_CHOICE') await q.locator('.ant-radio-wrapper').first().click();
  }
  const overall = page.getByTestId('satisfaction');
  await overall.locator('[data-star="4"]').click();
  await overall.locator('[data-star="4"]').click();
  await expect(overall).toHaveAttribute('aria-valuenow', '4');
  await expect(overall).toBeFocused();
  await expect(page.getByText('Please give a score')).toHaveCount(0);

  // Ctrl+Enter with the rating focused saves it as it is
  await page.keyboard.press('Control+Enter');
  await expect(page.getByText(/^(Visit record saved|Saved; )/)).toBeVisible();
});

for (const english of [false, true]) {
  test(`a face-to-face visit asks for the signature after its other fields and no call length or recording${english ? ' (English)' : ''}`, async ({
    page,
  }) => {
    await login(page, english ? 'caller3@demo.local' : 'caller2@demo.local');
    if (english) await switchToEnglish(page);
    await startVisit(page);
    const taskUrl = page.url();
    const duration = page.getByLabel(english ? 'Duration' : '通话时长');
    await expect(duration).toBeVisible();
    await pickOption(page, 'channel', english ? 'Face to face' : '面访');
    await expect(duration).toHaveCount(0);
    await expect(page.getByLabel(english ? 'Recording reference' : '录音编号')).toHaveCount(0);

    await completeAnswers(page);
    const pad = page.getByTestId('signature-pad');
    // the signature is the last thing asked, below the channel that requires it
    const [channelBox, padBox] = [await page.getByTestId('channel').boundingBox(), await pad.boundingBox()];
    expect(padBox!.y).toBeGreaterThan(channelBox!.y);
    await page.getByTestId('save-visit').click();
    await expect(
      page
        .getByText(
          english ? "A completed face-to-face visit needs the customer's signature" : '面访完成需要客户签字',
        )
        .first(),
    ).toBeVisible();

    const box = (await pad.boundingBox())!;
    await page.mouse.move(box.x + 20, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2, box.y + 15, { steps: 8 });
    await page.mouse.move(box.x + box.width - 20, box.y + box.height - 15, { steps: 8 });
    await page.mouse.up();
    await page.getByTestId('save-visit').click();
    await expect(page.getByText(english ? /^(Visit record saved|Saved; )/ : /回访记录已保存/)).toBeVisible();

    await page.goto(taskUrl);
    const record = page.getByTestId('task-record').last();
    await expect(record.getByRole('img', { name: english ? 'Signature' : '客户签字' })).toBeVisible();
  });
}

/** The questionnaire and the overall rating, by keyboard (the outcome hotkey first). */
async function completeAnswers(page: Page) {
  await page.keyboard.press('Alt+1');
  const questions = page.getByTestId('question');
  await expect(questions.first().locator('[role="slider"]')).toBeFocused();
  for (let i = 0; i < (await questions.count()); i++) {
    const kind = await questions.nth(i).getAttribute('data-kind');
    if (kind === 'SATISFACTION') await page.keyboard.press('4');
    else if (kind === 'YES_NO') await page.keyboard.press('y');
    else if (kind === 'SINGLE_CHOICE') await page.keyboard.press('1');
    else if (kind === 'NPS') await page.keyboard.press('8');
    else await page.keyboard.press('Tab');
  }
  await expect(page.getByTestId('satisfaction')).toBeFocused();
  await page.keyboard.press('4');
}

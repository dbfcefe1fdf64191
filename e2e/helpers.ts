import { expect, type Locator, type Page } from '@playwright/test';

export async function login(page: Page, email: string, password = 'demo1234') {
  await page.goto('/login');
  await page.getByLabel(/邮箱|E-mail/).fill(email);
  await page.getByLabel(/密码|Password/).fill(password);
  await page.getByRole('button', { name: /登\s*录|Sign in/ }).click();
  await expect(page).not.toHaveURL(/\/login/);
}

/** Switches the interface to English; retried, as the header may re-render just after sign-in. */
export async function switchToEnglish(page: Page) {
  const languageSwitch = page.getByTestId('language-switch');
  await expect(languageSwitch).toBeVisible();
  const english = page.locator('.ant-dropdown:visible').getByText('English', { exact: true });
  await expect(async () => {
    if ((await languageSwitch.getAttribute('data-language')) !== 'en') {
      // the menu opens on a click; a click while it is open would close it
      if (!(await english.isVisible())) await languageSwitch.click();
      await english.click({ timeout: 2_000 });
    }
    await expect(languageSwitch).toHaveAttribute('data-language', 'en', { timeout: 1_000 });
  }).toPass({ timeout: 20_000 });
}

/** Signs out whoever is signed in and signs in as `email`. */
export async function switchUser(page: Page, email: string) {
  await page.context().clearCookies();
  await login(page, email);
}

/**
 * Picks an option of the antd select with the test id, checks it was taken and waits for the
 * list to close (on a busy machine a click during either animation was lost).
 */
export async function pickOption(page: Page, testId: string, label: string) {
  const select = page.getByTestId(testId);
  await chooseIn(page, select, label);
  // A multiple select stays open: Escape closes it. A single one closes itself, and an Escape then
  // would reach (and close) the dialog around it.
  if (await select.evaluate((el) => el.classList.contains('ant-select-multiple'))) {
    await page.keyboard.press('Escape');
  }
  await expect(page.locator('.ant-select-dropdown:visible')).toHaveCount(0);
}

/** Answers every question of the visit form's questionnaire by its kind. */
export async function answerQuestionnaire(page: Page) {
  const questions = page.getByTestId('question');
  // shown with the overall rating on the form's next render after the outcome (Form.useWatch
  // notifies in a later task), not within the click
  await expect(page.getByTestId('satisfaction')).toBeVisible();
  const n = await questions.count();
  for (let i = 0; i < n; i++) {
    const q = questions.nth(i);
    const kind = await q.getAttribute('data-kind');
    if (kind === 'SATISFACTION') {
      await q.locator('[role="slider"]').focus();
      await page.keyboard.press('4');
    } else if (kind === 'NPS') await q.getByText('9', { exact: true }).click();
    else if (kind === 'YES_NO') await q.getByText(/^(是|Yes)$/).click();
    else if (kind === 'SINGLE_CHOICE') await q.locator('.ant-radio-wrapper').first().click();
    else if (kind === 'TEXT') await q.locator('textarea').fill('课程安排合理');
  }
}

/** Signs out whoever is signed in, signs in as `email` and switches to English. */
export async function signInEnglish(page: Page, email: string) {
  await switchUser(page, email);
  await switchToEnglish(page);
}

/**
 * Opens an antd Select (the locator) and picks an option; retried, as a click during the opening
 * animation can be lost. `close` presses Escape after (multiple selects stay open).
 */
export async function chooseIn(page: Page, select: Locator, label: string, close = false) {
  await expect(async () => {
    if (!(await page.locator('.ant-select-dropdown:visible').count())) await select.click();
    await page
      .locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: label })
      .first()
      .click({ timeout: 2_000 });
    await expect(select).toContainText(label, { timeout: 1_000 });
  }).toPass({ timeout: 15_000 });
  if (close) await page.keyboard.press('Escape');
}

/** The month `n` months from the current one in Asia/Shanghai, YYYY-MM (−1: last month). */
export function monthFromNow(n: number): string {
  const now = new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
  })
    .format(new Date())
    .slice(0, 7);
  const [y, m] = now.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m - 1 + n, 1)).toISOString().slice(0, 7);
}

/** Answers the open confirmation dialog (an irreversible step asks first) with its button. */
export async function confirmDialog(page: Page, button: RegExp) {
  const dialog = page.locator('.ant-modal-confirm');
  await dialog.getByRole('button', { name: button }).click();
  await expect(dialog).toHaveCount(0);
}

/**
 * Takes a step that writes and waits for the write it sends. A refused or failed write stops the
 * test here with the server's answer, and a lost click with a timeout naming the write, instead of
 * a later assertion on a screen that did not change.
 */
export async function expectWrite(page: Page, path: RegExp, step: () => Promise<void>) {
  const sent = page.waitForResponse(
    (r) => r.request().method() !== 'GET' && path.test(new URL(r.url()).pathname),
    { timeout: 30_000 },
  );
  await step();
  const r = await sent;
  expect(r.ok(), `${r.request().method()} ${r.url()} → ${r.status()} ${await r.text()}`).toBe(true);
}

/**
 * Brings an element to the middle of the screen for a screenshot, right after a resize: the page
 * lays itself out anew for a phone and may replace the element meanwhile, and Playwright's
 * scrollIntoViewIfNeeded gives up when the element it waits on to be stable is replaced. This finds
 * it again until one scroll lands.
 */
export async function scrollToShow(target: Locator): Promise<void> {
  await expect(async () => {
    await target.evaluate((el) => el.scrollIntoView({ block: 'center' }), undefined, { timeout: 5_000 });
  }).toPass({ timeout: 20_000 });
}

/**
 * Scrolls the page down a half screen at a time, then back to the top, until nothing is loading and
 * every part drawn only when it comes near the screen (apps/web/src/components/Staggered.tsx: charts,
 * the KPI page's tables and churn) has been drawn: for checks and screenshots of the whole page.
 */
export async function revealAll(page: Page): Promise<void> {
  await expect(async () => {
    await page.evaluate(async () => {
      const step = Math.max(200, Math.floor(window.innerHeight / 2));
      for (let y = 0; y < document.documentElement.scrollHeight; y += step) {
        window.scrollTo(0, y);
        await new Promise((done) => requestAnimationFrame(() => setTimeout(done, 30)));
      }
    });
    // a part drawn may load before it shows (churn's card), and bring parts of its own
    await expect(
      page.locator('[aria-busy="true"], .ant-skeleton-active, .ant-spin-spinning, .ant-card-loading-content'),
    ).toHaveCount(0, { timeout: 3_000 });
    await expect(page.locator('[data-staggered="waiting"]')).toHaveCount(0, { timeout: 3_000 });
  }).toPass({ timeout: 30_000 });
  await page.evaluate(() => window.scrollTo(0, 0));
}

/** The demo's plan with the most customers, as `page`'s user reads the list. */
export async function biggestPlan(page: Page): Promise<string> {
  const res = await page.request.get('/api/plans?page=1&size=50');
  expect(res.ok()).toBe(true);
  const body = (await res.json()) as { items: Array<{ id: string; itemCount?: number }> };
  const plan = [...body.items].sort((a, b) => (b.itemCount ?? 0) - (a.itemCount ?? 0))[0];
  expect(plan).toBeDefined();
  return plan!.id;
}

import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { biggestPlan, login, switchToEnglish } from './helpers';

// A plan opened from the address bar: the page asks for the plan and the first page of its
// customers before the app's code has arrived (the route's `early` reads, docs/performance.md#web),
// and the app takes those answers instead of asking again. Each read goes out once, and the plan
// shows with its customers, in zh-CN and in English, for the lead (/plans/:id) and the manager
// (/approvals/:id).

/** Opens `path` from the address bar and counts the GETs of each of `reads` (below /api) it sends. */
async function openCounting(page: Page, path: string, reads: string[]): Promise<Map<string, number>> {
  const counts = new Map(reads.map((r) => [r, 0]));
  const count = (url: string) => {
    const u = new URL(url);
    if (!u.pathname.startsWith('/api/')) return; // the page itself is /plans/:id too
    const read = u.pathname.slice('/api'.length) + u.search;
    if (counts.has(read)) counts.set(read, (counts.get(read) ?? 0) + 1);
  };
  page.on('request', (r) => {
    if (r.method() === 'GET') count(r.url());
  });
  await page.goto(path);
  return counts;
}

for (const english of [false, true]) {
  const lang = english ? 'English' : 'zh-CN';

  test(`${lang}: a plan opened by its address asks for the plan and its first customers once each`, async ({
    page,
  }) => {
    await login(page, 'lead@demo.local');
    if (english) await switchToEnglish(page);
    const id = await biggestPlan(page);
    const reads = [`/plans/${id}`, `/plans/${id}/items?page=1&size=20`];
    // The app's code is held back (the signed-in shell's file): the reads go out all the same.
    let release!: () => void;
    const held = new Promise<void>((r) => {
      release = r;
    });
    await page.route(/\/assets\/shell-(?!preload)[^/]*\.js$/, async (route) => {
      await held;
      await route.continue();
    });
    const sent = Promise.all(
      reads.map((read) => page.waitForRequest((r) => r.url().endsWith(`/api${read}`), { timeout: 15_000 })),
    );
    const opening = openCounting(page, `/plans/${id}`, reads);
    await sent;
    release();
    const counts = await opening;
    await expect(page.getByTestId('plan-title')).toBeVisible();
    await expect(page.getByTestId('plan-items').getByTestId('item-customer').first()).toBeVisible();
    await expect(page.getByTestId('plan-items').locator('tbody tr.ant-table-row')).toHaveCount(20);
    // nothing left to arrive late: the counts are final once the page has settled
    await page.waitForLoadState('networkidle');
    expect(Object.fromEntries(counts)).toEqual(Object.fromEntries(reads.map((r) => [r, 1])));
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  });

  test(`${lang}: a plan opened for approval by its address asks for it once`, async ({ page }) => {
    await login(page, 'manager@demo.local');
    if (english) await switchToEnglish(page);
    const id = await biggestPlan(page);
    const reads = [`/plans/${id}`, `/plans/${id}/items?page=1&size=20`];
    const counts = await openCounting(page, `/approvals/${id}`, reads);
    await expect(page.getByTestId('approval-page')).toBeVisible();
    await expect(page.getByTestId('plan-items').getByTestId('item-customer').first()).toBeVisible();
    await page.waitForLoadState('networkidle');
    expect(Object.fromEntries(counts)).toEqual(Object.fromEntries(reads.map((r) => [r, 1])));
  });
}

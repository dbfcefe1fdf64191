import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { biggestPlan, login, switchToEnglish } from './helpers';

// A page's title paints with its frame's code alone (docs/performance.md#web): a plan's header and
// status, and the KPI dashboard's card with its title and month. What they show below is a file of
// its own, asked for once the frame has painted. With that file held back, the title shows and the
// parts below it do not; let through, they come. zh-CN and English, the lead's plan and the
// manager's dashboard.

/** Holds back the files whose path matches `file` until the returned function is called. */
async function holdBack(page: Page, file: RegExp): Promise<{ asked: Promise<unknown>; release: () => void }> {
  let release!: () => void;
  const held = new Promise<void>((r) => {
    release = r;
  });
  await page.route(file, async (route) => {
    await held;
    await route.continue();
  });
  const asked = page.waitForRequest((r) => file.test(new URL(r.url()).pathname), { timeout: 15_000 });
  return { asked, release };
}

for (const english of [false, true]) {
  const lang = english ? 'English' : 'zh-CN';

  test(`${lang}: a plan's header shows while the code of its sections is still coming`, async ({ page }) => {
    await login(page, 'lead@demo.local');
    if (english) await switchToEnglish(page);
    const id = await biggestPlan(page);
    const sections = await holdBack(page, /\/assets\/PlanSections-[^/]*\.js$/);
    await page.goto(`/plans/${id}`);
    await sections.asked;
    await expect(page.getByTestId('plan-title')).toBeVisible();
    await expect(page.getByTestId('plan-status')).toBeVisible();
    await expect(page.getByTestId('plan-month')).toBeVisible();
    // the figures, the load by caller, the items: not before their code
    await expect(page.getByTestId('figure-customers')).toHaveCount(0);
    await expect(page.getByTestId('caller-load')).toHaveCount(0);
    await expect(page.getByTestId('plan-items')).toHaveCount(0);
    sections.release();
    await expect(page.getByTestId('figure-customers')).toBeVisible();
    await expect(page.getByTestId('caller-load')).toBeVisible();
    await expect(page.getByTestId('plan-items').locator('tbody tr.ant-table-row')).toHaveCount(20);
    await expect(page.getByTestId('excluded')).toBeVisible();
    await expect(page.getByRole('heading', { level: 1 })).toHaveCount(1);
  });

  test(`${lang}: the KPI dashboard's title and month show while the code of its figures is still coming`, async ({
    page,
  }) => {
    await login(page, 'manager@demo.local');
    if (english) await switchToEnglish(page);
    const body = await holdBack(page, /\/assets\/ManagerKpiBody-[^/]*\.js$/);
    await page.goto('/kpi');
    await body.asked;
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(english ? 'KPI dashboard' : '绩效看板');
    await expect(page.locator('.ant-skeleton-active')).toBeVisible();
    await expect(page.getByTestId('kpi-incentives')).toHaveCount(0);
    body.release();
    await expect(page.getByTestId('kpi-incentives')).toBeVisible();
    await expect(page.getByTestId('chart-completion')).toBeVisible();
    await expect(page.locator('.ant-skeleton-active')).toHaveCount(0);
  });
}

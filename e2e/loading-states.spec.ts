import { expect, test } from './fixtures';
import { login, switchToEnglish } from './helpers';

// While a table loads it shows the spinner, never its empty-state text: "no tasks today" under a
// spinner says something untrue. The caller's queue is held back, then answered empty.

for (const english of [false, true]) {
  test(`a loading table does not say it is empty${english ? ' (English)' : ''}`, async ({ page }) => {
    await login(page, 'caller2@demo.local');
    if (english) await switchToEnglish(page);
    await expect(page.getByTestId('task-queue')).toBeVisible();
    let release!: () => void;
    const held = new Promise<void>((r) => {
      release = r;
    });
    await page.route(
      (url) => url.pathname === '/api/tasks',
      async (route) => {
        await held;
        await route.fulfill({ json: { items: [], total: 0, page: 1, size: 20 } });
      },
    );
    await page.reload();
    const empty = page.getByText(english ? 'Nothing due today' : '今天没有待回访的任务');
    await expect(page.locator('.ant-table-wrapper .ant-spin-spinning')).toBeVisible();
    await expect(empty).toBeHidden();
    release();
    await expect(page.locator('.ant-table-wrapper .ant-spin-spinning')).toHaveCount(0);
    await expect(empty).toBeVisible();
  });
}

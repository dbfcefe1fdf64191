import { expect, test } from './fixtures';
import { login, switchToEnglish } from './helpers';

// What the shell shows when a page cannot be: an address that is no page (404) and a screen the
// user may not open (403). Their picture comes in a file of its own, loaded when needed
// (components/ResultView.tsx), so the page must still say it whole. zh-CN and English.

for (const english of [false, true]) {
  const lang = english ? 'English' : 'zh-CN';

  test(`${lang}: an unknown address says 404, a screen not allowed says 403, inside the shell`, async ({
    page,
  }) => {
    await login(page, 'caller1@demo.local');
    if (english) await switchToEnglish(page);
    await page.goto('/no-such-page');
    await expect(page.getByText('404', { exact: true })).toBeVisible();
    await expect(page.getByText(english ? 'Page not found' : '页面不存在')).toBeVisible();
    await expect(page.getByTestId('notification-bell')).toBeVisible();

    await page.goto('/admin/users');
    await expect(page.getByText('403', { exact: true })).toBeVisible();
    await expect(
      page.getByText(english ? 'You do not have permission to do this' : '您没有权限执行此操作'),
    ).toBeVisible();
  });
}

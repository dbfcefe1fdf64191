// The bell's list on a phone (390×844): it opens leftwards from the bell, which sits near the
// screen's right edge, so it is only as wide as fits there (it had run 40 px off the left edge).
// zh-CN and English; the list's code is loaded when the bell is first touched (NotificationBell.tsx).
// Its items are buttons for the keyboard too.
import { expect, test } from './fixtures';
import { login, switchToEnglish } from './helpers';

test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

for (const english of [false, true]) {
  test(`the notifications open whole on a phone${english ? ' (English)' : ''}`, async ({ page }) => {
    await login(page, 'lead@demo.local');
    if (english) await switchToEnglish(page);
    await page.getByTestId('notification-bell').click();
    const list = page.getByTestId('notification-list');
    await expect(list).toBeVisible();
    await expect(page.getByText(english ? 'Unread only' : '只看未读')).toBeVisible();
    const popover = page.locator('.ant-popover:visible');
    const box = await popover.boundingBox();
    expect(box).not.toBeNull();
    expect(box!.x).toBeGreaterThanOrEqual(0);
    expect(box!.x + box!.width).toBeLessThanOrEqual(390);
    // each notification is a tab stop of its own, opened by Enter as by a tap; the list scrolls
    // when it is long (after the other specs), and axe then needs something focusable in it
    const first = list.getByTestId('notification-item').first().getByRole('button');
    await first.focus();
    await expect(first).toBeFocused();
  });
}

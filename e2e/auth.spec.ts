import { expect, test } from './fixtures';
import { login, switchToEnglish } from './helpers';

test('the sign-in page is in Chinese by default and rejects a wrong password', async ({ page }) => {
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  await page.goto('/');
  await expect(page).toHaveURL(/\/login/);
  await expect(page.getByText('回访管理')).toBeVisible();
  // nobody signed in is the expected case, not an error in the console
  await expect(page.getByLabel('邮箱')).toBeVisible();
  expect(errors).toEqual([]);
  await page.getByLabel('邮箱').fill('caller1@demo.local');
  await page.getByLabel('密码').fill('wrong-password');
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await expect(page.getByText('邮箱或密码错误')).toBeVisible();
});

test('a user signs in, switches to English and signs out', async ({ page }) => {
  await login(page, 'manager@demo.local');
  await expect(page.getByTestId('user-menu')).toContainText('周建国');
  await expect(page.getByTestId('user-menu')).toContainText('管理层');
  await switchToEnglish(page);
  await expect(page.getByTestId('user-menu')).toContainText('Manager');
  // the user menu opens on a click (the language menu may still be closing: retried)
  const signOut = page.locator('.ant-dropdown:visible').getByText('Sign out');
  await expect(async () => {
    if (!(await signOut.isVisible())) await page.getByTestId('user-menu').click();
    await expect(signOut).toBeVisible({ timeout: 2000 });
  }).toPass();
  await signOut.click();
  await expect(page).toHaveURL(/\/login/);
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
});

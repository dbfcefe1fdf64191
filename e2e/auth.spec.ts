import { expect, test } from '@playwright/test';
import { login, switchToEnglish } from './helpers';

test('the sign-in page is in Chinese by default and rejects a wrong password', async ({ page }) => {
  await page.goto('/');
  await expect(page).toHaveURL(/\/login/);
  await expect(page.getByText('回访管理')).toBeVisible();
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
  await page.getByTestId('user-menu').hover();
  await page.getByText('Sign out').click();
  await expect(page).toHaveURL(/\/login/);
  await expect(page.getByRole('button', { name: 'Sign in' })).toBeVisible();
});

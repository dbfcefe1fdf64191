import { expect, test } from './fixtures';
import { chooseIn, login, switchToEnglish } from './helpers';

test('the administrator adds a department handler, who can then sign in; the audit log records it', async ({
  page,
  browser,
}) => {
  await login(page, 'admin@demo.local');
  await page.getByRole('menuitem', { name: '用户与团队' }).click();
  await expect(page.getByRole('cell', { name: 'caller1@demo.local' })).toBeVisible();
  await page.getByRole('button', { name: '新建用户' }).click();
  const drawer = page.locator('.ant-drawer');
  await drawer.getByLabel('姓名').fill('马晓东');
  await drawer.getByLabel('邮箱').fill('handler9@demo.local');
  // a handler of the market department: no visit team changes size for the other browser tests
  // each pick is checked and retried: on a busy machine a click during the list's animation is lost
  const select = (label: string) =>
    drawer
      .locator('.ant-form-item')
      .filter({ has: page.locator('.ant-form-item-label label', { hasText: new RegExp(`^${label}$`) }) })
      .locator('.ant-select');
  await chooseIn(page, select('角色'), '部门处理人');
  await expect(page.locator('.ant-select-dropdown:visible')).toHaveCount(0);
  await chooseIn(page, select('部门'), '市场部');
  // a common password is refused beside the field, with the reason in Chinese
  await drawer.getByLabel('初始密码（至少 8 位）').fill('welcome123');
  await drawer.getByRole('button', { name: /保\s*存/ }).click();
  await expect(drawer.getByText('这个密码太常见，很容易被猜到，请换一个')).toBeVisible();
  await drawer.getByLabel('初始密码（至少 8 位）').fill('lantern-orbit-47');
  await drawer.getByRole('button', { name: /保\s*存/ }).click();
  await expect(page.getByText('用户已创建')).toBeVisible();
  await expect(page.getByRole('cell', { name: 'handler9@demo.local' })).toBeVisible();

  const other = await browser.newContext({ locale: 'zh-CN' });
  const newcomer = await other.newPage();
  await login(newcomer, 'handler9@demo.local', 'lantern-orbit-47');
  await expect(newcomer.getByTestId('user-menu')).toContainText('马晓东');
  await other.close();

  await page.getByRole('menuitem', { name: '审计日志' }).click();
  await expect(page.getByRole('cell', { name: 'USER_CREATED' }).first()).toBeVisible();
  await switchToEnglish(page);
  await expect(page.getByText('Audit log').first()).toBeVisible();
  await expect(page.getByRole('columnheader', { name: 'Actor' })).toBeVisible();
});

test('the administrator sees what takes the database’s time, in both languages', async ({ page }) => {
  await login(page, 'admin@demo.local');
  await page.getByRole('menuitem', { name: '数据库' }).click();
  await expect(page).toHaveURL(/\/admin\/database$/);
  await expect(page.getByRole('heading', { name: '数据库：耗时的语句' })).toBeVisible();
  const rows = page.getByTestId('statements').locator('tbody tr.ant-table-row');
  await expect(rows.first()).toBeVisible();
  await expect(page.getByRole('columnheader', { name: '总耗时' })).toBeVisible();
  // normalised by PostgreSQL: parameters, never values
  await expect(page.getByTestId('statements')).toContainText('$1');
  await switchToEnglish(page);
  await expect(page.getByRole('heading', { name: 'Database: what takes its time' })).toBeVisible();
  await expect(page.getByRole('columnheader', { name: 'Total time' })).toBeVisible();
  await expect(page.getByTestId('statements-since')).toContainText('Counted since');
});

// Each role lands on its own work and finds it first in the menu (apps/web/src/app/menu.ts): the
// caller's workbench, the supervisor's inspection queue, the lead's task board, the manager's KPI
// dashboard with what waits for a decision, the administrator's users, the handler's ticket inbox.
import { expect, test } from './fixtures';
import { login, switchToEnglish } from './helpers';

const HOMES = [
  { email: 'caller1@demo.local', path: /\/workbench$/, menu: ['回访工作台', 'Workbench'] },
  { email: 'supervisor@demo.local', path: /\/inspections$/, menu: ['质检工作台', 'Inspections'] },
  { email: 'lead@demo.local', path: /\/board$/, menu: ['任务看板', 'Task board'] },
  { email: 'manager@demo.local', path: /\/kpi$/, menu: ['绩效看板', 'KPI dashboard'] },
  { email: 'admin@demo.local', path: /\/admin\/users$/, menu: ['用户与团队', 'Users & teams'] },
  { email: 'handler@demo.local', path: /\/tickets\/inbox$/, menu: ['工单处理', 'Ticket inbox'] },
] as const;

for (const [lang, index] of [
  ['zh-CN', 0],
  ['English', 1],
] as const) {
  test(`every role opens on its own work, first in its menu (${lang})`, async ({ page }) => {
    for (const home of HOMES) {
      await page.context().clearCookies();
      await login(page, home.email);
      if (index === 1) {
        await switchToEnglish(page);
        await page.goto('/');
      }
      await expect(page).toHaveURL(home.path);
      const firstItem = page.getByRole('menuitem').first();
      await expect(firstItem).toHaveText(home.menu[index]);
      if (home.email === 'manager@demo.local') {
        // what waits for a decision, as the API counts it (other tests decide some of the demo's)
        const total = async (url: string) =>
          ((await (await page.request.get(url)).json()) as { total: number }).total;
        const plans = await total('/api/plans?status=SUBMITTED&size=1');
        const appeals = await total('/api/appeals?status=PENDING&size=1');
        await expect(page.getByTestId('waiting-for-you')).toBeVisible();
        if (plans > 0) await expect(page.getByTestId('waiting-plans')).toContainText(String(plans));
        else await expect(page.getByTestId('waiting-plans')).toHaveCount(0);
        if (appeals > 0) await expect(page.getByTestId('waiting-appeals')).toContainText(String(appeals));
        else await expect(page.getByTestId('waiting-appeals')).toHaveCount(0);
        if (plans > 0) {
          await page.getByTestId('waiting-plans').click();
          await expect(page).toHaveURL(/\/approvals$/);
        }
      }
    }
  });
}

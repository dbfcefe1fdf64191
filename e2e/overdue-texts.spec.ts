// How late work is, in words people read (docs/rules.md R-TASK-3, R-TKT-5): a task "逾期 6 天"
// counted in calendar days past its due day, a ticket "超时 2天4小时" counted from its due time —
// never "超时 52小时10分".
import { expect, type Page, test } from './fixtures';
import { login, monthFromNow, switchToEnglish } from './helpers';

const todayInShanghai = () =>
  new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date());
const daysFrom = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);

/** Every overdue tag on the board says the days since the due date in its own cell. */
async function checkTaskTags(page: Page, text: (days: number) => string) {
  const tags = page.getByTestId('overdue-tag');
  await expect(tags.first()).toBeVisible();
  const today = todayInShanghai();
  for (let i = 0; i < Math.min(5, await tags.count()); i++) {
    const tag = tags.nth(i);
    const cell = ((await tag.locator('xpath=ancestor::td[1]').textContent()) ?? '').trim();
    const due = /^\d{4}-\d{2}-\d{2}/.exec(cell)?.[0];
    expect(due, `a due date beside the tag: ${cell}`).toBeTruthy();
    const days = daysFrom(due!, today);
    expect(days).toBeGreaterThan(0);
    await expect(tag).toHaveText(text(days));
  }
}

test('an overdue task says by how many days, in both languages', async ({ page }) => {
  await login(page, 'lead@demo.local');
  // last month's tasks still open are overdue whatever today is
  await page.goto(`/board?month=${monthFromNow(-1)}&bucket=overdue`);
  await checkTaskTags(page, (d) => `逾期 ${d} 天`);
  await page.screenshot({ path: 'test-results/overdue/board-zh.png' });
  await switchToEnglish(page);
  await checkTaskTags(page, (d) => (d === 1 ? '1 day overdue' : `${d} days overdue`));
});

const ZH = /^超时 (\d+)天(\d+)小时$|^超时 (\d+)小时(\d+)分$|^超时 (\d+)分钟$/;
const EN = /^Overdue (\d+) d (\d+) h$|^Overdue (\d+) h (\d+) min$|^Overdue (\d+) min$/;

test('an overdue ticket says by how long in days and hours, in both languages', async ({ page }) => {
  await login(page, 'manager@demo.local');
  const res = await page.request.get('/api/tickets', { params: { overdue: 'true', size: '50' } });
  expect(res.ok()).toBe(true);
  const list = (await res.json()) as {
    items: Array<{ number: number; sla: { overdueMs: number; paused: boolean } }>;
  };
  const running = list.items.filter((t) => !t.sla.paused);
  expect(running.length, 'the demo holds overdue tickets').toBeGreaterThan(0);
  await page.goto('/tickets?overdue=true');
  const badges = page.locator('[data-testid="sla-badge"][data-state="overdue"]');
  await expect(badges.first()).toBeVisible();
  const check = async (re: RegExp) => {
    for (let i = 0; i < Math.min(5, await badges.count()); i++) {
      const text = ((await badges.nth(i).textContent()) ?? '').trim();
      expect(text).toMatch(re);
    }
  };
  await check(ZH);
  await page.screenshot({ path: 'test-results/overdue/tickets-zh.png' });
  // a ticket more than a day late reads in days: never "超时 52小时10分"
  if (running.some((t) => t.sla.overdueMs >= 86_400_000 + 120_000)) {
    await expect(badges.filter({ hasText: /天/ }).first()).toBeVisible();
  }
  await switchToEnglish(page);
  await check(EN);
  await page.screenshot({ path: 'test-results/overdue/tickets-en.png' });
});

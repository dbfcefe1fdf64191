// 每周流失分析 (docs/rules.md#r-churn-5-weekly-analysis) and 流失看板 (docs/rules.md#r-churn-6-churn-dashboard):
// a lead opens the analysis group's week on the demo's churn register, finds the same figures the API
// gives, picks a case for the deep dive and writes the minutes with a decision; a teaching handler
// sees their department's churn dashboard; the manager reads it on the KPI page — in zh-CN, then
// once in English. Screenshots at 1440×900 and 390×844.
import { mkdirSync } from 'node:fs';
import { expect, test } from './fixtures';
import { login, revealAll, signInEnglish, switchUser } from './helpers';

const SHOTS = process.env.E2E_SHOTS ?? 'test-results/shots/churn-weekly';

test('the analysis group meets on the week’s churn, and the dashboards show it', async ({ page }) => {
  mkdirSync(SHOTS, { recursive: true });
  await page.setViewportSize({ width: 1440, height: 900 });
  await login(page, 'lead@demo.local');
  // the demo's register: a week with cases (the latest of the last 12)
  const now = (await (await page.request.get('/api/churn/weekly')).json()) as {
    week: string;
    total: number;
    trend: Array<{ week: string; total: number }>;
  };
  // the latest week with a case not yet picked for the deep dive: another spec (churn-loop) confirms
  // cases this week and picks them, and may have met on it already (its picks and decisions stay)
  type Week = {
    week: string;
    total: number;
    cases: Array<{ id: string; name: string; deepDive: boolean }>;
    meeting: { version: number; decisions: unknown[] } | null;
  };
  let weekly: Week | undefined;
  for (const w of [...now.trend].reverse().filter((w) => w.total > 0)) {
    const read = (await (await page.request.get(`/api/churn/weekly?week=${w.week}`)).json()) as Week;
    if (read.cases.some((c) => !c.deepDive)) {
      weekly = read;
      break;
    }
  }
  if (!weekly) throw new Error('the demo has no churn case left to pick in the last 12 weeks');

  await page.goto('/churn/weekly');
  await expect(page.getByRole('heading', { name: '每周流失分析' })).toBeVisible();
  while ((await page.getByTestId('churn-week').inputValue()).includes(weekly.week) === false)
    await page.getByTestId('churn-week-prev').click();
  await expect(
    page.getByTestId('churn-total').getByText(String(weekly.total), { exact: true }),
  ).toBeVisible();
  await expect(page.getByTestId('churn-pareto-table')).toBeVisible();
  await expect(page.getByTestId('churn-trend-chart').locator('svg').first()).toBeVisible();

  // a typical case for the deep dive
  const picked = weekly.cases.find((c) => !c.deepDive)!;
  await page.getByTestId(`deep-dive-${picked.id}`).click();
  await expect(page.getByTestId('churn-deep-dives')).toContainText(picked.name);

  // the minutes with a decision
  await page.getByTestId('churn-meeting-minutes').fill('价格是本周首要流失原因，教学部与市场部共同跟进。');
  await page.getByTestId('churn-decision-add').click();
  const n = weekly.meeting?.decisions.length ?? 0;
  await page.getByTestId(`churn-decision-${n}`).fill('推出分期付款方案');
  await page.getByTestId('churn-meeting-save').click();
  await expect(page.getByText('会议纪要已保存')).toBeVisible();
  const saved = (await (await page.request.get(`/api/churn/weekly?week=${weekly.week}`)).json()) as {
    meeting: { decisions: Array<{ text: string }>; version: number };
  };
  expect(saved.meeting.decisions).toHaveLength(n + 1);
  expect(saved.meeting.decisions[n]).toEqual({ text: '推出分期付款方案', measureId: null });
  expect(saved.meeting.version).toBe((weekly.meeting?.version ?? 0) + 1);
  await page.screenshot({ path: `${SHOTS}/weekly-zh-1440.png`, fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: `${SHOTS}/weekly-zh-390.png`, fullPage: true });
  await page.setViewportSize({ width: 1440, height: 900 });

  // the workbook of the week
  const xlsx = await page.request.get(`/api/churn/weekly/export?week=${weekly.week}&lang=zh-CN`);
  expect(xlsx.status()).toBe(200);
  expect(xlsx.headers()['content-type']).toContain('spreadsheetml');

  // a department's head: their department only
  await switchUser(page, 'handler@demo.local');
  await page.goto('/dashboards/churn');
  await expect(page.getByTestId('churn-dashboard')).toContainText('教学部');
  await expect(page.getByTestId('churn-rate-chart').locator('svg').first()).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/dashboard-handler-zh-1440.png`, fullPage: true });

  // the manager, in English, on the KPI page
  await signInEnglish(page, 'manager@demo.local');
  await page.goto('/kpi');
  // at the foot of the page, drawn when it comes near the screen (components/Staggered.tsx)
  await expect(page.getByTestId('kpi-completion')).toBeVisible();
  await revealAll(page);
  await expect(page.getByTestId('churn-dashboard')).toContainText('Churn');
  await expect(page.getByTestId('measures-overdue')).toBeVisible();
  await page.goto('/churn/weekly');
  await expect(page.getByRole('heading', { name: 'Weekly churn analysis' })).toBeVisible();
  await expect(page.getByTestId('churn-meeting')).toContainText('Minutes');
  await page.screenshot({ path: `${SHOTS}/weekly-en-1440.png`, fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/dashboards/churn');
  await expect(page.getByTestId('churn-dashboard')).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/dashboard-en-390.png`, fullPage: true });
});

// 每周回访统计 (docs/rules.md#r-cad-9-weekly-figures): a manager reads the week's figures of the rules on
// 回访规则 — the same counts the API gives, a week picker that steps back and forth across weeks, the
// 8-week trend — in zh-CN, then once in English.
import type { APIRequestContext } from '@playwright/test';
import { expect, type Page, test } from './fixtures';
import { login, signInEnglish } from './helpers';

interface Weekly {
  week: string;
  first: string;
  last: string;
  total: { due: number; made: number; done: number; linksSent: number; responseRate: { bp: number | null } };
  rules: Array<{ id: string; name: string; due: number; made: number }>;
  trend: Array<{ week: string }>;
}

async function weekly(page: Page, week?: string): Promise<Weekly> {
  const res = await page.request.get(`/api/cadence-rules/weekly${week ? `?week=${week}` : ''}`);
  expect(res.status()).toBe(200);
  return res.json();
}

/** A day in Asia/Shanghai (the demo's timezone) `offset` days from today, YYYY-MM-DD. */
const shanghaiDay = (offset: number) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(
    new Date(Date.now() + offset * 86_400_000),
  );

async function signedIn(
  playwright: { request: { newContext: (o: { baseURL?: string }) => Promise<APIRequestContext> } },
  baseURL: string | undefined,
  email: string,
): Promise<APIRequestContext> {
  const ctx = await playwright.request.newContext({ baseURL });
  expect((await ctx.post('/api/auth/login', { data: { email, password: 'demo1234' } })).status()).toBe(200);
  return ctx;
}

/** The surgery rule standing (approved) — whatever an earlier spec of the run did with it. */
async function surgeryRuleStanding(admin: APIRequestContext, manager: APIRequestContext): Promise<string> {
  const find = async () =>
    (
      (await (await admin.get('/api/cadence-rules')).json()) as {
        items: Array<{ id: string; code: string | null; status: string; version: number }>;
      }
    ).items.find((r) => r.code === 'SURGERY_3D_1W_1M')!;
  let r = await find();
  if (r.status === 'DRAFT' || r.status === 'REJECTED') {
    expect(
      (await admin.post(`/api/cadence-rules/${r.id}/submit`, { data: { version: r.version } })).status(),
    ).toBe(200);
    r = await find();
  }
  if (r.status === 'SUBMITTED') {
    expect(
      (await manager.post(`/api/cadence-rules/${r.id}/approve`, { data: { version: r.version } })).status(),
    ).toBe(200);
  }
  return r.id;
}

test('a manager reads the weekly figures of the rules (zh-CN), and once in English', async ({
  page,
  playwright,
}, info) => {
  // a surgery yesterday under the standing surgery rule: its first visit is due today, made at once
  const baseURL = info.project.use.baseURL;
  const admin = await signedIn(playwright, baseURL, 'admin@demo.local');
  const manager = await signedIn(playwright, baseURL, 'manager@demo.local');
  const lead = await signedIn(playwright, baseURL, 'lead@demo.local');
  const ruleId = await surgeryRuleStanding(admin, manager);
  const dueOf = async () =>
    ((await (await manager.get('/api/cadence-rules/weekly')).json()) as Weekly).rules.find(
      (r) => r.id === ruleId,
    );
  const before = await dueOf();
  const made = await lead.post('/api/customers', {
    data: {
      name: '周统计客户',
      phone: `137${String(Date.now()).slice(-8)}`,
      segment: 'STUDENT',
      tier: 'MID',
    },
  });
  expect(made.status()).toBe(201);
  const customerId = ((await made.json()) as { id: string }).id;
  expect(
    (
      await lead.post('/api/customer-events', { data: { customerId, kind: 'SURGERY', day: shanghaiDay(-1) } })
    ).status(),
  ).toBe(201);
  const after = await dueOf();
  expect(after).toMatchObject({ due: (before?.due ?? 0) + 1, made: (before?.made ?? 0) + 1 });

  await page.setViewportSize({ width: 1440, height: 900 });
  await login(page, 'manager@demo.local');
  await page.getByRole('menuitem', { name: /回访规则/ }).click();
  await expect(page).toHaveURL(/\/cadence-rules$/);

  const card = page.getByTestId('weekly-figures');
  await card.scrollIntoViewIfNeeded();
  await expect(card).toContainText('每周回访统计');
  await expect(card).toContainText('线上回复率');
  await expect(card.getByTestId('weekly-table')).toContainText('合计');

  // this week, as the API counts it
  const now = await weekly(page);
  await expect(card.getByTestId('weekly-week')).toHaveValue(new RegExp(`^${now.week}（`));
  await expect(card.getByTestId('weekly-total-due')).toHaveText(String(now.total.due));
  await expect(card.getByTestId('weekly-total-done')).toHaveText(String(now.total.done));
  await expect(card.getByTestId('weekly-total-rate')).toHaveText(
    now.total.responseRate.bp === null ? '--' : /%$/,
  );
  for (const r of now.rules) await expect(card.getByTestId('weekly-table')).toContainText(r.name);
  expect(now.trend).toHaveLength(8);
  await expect(card.getByTestId('weekly-trend').getByRole('application')).toBeVisible();
  await page.screenshot({ path: info.outputPath('weekly-1440.png'), fullPage: false });
  await card.screenshot({ path: info.outputPath('weekly-card-1440.png') });

  // the week before, then back
  const lastWeek = await weekly(page, now.trend[6]!.week);
  await card.getByTestId('weekly-prev').click();
  await expect(card.getByTestId('weekly-week')).toHaveValue(new RegExp(`^${lastWeek.week}（`));
  await expect(card.getByTestId('weekly-total-due')).toHaveText(String(lastWeek.total.due));
  await card.getByTestId('weekly-next').click();
  await expect(card.getByTestId('weekly-week')).toHaveValue(new RegExp(`^${now.week}（`));

  await page.setViewportSize({ width: 390, height: 844 });
  await card.scrollIntoViewIfNeeded();
  await card.screenshot({ path: info.outputPath('weekly-card-390.png') });

  await page.setViewportSize({ width: 1440, height: 900 });
  await signInEnglish(page, 'manager@demo.local');
  await page.goto('/cadence-rules');
  const en = page.getByTestId('weekly-figures');
  await en.scrollIntoViewIfNeeded();
  await expect(en).toContainText('Weekly figures');
  await expect(en).toContainText('Online response rate');
  await expect(en.getByTestId('weekly-table')).toContainText('Total');
  await expect(en.getByTestId('weekly-week')).toHaveValue(new RegExp(`^${now.week} \\(`));
  await en.screenshot({ path: info.outputPath('weekly-card-en-1440.png') });
  for (const ctx of [admin, manager, lead]) await ctx.dispose();
});

// Every role's menu, page by page, checked with axe (WCAG 2.1 AA; e2e/fixtures.ts): in zh-CN for
// every role, in English for the manager and a caller; and every entry's name shows whole. The other specs check the pages they
// reach on the way (details, the visit form, dialogs' pages) through the same fixture.

import { type A11yFinding, analyze, expect, formatFindings, type Page, test } from './fixtures';
import { switchToEnglish, switchUser } from './helpers';

const ROLES = [
  'admin@demo.local',
  'manager@demo.local',
  'supervisor@demo.local',
  'lead@demo.local',
  'caller1@demo.local',
  'handler@demo.local',
];

async function sweep(page: Page, email: string, findings: A11yFinding[], english = false) {
  await switchUser(page, email);
  if (english) await switchToEnglish(page);
  const items = page.locator('.ant-layout-sider .ant-menu-item');
  await expect(items.first()).toBeVisible();
  // every entry's name shows whole, none cut short by the menu's width ("Improvement mea…")
  const cut = await page
    .locator('.ant-layout-sider .ant-menu-title-content')
    .evaluateAll((labels) => labels.filter((l) => l.scrollWidth > l.clientWidth).map((l) => l.textContent));
  expect(cut, `menu entries cut short (${email})`).toEqual([]);
  const n = await items.count();
  for (let i = 0; i < n; i++) {
    await items.nth(i).click();
    await expect(page.locator('.ant-spin-spinning')).toHaveCount(0);
    await expect(page.locator('h1')).toHaveCount(1);
    await page.waitForTimeout(500);
    const results = await analyze(page);
    const lang = await page.evaluate(() => document.documentElement.lang);
    for (const v of results.violations) {
      if (v.impact !== 'critical' && v.impact !== 'serious') continue;
      findings.push({
        page: `${new URL(page.url()).pathname} [${lang}] (${email})`,
        rule: v.id,
        impact: v.impact,
        help: v.help,
        nodes: v.nodes.slice(0, 5).map((node) => ({
          target: node.target.map(String).join(' '),
          summary: (node.failureSummary ?? '').split('\n').slice(1).join(' ').trim(),
        })),
      });
    }
  }
}

// each role's pages settled and checked: minutes on a busy machine
test.describe.configure({ timeout: 360_000 });

for (const email of ROLES)
  test(`every menu page of ${email} passes axe in zh-CN`, async ({ page }) => {
    const findings: A11yFinding[] = [];
    await sweep(page, email, findings);
    expect(findings, formatFindings(findings)).toEqual([]);
  });

for (const email of ['manager@demo.local', 'caller1@demo.local'])
  test(`every menu page of ${email} passes axe in English`, async ({ page }) => {
    const findings: A11yFinding[] = [];
    await sweep(page, email, findings, true);
    expect(findings, formatFindings(findings)).toEqual([]);
  });

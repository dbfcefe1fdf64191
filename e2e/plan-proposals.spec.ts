// Rule proposals (docs/rules.md#r-cad-7-rule-proposals): the graduation rule is not approved, so a
// graduation today proposes its visit (a month on) in next month's plan; the lead ticks it and adds it
// to the plan, where it shows the rule that proposed it (zh-CN), and the card reads in English.
import { expect, type Page, test } from './fixtures';
import { expectWrite, monthFromNow, switchToEnglish, switchUser } from './helpers';

const shanghaiToday = () =>
  new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());

/** Screens for a look by eye when SHOTS is set (test-results/, not committed). */
async function shot(page: Page, name: string) {
  if (!process.env.SHOTS) return;
  for (const [w, h] of [
    [1440, 900],
    [390, 844],
  ] as const) {
    await page.setViewportSize({ width: w, height: h });
    await page.getByTestId('proposals').evaluate((e) => e.scrollIntoView({ block: 'start' }));
    await page.screenshot({ path: `test-results/proposals-${name}-${w}.png` });
  }
  await page.setViewportSize({ width: 1440, height: 900 });
}

test('a lead adds a visit a rule not approved proposes into next month’s plan', async ({ page }) => {
  const month = monthFromNow(1);
  await switchUser(page, 'lead@demo.local');
  const name = `结业学员${String(Date.now()).slice(-5)}`;
  const made = await page.request.post('/api/customers', {
    data: { name, phone: `138${String(Date.now()).slice(-8)}`, segment: 'GRADUATE', tier: 'MID' },
  });
  expect(made.status()).toBe(201);
  const customerId = (await made.json()).id as string;
  const event = await page.request.post('/api/customer-events', {
    data: { customerId, kind: 'GRADUATED', day: shanghaiToday() },
  });
  expect(event.status()).toBe(201);

  await page.getByRole('menuitem', { name: '回访计划' }).click();
  await page.getByTestId('plan-create').click();
  await page.getByTestId('plan-create-ok').click();
  await expect(page).toHaveURL(/\/plans\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId('plan-month')).toHaveText(month);

  const card = page.getByTestId('proposals');
  await expect(card).toContainText('规则建议');
  const row = card.locator('tbody tr.ant-table-row', { hasText: name });
  await expect(row).toContainText('结业回访');
  await expect(row).toContainText('结业');
  await shot(page, 'zh');
  await expect(card.getByTestId('proposals-add')).toBeDisabled();
  await row.getByRole('checkbox').check();
  await expect(card).toContainText('已选 1 条');
  await expectWrite(page, /\/proposals$/, () => card.getByTestId('proposals-add').click());
  await expect(page.getByText('已加入 1 条建议回访')).toBeVisible();
  // taken: no longer proposed, and in the plan with the rule that proposed it
  await expect(row).toHaveCount(0);
  const item = page.getByTestId('plan-items').locator('tbody tr.ant-table-row', { hasText: name });
  await expect(item.getByTestId('item-rule')).toHaveText('规则：结业回访');
  await expect(page.getByTestId('figure-unassigned')).toHaveText('0');
  await shot(page, 'zh-added');

  // the same plan in English
  await switchToEnglish(page);
  await expect(card).toContainText('Proposed by rules');
  await expect(card.getByTestId('proposals-add')).toHaveText(/Add to plan/);
  await expect(item.getByTestId('item-rule')).toHaveText('Rule: 结业回访');
  await shot(page, 'en');
});

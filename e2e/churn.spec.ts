// The churn register (docs/product.md#the-churn-register): a refund recorded for a customer becomes
// a suggestion in 待确认; a lead confirms it with a reason, finds it in 已登记 and plans a win-back
// visit; the same in English by a manager. Screenshots of the register at 1440×900 and 390×844.
import { mkdirSync } from 'node:fs';
import { expect, type Page, test } from './fixtures';
import { chooseIn, expectWrite, login, signInEnglish } from './helpers';

const SHOTS = process.env.CHURN_SHOTS ?? '/work/shots/churn';
const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());

async function refundedCustomer(page: Page, name: string) {
  const phone = `137${String(Date.now()).slice(-8)}`;
  const made = await page.request.post('/api/customers', {
    data: { name, phone, segment: 'STUDENT', tier: 'MID' },
  });
  expect(made.status()).toBe(201);
  const customer = (await made.json()) as { id: string };
  const event = await page.request.post('/api/customer-events', {
    data: { customerId: customer.id, kind: 'REFUND', day: today(), note: '家长申请退费' },
  });
  expect(event.status()).toBe(201);
  return customer.id;
}

async function shoot(page: Page, name: string) {
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
}

async function flow(
  page: Page,
  name: string,
  l: {
    menu: RegExp;
    confirmed: RegExp;
    reason: string;
    stage: string;
    caller: string;
    lang: string;
  },
) {
  await page.getByRole('menuitem', { name: l.menu }).click();
  await expect(page).toHaveURL(/\/churn/);
  const row = page.locator('tbody tr.ant-table-row', { hasText: name });
  await expect(row).toBeVisible();
  await expect(row.getByTestId('churn-evidence')).toBeVisible();
  await shoot(page, `register-suggested-${l.lang}-1440`);

  await row.getByTestId('churn-confirm').click();
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByTestId('churn-stage')).toContainText(l.stage);
  await chooseIn(page, dialog.getByTestId('churn-reason'), l.reason);
  await expectWrite(page, /\/api\/churn-cases\/[0-9a-f-]{36}\/confirm$/, () =>
    dialog.getByTestId('churn-confirm-ok').click(),
  );
  await expect(dialog).toBeHidden();
  await expect(page.locator('tbody tr.ant-table-row', { hasText: name })).toHaveCount(0);

  await page.getByRole('tab', { name: l.confirmed }).click();
  const done = page.locator('tbody tr.ant-table-row', { hasText: name });
  await expect(done).toContainText(l.reason);
  await expect(done).toContainText(l.stage);
  await done.getByTestId('churn-winback').click();
  const winBack = page.getByRole('dialog');
  await chooseIn(page, winBack.getByTestId('churn-winback-assignee'), l.caller);
  await expectWrite(page, /\/api\/churn-cases\/[0-9a-f-]{36}\/win-back$/, () =>
    winBack.getByTestId('churn-winback-ok').click(),
  );
  await expect(winBack).toBeHidden();
  await expect(done).toContainText(l.caller);
  await shoot(page, `register-confirmed-${l.lang}-1440`);

  await done.getByTestId('churn-case-link').click();
  await expect(page.getByTestId('churn-winback-task')).toContainText(l.caller);
  await shoot(page, `case-${l.lang}-1440`);

  await page.setViewportSize({ width: 390, height: 844 });
  await shoot(page, `case-${l.lang}-390`);
  await page.goBack();
  await expect(page.locator('tbody tr.ant-table-row', { hasText: name })).toBeVisible();
  await shoot(page, `register-confirmed-${l.lang}-390`);
  await page.setViewportSize({ width: 1440, height: 900 });
}

test.use({ viewport: { width: 1440, height: 900 } });

test('a refund becomes a suggestion; a lead confirms it with a reason and plans a win-back visit', async ({
  page,
}) => {
  await login(page, 'lead@demo.local');
  await refundedCustomer(page, '退费客户甲');
  await flow(page, '退费客户甲', {
    menu: /流失登记/,
    confirmed: /已登记/,
    reason: '价格',
    stage: '退费',
    caller: '张敏',
    lang: 'zh',
  });
});

test('the same in English, by a manager', async ({ page }) => {
  await login(page, 'lead@demo.local');
  await refundedCustomer(page, 'Refund Customer B');
  await signInEnglish(page, 'manager@demo.local');
  await flow(page, 'Refund Customer B', {
    menu: /Churn register/,
    confirmed: /Registered/,
    reason: 'Competitor',
    stage: 'Refunded',
    caller: '李娜',
    lang: 'en',
  });
  // the reasons a manager edits, by category
  await page.getByRole('menuitem', { name: /Churn reasons/ }).click();
  await expect(page.getByTestId('reason-add-FACILITY')).toBeVisible();
  await expect(page.getByText('Competitor')).toBeVisible();
  await shoot(page, 'reasons-en-1440');
});

// The contact policy (docs/rules.md#r-cad-6-contact-policy): a manager changes the cap on the rules
// page, a consultation of a customer who refuses visits is listed as not made with its reason
// (zh-CN); the caller's workbench warns in the quiet hours (English).
import { expect, type Page, test } from './fixtures';
import { expectWrite, login, signInEnglish, switchUser } from './helpers';

const shanghai = (offsetMs: number, part: 'day' | 'time') =>
  new Intl.DateTimeFormat(part === 'day' ? 'en-CA' : 'en-GB', {
    timeZone: 'Asia/Shanghai',
    ...(part === 'time' ? { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' as const } : {}),
  }).format(new Date(Date.now() + offsetMs));

async function approveRule(page: Page, code: string) {
  const rules = (await (await page.request.get('/api/cadence-rules')).json()) as {
    items: Array<{ id: string; code: string | null; version: number; activeVersion: number }>;
  };
  const rule = rules.items.find((r) => r.code === code)!;
  if (rule.activeVersion > 0) return;
  await switchUser(page, 'admin@demo.local');
  expect(
    (
      await page.request.post(`/api/cadence-rules/${rule.id}/submit`, { data: { version: rule.version } })
    ).ok(),
  ).toBe(true);
  await switchUser(page, 'manager@demo.local');
  expect(
    (
      await page.request.post(`/api/cadence-rules/${rule.id}/approve`, {
        data: { version: rule.version + 1 },
      })
    ).ok(),
  ).toBe(true);
}

test('a manager changes the contact cap; a visit not made is listed with its reason', async ({ page }) => {
  await login(page, 'manager@demo.local');
  await page.goto('/cadence-rules');
  const card = page.getByTestId('contact-policy');
  await expect(card.getByTestId('contact-policy-cap')).toHaveText(/每位客户 \d+ 天内最多联系 \d+ 次/);
  await card.getByTestId('contact-policy-edit').click();
  const dialog = page.getByRole('dialog');
  await dialog.getByTestId('contact-policy-max').fill('');
  await dialog.getByTestId('contact-policy-save').click();
  await expect(dialog).toContainText('请输入 1 到 50 之间的整数');
  await dialog.getByTestId('contact-policy-max').fill('3');
  await dialog.getByTestId('contact-policy-days').fill('45');
  await expectWrite(page, /\/api\/contact-policy$/, () => dialog.getByTestId('contact-policy-save').click());
  await expect(dialog).toBeHidden();
  await expect(card.getByTestId('contact-policy-cap')).toHaveText('每位客户 45 天内最多联系 3 次');

  // a customer who refuses visits had a consultation yesterday: the standing rule makes no task
  await approveRule(page, 'CONSULTATION_3D');
  await switchUser(page, 'lead@demo.local');
  const phone = `137${String(Date.now()).slice(-8)}`;
  const made = await page.request.post('/api/customers', {
    data: { name: '拒访客户', phone, segment: 'STUDENT', tier: 'MID', refusesVisits: true },
  });
  expect(made.status()).toBe(201);
  const customer = (await made.json()) as { id: string };
  const event = await page.request.post('/api/customer-events', {
    data: { customerId: customer.id, kind: 'CONSULTATION', day: shanghai(-86_400_000, 'day') },
  });
  expect(event.status()).toBe(201);
  await page.goto('/cadence-rules');
  const notMade = page.getByTestId('not-made');
  await notMade.scrollIntoViewIfNeeded();
  const row = notMade.locator('tbody tr.ant-table-row', { hasText: '拒访客户' });
  await expect(row.getByTestId('not-made-row-status')).toHaveText('不再生成');
  await expect(row.getByTestId('not-made-row-reason')).toHaveText('客户拒绝回访');
  await expect(row).toContainText('咨询回访');
  await expect(row).toContainText('门诊咨询');
  await row.getByRole('link', { name: '拒访客户' }).click();
  await expect(page).toHaveURL(new RegExp(`/customers/${customer.id}$`));
});

test('the workbench warns a caller in the quiet hours (English)', async ({ page }) => {
  // quiet hours around now, so the test does not depend on the time it runs; put back afterwards
  await login(page, 'admin@demo.local');
  const before = (await (await page.request.get('/api/contact-policy')).json()) as {
    version: number;
    quietFrom: string | null;
    quietTo: string | null;
  };
  const from = shanghai(-3_600_000, 'time');
  const to = shanghai(3_600_000, 'time');
  const set = await page.request.patch('/api/contact-policy', {
    data: { version: before.version, quietFrom: from, quietTo: to },
  });
  expect(set.status(), await set.text()).toBe(200);
  try {
    await signInEnglish(page, 'caller1@demo.local');
    await expect(page.getByTestId('quiet-hours')).toHaveText(
      `These are the quiet hours (${from}–${to}): do not call customers now; you can tidy up records or set call-back times.`,
    );
  } finally {
    await switchUser(page, 'admin@demo.local');
    const now = (await (await page.request.get('/api/contact-policy')).json()) as { version: number };
    await page.request.patch('/api/contact-policy', {
      data: { version: now.version, quietFrom: before.quietFrom, quietTo: before.quietTo },
    });
  }
});

// Integration keys (docs/api.md#integrations): an administrator makes a key, another system posts a
// customer event with it, the administrator revokes it and the next post is refused.
import { request as httpRequest } from '@playwright/test';
import { expect, test } from './fixtures';
import { login, signInEnglish } from './helpers';

const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());

test('an administrator makes a key, a system posts an event with it, the key is revoked', async ({
  page,
  baseURL,
}) => {
  await login(page, 'admin@demo.local');
  await page.getByRole('menuitem', { name: '接口密钥' }).click();
  await expect(page).toHaveURL(/\/admin\/api-keys$/);
  await page.getByTestId('key-add').click();
  const dialog = page.getByRole('dialog');
  await dialog.getByTestId('key-make').click();
  await expect(dialog.getByText('请填写名称')).toBeVisible();
  await dialog.getByTestId('key-name').fill('医院 HIS');
  await dialog.getByTestId('key-make').click();
  const key = ((await dialog.getByTestId('key-secret').textContent()) ?? '').trim();
  expect(key).toMatch(/^hf_[A-Za-z0-9_-]{43}$/);
  await dialog.getByTestId('key-done').click();
  const row = page.getByTestId('key-table').locator('tbody tr.ant-table-row', { hasText: '医院 HIS' });
  await expect(row).toContainText(key.slice(0, 11));
  await expect(row).toContainText('从未使用');

  // the other system: no session, only the key
  const customers = (await (await page.request.get('/api/customers?size=1')).json()) as {
    items: Array<{ id: string }>;
  };
  const system = await httpRequest.newContext({ baseURL });
  const post = () =>
    system.post('/api/customer-events', {
      headers: { authorization: `Bearer ${key}` },
      data: {
        customerId: customers.items[0]!.id,
        kind: 'CONSULTATION',
        day: today(),
        externalId: `HIS-${Date.now()}`,
      },
    });
  const sent = await post();
  expect(sent.status(), await sent.text()).toBe(201);
  expect((await sent.json()).source).toBe('API');

  await page.reload();
  await expect(row).not.toContainText('从未使用');
  await row.getByTestId('key-revoke').click();
  await page.getByTestId('key-revoke-confirm').click();
  await expect(row).toContainText('已停用');
  expect((await post()).status()).toBe(401);
  await system.dispose();
});

test('the integration keys page in English', async ({ page }) => {
  await signInEnglish(page, 'admin@demo.local');
  await page.getByRole('menuitem', { name: 'Integration keys' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Integration keys');
  await expect(page.getByText('Authorization: Bearer <key>')).toBeVisible();
});

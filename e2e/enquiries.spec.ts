// Enquiries and the funnel (docs/product.md#enquiries-and-the-funnel): a caller records an
// enquiry, follows it up and converts it; the lead sees the funnel count move. In zh-CN and English.
import { expect, type Page, test } from './fixtures';
import { chooseIn, expectWrite, login, monthFromNow, switchToEnglish, switchUser } from './helpers';

const SHOTS = '/work/shots/enquiries';
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1440, height: 900 };

/** The funnel's totals of this month for one channel, as the lead's funnel page shows them. */
async function funnelTotals(page: Page, channel: string) {
  const month = monthFromNow(0);
  await page.goto(`/enquiries/funnel?from=${month}&to=${month}&channel=${channel}`);
  const enquired = page.getByTestId('funnel-total-ENQUIRED');
  await expect(enquired).toBeVisible();
  // the page's query settles before the numbers are read
  await expect(page.getByTestId('funnel-table').locator('.ant-spin-spinning')).toHaveCount(0);
  return {
    enquired: Number(await enquired.textContent()),
    enrolled: Number(await page.getByTestId('funnel-total-ENROLLED').textContent()),
  };
}

async function shoot(page: Page, name: string) {
  await page.setViewportSize(DESKTOP);
  await page.screenshot({ path: `${SHOTS}/${name}-1440.png`, fullPage: true });
  await page.setViewportSize(PHONE);
  await page.screenshot({ path: `${SHOTS}/${name}-390.png`, fullPage: true });
  await page.setViewportSize(DESKTOP);
}

const randomPhone = () => `145${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;

for (const lang of ['zh-CN', 'en'] as const) {
  const L =
    lang === 'zh-CN'
      ? {
          menu: '咨询登记',
          channelLabel: '活动',
          channel: 'EVENT',
          enrolled: '已报名',
          name: '陈咨询',
          note: '约了周六到校试听',
        }
      : {
          menu: 'Enquiries',
          channelLabel: 'Walk-in',
          channel: 'WALK_IN',
          enrolled: 'Enrolled',
          name: 'Alice Enquirer',
          note: 'Coming to a trial class on Saturday',
        };

  test(`${lang}: a caller records an enquiry, follows it up and converts it; the lead sees the funnel move`, async ({
    page,
  }) => {
    await login(page, 'lead@demo.local');
    if (lang === 'en') await switchToEnglish(page);
    const before = await funnelTotals(page, L.channel);

    await switchUser(page, 'caller1@demo.local');
    if (lang === 'en') await switchToEnglish(page);
    await page.getByRole('menuitem', { name: L.menu }).click();
    await expect(page).toHaveURL(/\/enquiries$/);
    await expect(page.getByTestId('enquiry-table')).toBeVisible();
    await shoot(page, `list-${lang}`);

    await page.getByTestId('new-enquiry').click();
    await page.getByTestId('enquiry-name').fill(L.name);
    await page.getByTestId('enquiry-phone').fill(randomPhone());
    await chooseIn(page, page.getByTestId('enquiry-channel'), L.channelLabel);
    await page.getByTestId('enquiry-course').fill('Python 数据分析');
    await expectWrite(page, /\/api\/enquiries$/, () => page.getByTestId('enquiry-save').click());
    await expect(page).toHaveURL(/\/enquiries\/[0-9a-f-]{36}$/);
    // the handler sees the whole number they typed
    await expect(page.getByTestId('enquiry-phone-shown')).toHaveText(/^145\d{8}$/);

    await page.getByTestId('follow-up-note').fill(L.note);
    await expectWrite(page, /follow-ups$/, () => page.getByTestId('follow-up-save').click());
    await expect(page.getByTestId('follow-up-timeline')).toContainText(L.note);
    await shoot(page, `detail-open-${lang}`);

    await page.getByTestId('enquiry-convert').click();
    await expectWrite(page, /convert$/, () => page.getByTestId('convert-ok').click());
    await expect(page.getByTestId('enquiry-summary').getByTestId('enquiry-status')).toHaveText(L.enrolled);
    await expect(page.getByTestId('enquiry-customer')).toHaveText(L.name);
    await shoot(page, `detail-${lang}`);

    await switchUser(page, 'lead@demo.local');
    if (lang === 'en') await switchToEnglish(page);
    const after = await funnelTotals(page, L.channel);
    expect(after.enquired).toBe(before.enquired + 1);
    expect(after.enrolled).toBe(before.enrolled + 1);
    // the default period: the last twelve months of the demo
    await page.goto('/enquiries/funnel');
    await expect(page.getByTestId('funnel-chart')).toBeVisible();
    await shoot(page, `funnel-year-${lang}`);
  });
}

test('zh-CN: closing an enquiry asks for the reason, grouped by category', async ({ page }) => {
  await login(page, 'caller2@demo.local');
  await page.goto('/enquiries');
  await page.getByTestId('new-enquiry').click();
  await page.getByTestId('enquiry-name').fill('未报名测试');
  await page.getByTestId('enquiry-phone').fill(randomPhone());
  await expectWrite(page, /\/api\/enquiries$/, () => page.getByTestId('enquiry-save').click());
  await expect(page).toHaveURL(/\/enquiries\/[0-9a-f-]{36}$/);
  await page.getByTestId('enquiry-close').click();
  await page.getByTestId('close-reason').click();
  await expect(page.locator('.ant-select-dropdown:visible')).toContainText('市场');
  await shoot(page, 'close-zh');
  await chooseIn(page, page.getByTestId('close-reason'), '价格');
  await expectWrite(page, /close$/, () => page.getByTestId('close-ok').click());
  await expect(page.getByTestId('enquiry-summary').getByTestId('enquiry-status')).toHaveText('未报名');
  await expect(page.getByTestId('enquiry-summary')).toContainText('市场 / 价格');
});

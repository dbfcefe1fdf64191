// The caller's flow on a phone (390×844, touch): an overlay menu, the counts in two short rows, a
// card queue with tap-to-call, the call and the form first with the customer's details folded, and a
// full-screen signature for a face-to-face visit. Screenshots go to test-results/phone/ to be looked at.
import { expect, type Page, test } from './fixtures';
import { answerQuestionnaire, login, pickOption, switchToEnglish } from './helpers';

test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

const shot = (page: Page, name: string) =>
  page.screenshot({ path: `test-results/phone/${name}.png`, fullPage: false });

/** Nothing wider than the screen: no sideways scrolling. */
async function expectNoSidewaysScroll(page: Page) {
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(390);
}

for (const english of [false, true]) {
  const lang = english ? 'en' : 'zh';
  test(`a caller works the queue on a phone: menu, cards, tap-to-call, form first, full-screen signature${english ? ' (English)' : ''}`, async ({
    page,
  }) => {
    // the dialler is the phone's: record what the page asked to call
    await page.addInitScript(() => {
      const click = HTMLAnchorElement.prototype.click;
      HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
        if (this.href.startsWith('tel:')) {
          (window as unknown as { dialled: string }).dialled = this.href;
          return;
        }
        click.call(this);
      };
    });
    await login(page, english ? 'caller3@demo.local' : 'caller5@demo.local');
    if (english) await switchToEnglish(page);
    await expect(page.getByTestId('count-today')).toBeVisible();

    // the header: the school's name on one line beside the menu button, no side menu
    const org = page.getByTestId('org-name');
    await expect(org).toBeVisible();
    expect((await org.boundingBox())!.height).toBeLessThanOrEqual(24);
    await expect(page.locator('.ant-layout-sider')).toHaveCount(0);
    // five counts in two short rows
    expect((await page.getByTestId('tiles').boundingBox())!.height).toBeLessThan(160);
    await expectNoSidewaysScroll(page);
    await shot(page, `workbench-${lang}`);

    // the menu lies over the page, which keeps its width
    await page.getByTestId('menu-button').click();
    const drawer = page.getByTestId('main-menu');
    await expect(drawer).toBeVisible();
    expect((await page.locator('main').boundingBox())!.width).toBeGreaterThanOrEqual(360);
    await shot(page, `menu-${lang}`);
    await drawer.getByText(english ? 'Workbench' : '回访工作台').click();
    await expect(drawer).toBeHidden();

    // the queue as cards; when nothing is due now, the tasks coming up
    if (!(await page.getByTestId('card-call').count())) await page.getByTestId('tile-upcoming').click();
    const card = page
      .getByTestId('task-card')
      .filter({ has: page.getByTestId('card-call') })
      .first();
    await expect(card).toBeVisible();
    await expectNoSidewaysScroll(page);
    await card.getByTestId('card-call').click();
    await expect(page).toHaveURL(/\/workbench\/tasks\//);
    const dialled = await page.evaluate(() => (window as unknown as { dialled?: string }).dialled);
    expect(dialled).toMatch(/^tel:\+?\d{7,}$/);

    // the call and the form on the first screen; the details folded below
    const call = page.getByTestId('call-bar');
    await expect(call).toHaveAttribute('href', dialled!);
    const form = page.getByTestId('visit-form');
    await expect(form).toBeVisible();
    expect((await form.boundingBox())!.y).toBeLessThan(400);
    await expect(page.getByTestId('customer-card')).toHaveCount(0);
    await expect(page.locator('.hf-keyboard-hint')).toBeHidden();
    await expectNoSidewaysScroll(page);
    await shot(page, `visit-${lang}`);

    await form.getByText(english ? 'Completed' : '回访完成', { exact: true }).click();
    await pickOption(page, 'channel', english ? 'Face to face' : '面访');
    await answerQuestionnaire(page);
    await page.getByTestId('satisfaction').locator('[data-star="5"]').click();

    // the customer signs on the whole screen
    await page.getByTestId('signature-open').click();
    const pad = page.getByTestId('signature-pad');
    await expect(pad).toBeVisible();
    await expect(async () => {
      const box = (await pad.boundingBox())!;
      expect(box.width).toBeGreaterThanOrEqual(340);
      expect(box.height).toBeGreaterThanOrEqual(400);
    }).toPass();
    // the dialog zooms in: draw once the pad stands still and receives the pointer
    await pad.click({ trial: true });
    const box = (await pad.boundingBox())!;
    await page.mouse.move(box.x + 40, box.y + 200);
    await page.mouse.down();
    await page.mouse.move(box.x + 160, box.y + 120, { steps: 8 });
    await page.mouse.move(box.x + 300, box.y + 260, { steps: 8 });
    await page.mouse.up();
    await shot(page, `signature-${lang}`);
    await page.getByTestId('signature-done').click();
    await expect(page.getByTestId('signature-preview')).toBeVisible();
    await expectNoSidewaysScroll(page);

    await page.getByTestId('save-visit').click();
    await expect(page.getByText(english ? /^(Visit record saved|Saved; )/ : /回访记录已保存/)).toBeVisible();

    // the details unfold on demand
    if (/\/workbench\/tasks\//.test(page.url())) {
      await page
        .getByTestId('task-details')
        .getByText(english ? 'Customer, task and visit history' : '客户信息、任务与回访历史')
        .click();
      await expect(page.getByTestId('customer-card')).toBeVisible();
      await expectNoSidewaysScroll(page);
    }
  });
}

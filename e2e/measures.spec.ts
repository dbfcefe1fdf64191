import { expect, type Page, test } from './fixtures';
import { pickOption, signInEnglish, switchUser } from './helpers';

// 改进措施 end to end, in Chinese and in English: a lead drafts a measure with a milestone, the
// manager approves it, the owner starts it, reports the milestone done and completes it, the manager
// evaluates it and sees the effect card (windows stated; too few customers said plainly).

const SHOTS = '/work/shots/measures';

interface Words {
  lang: 'zh' | 'en';
  menu: string;
  draft: string;
  approved: string;
  inProgress: string;
  done: string;
  evaluated: string;
  days: RegExp;
  tooFew: RegExp;
}

const ZH: Words = {
  lang: 'zh',
  menu: '改进措施',
  draft: '草稿',
  approved: '已批准',
  inProgress: '执行中',
  done: '已完成',
  evaluated: '已评估',
  days: /实施前：.*天.*实施后：.*天/,
  tooFew: /样本太少|时间太短/,
};
const EN: Words = {
  lang: 'en',
  menu: 'Improvements',
  draft: 'Draft',
  approved: 'Approved',
  inProgress: 'In progress',
  done: 'Done',
  evaluated: 'Evaluated',
  days: /Before: .*days.*After: .*days/,
  tooFew: /too few to tell|too soon to tell/,
};

async function as(page: Page, w: Words, email: string) {
  if (w.lang === 'en') await signInEnglish(page, email);
  else await switchUser(page, email);
}

async function typeDate(page: Page, testId: string, day: string) {
  const input = page.getByTestId(testId).last().locator('input').or(page.getByTestId(testId).last());
  await input.first().click();
  await input.first().fill(day);
  await page.keyboard.press('Enter');
}

for (const w of [ZH, EN]) {
  test(`a measure goes from draft to evaluated (${w.lang})`, async ({ page }) => {
    const title = `E2E ${w.lang} measure ${Date.now() % 100000}`;
    await as(page, w, 'lead@demo.local');
    await page.getByRole('menuitem', { name: w.menu }).click();
    await expect(page).toHaveURL(/\/improvement-measures$/);
    await expect(page.getByTestId('measure-table')).toBeVisible();
    await expect(page.getByTestId('measure-overdue').first()).toBeVisible();
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.screenshot({ path: `${SHOTS}/list-${w.lang}-1440.png`, fullPage: true });

    await page.getByTestId('measure-create').click();
    await page.getByTestId('measure-title').fill(title);
    await pickOption(page, 'measure-department', '服务部');
    await pickOption(page, 'measure-owner', 'lead@demo.local');
    await typeDate(page, 'measure-deadline', '2030-12-31');
    await page.getByTestId('milestone-add').click();
    await page.getByTestId('milestone-title').fill(w.lang === 'zh' ? '制定回访话术' : 'Write the script');
    await typeDate(page, 'milestone-due', '2030-06-30');
    await page.getByTestId('measure-form-ok').click();
    await expect(page).toHaveURL(/\/improvement-measures\/[0-9a-f-]{36}$/);
    const url = new URL(page.url()).pathname;
    await expect(page.getByTestId('measure-status')).toHaveText(w.draft);
    await expect(page.getByTestId('measure-approve')).toHaveCount(0);

    await as(page, w, 'manager@demo.local');
    await page.goto(url);
    await page.getByTestId('measure-approve').click();
    await expect(page.getByTestId('measure-status')).toHaveText(w.approved);

    await as(page, w, 'lead@demo.local');
    await page.goto(url);
    await page.getByTestId('measure-start').click();
    await expect(page.getByTestId('measure-status')).toHaveText(w.inProgress);
    await page.getByTestId('milestone-progress-input').fill('100');
    await page.getByTestId('milestone-progress-save').click();
    await expect(page.getByTestId('milestones').locator('.ant-progress-status-success')).toHaveCount(1);
    await page.getByTestId('measure-complete').click();
    await page.getByTestId('measure-step-ok').click();
    await expect(page.getByTestId('measure-status')).toHaveText(w.done);

    await as(page, w, 'manager@demo.local');
    await page.goto(url);
    await page.getByTestId('measure-evaluate').click();
    await page.getByTestId('measure-step-comment').fill('OK');
    await page.getByTestId('measure-step-ok').click();
    await expect(page.getByTestId('measure-status')).toHaveText(w.evaluated);
    const card = page.getByTestId('effect-card');
    await expect(card).toBeVisible();
    await expect(page.getByTestId('effect-windows')).toHaveText(w.days);
    await expect(card.getByTestId('effect-too-small').first()).toHaveText(w.tooFew);
    await expect(page.getByTestId('measure-outcome').first()).toBeVisible();
    await page.screenshot({ path: `${SHOTS}/detail-${w.lang}-1440.png`, fullPage: true });

    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(url);
    await expect(page.getByTestId('effect-card')).toBeVisible();
    await page.screenshot({ path: `${SHOTS}/detail-${w.lang}-390.png`, fullPage: true });
    await page.goto('/improvement-measures');
    await expect(page.getByTestId('measure-table')).toBeVisible();
    await page.screenshot({ path: `${SHOTS}/list-${w.lang}-390.png`, fullPage: true });

    // an evaluated demo measure: the effect figures with their charts
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.getByTestId('measure-chip-EVALUATED').click();
    await page.getByTestId('measure-link-1').click();
    await expect(page.getByTestId('effect-chart-satisfaction')).toBeVisible();
    // charts below the fold are drawn when scrolled near
    await page.getByTestId('effect-chart-complaints').scrollIntoViewIfNeeded();
    await expect(
      page.getByTestId('effect-chart-complaints').locator('.recharts-bar-rectangle').first(),
    ).toBeVisible();
    await page.screenshot({ path: `${SHOTS}/evaluated-${w.lang}-1440.png`, fullPage: true });
  });
}

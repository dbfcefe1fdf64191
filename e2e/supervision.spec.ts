import { expect, type Page, test } from './fixtures';
import { chooseIn, confirmDialog, expectWrite, login, switchUser } from './helpers';

/** The input of an antd InputNumber by its test id (on the input or on its wrapper). */
const numberInput = (page: Page, testId: string) =>
  page.locator(`input[data-testid="${testId}"], [data-testid="${testId}"] input`).first();

test('a supervisor samples and inspects, the caller appeals, a manager overturns', async ({ page }) => {
  // --- the supervisor's sampling wizard: one record of 张敏 for 林晓燕 herself
  await login(page, 'supervisor@demo.local');
  await page.getByRole('menuitem', { name: '抽检' }).click();
  await expect(page).toHaveURL(/\/sampling/);
  await expect(page.getByText('月份与规则')).toBeVisible();
  await page.getByText('每人固定条数').click();
  await numberInput(page, 'sampling-per-caller').fill('1');
  await numberInput(page, 'sampling-min').fill('0');
  await numberInput(page, 'sampling-seed').fill('4242');
  await page.getByTestId('sampling-next').click();

  await chooseIn(page, page.getByTestId('sampling-callers'), '张敏', true);
  await chooseIn(page, page.getByTestId('sampling-inspectors'), '林晓燕', true);
  await page.getByTestId('sampling-next').click();
  await expect(page.getByText('优先抽取低满意度')).toBeVisible();
  await page.getByTestId('sampling-next').click();

  const preview = page.getByTestId('sampling-preview');
  await expect(preview).toBeVisible();
  await expect(page.getByTestId('preview-total')).toContainText('1');
  await expect(page.getByTestId('preview-callers')).toContainText('张敏');
  await expect(page.getByTestId('preview-inspectors')).toContainText('林晓燕');
  await page.getByTestId('sampling-next').click();
  await expect(page.getByTestId('sampling-summary')).toContainText('每人 1 条');
  await page.getByTestId('sampling-confirm').click();
  await expect(page.getByTestId('sampling-created')).toContainText('已生成 1 条质检任务');
  await page.getByRole('button', { name: '前往质检工作台' }).click();

  // --- the new inspection is first in her queue (newest first)
  await expect(page).toHaveURL(/\/inspections$/);
  const rows = page.getByTestId('inspection-list').locator('tbody tr.ant-table-row');
  const row = rows.filter({ hasText: '张敏' }).filter({ hasText: '待质检' }).first();
  await expect(row).toBeVisible();
  const customer = (await row.getByTestId('inspection-customer').textContent()) ?? '';
  await row.getByTestId('inspection-open').click();
  await expect(page.getByTestId('inspection-title')).toContainText(customer);
  await expect(page.getByTestId('record-panel')).toBeVisible();
  await page.getByTestId('inspection-start').click();

  const form = page.getByTestId('scoring-form');
  await expect(form).toBeVisible();
  await expect(form).toContainText('否决项');
  await expect(page.getByTestId('inspection-submit')).toBeDisabled();
  for (const [name, score] of [
    ['回访及时性', '20'],
    ['流程与话术', '20'],
    ['记录完整与准确', '25'],
    ['服务态度与礼仪', '20'],
    ['问题处理', '10'],
  ] as const) {
    await form.getByRole('spinbutton', { name }).fill(score);
  }
  await expect(page.getByTestId('live-total')).toContainText('95');
  await expect(page.getByTestId('live-result')).toHaveText('合格');
  // rudeness is a critical item: it fails the inspection whatever the total
  await page.getByTestId('critical-attitude').click();
  await expect(page.getByTestId('live-result')).toHaveText('不合格');
  await page.getByTestId('inspection-findings').getByText('服务态度差').click();
  await page.getByTestId('inspection-comment').fill('录音中打断客户两次');
  await page.getByTestId('inspection-save').click();
  await expect(page.getByText('草稿已保存')).toBeVisible();
  await page.getByTestId('inspection-submit').click();
  await confirmDialog(page, /^提\s*交$/);
  await expect(page.getByText('质检结果已提交')).toBeVisible();
  await expect(page.getByTestId('result-total')).toHaveText('95');
  await expect(page.getByTestId('result-panel').getByTestId('inspection-result')).toHaveText('不合格');

  // --- the caller sees the result with the scores, and appeals
  await switchUser(page, 'caller1@demo.local');
  await page.getByRole('menuitem', { name: '我的质检' }).click();
  const mine = page
    .getByTestId('my-inspections')
    .locator('tbody tr.ant-table-row')
    .filter({ hasText: customer });
  await expect(mine.first()).toContainText('不合格');
  await mine.first().getByTestId('inspection-open').click();
  await expect(page.getByTestId('result-total')).toHaveText('95');
  await expect(page.getByTestId('result-scores')).toContainText('10 / 15');
  await expect(page.getByTestId('result-panel')).toContainText('录音中打断客户两次');
  await expect(page.getByTestId('appeal-deadline')).toContainText('申诉截止');
  await page.getByTestId('appeal-open').click();
  const modal = page.getByTestId('appeal-modal');
  await chooseIn(page, modal.getByTestId('appeal-items'), '服务态度与礼仪', true);
  await modal.getByTestId('appeal-reason').fill('客户情绪激动，我是在确认信息，并非打断');
  await page.getByRole('button', { name: '提交申诉' }).click();
  await expect(page.getByText('申诉已提交，等待管理层裁决')).toBeVisible();
  await expect(page.getByTestId('appeal-history')).toContainText('申诉中');
  await expect(page.getByTestId('appeal-open')).toHaveCount(0);

  // --- the manager overturns; the inspection counts as passed
  await switchUser(page, 'manager@demo.local');
  await page.getByRole('menuitem', { name: '申诉' }).click();
  const appeal = page
    .getByTestId('appeal-list')
    .locator('tbody tr.ant-table-row')
    .filter({ hasText: '张敏' })
    .filter({ hasText: customer });
  await expect(appeal).toHaveCount(1);
  await appeal.getByTestId('appeal-decide').click();
  const decide = page.getByTestId('decide-modal');
  await decide.getByRole('radio', { name: '改判为合格' }).check();
  await decide.getByTestId('decision-reason').fill('复听录音，属正常确认信息');
  await expectWrite(page, /\/decide$/, () =>
    decide
      .getByRole('button', { name: '确 认' })
      .or(decide.getByRole('button', { name: '确认' }))
      .click(),
  );
  await expect(page.getByText('已裁决')).toBeVisible();
  await expect(appeal).toHaveCount(0);
  await page.getByRole('tab', { name: '全部申诉' }).click();
  const decided = page
    .getByTestId('appeal-list')
    .locator('tbody tr.ant-table-row')
    .filter({ hasText: customer })
    .filter({ hasText: '张敏' });
  await expect(decided).toContainText('已改判');
  await expect(decided).toContainText('合格（申诉改判）');
  await decided.getByRole('link', { name: '查看' }).click();
  await expect(page.getByTestId('appeal-history')).toContainText('复听录音，属正常确认信息');
  await expect(page.getByTestId('result-panel').getByTestId('inspection-result')).toHaveText(
    '合格（申诉改判）',
  );
});

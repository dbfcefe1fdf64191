// Learning from a customer who leaves, as one walk (docs/product.md#the-churn-register, #weekly-churn-analysis,
// #improvement-measures): a refund recorded for a caller's customer becomes a suggestion → the caller
// confirms it with a reason → the lead finds it in the week's analysis, picks it for the deep dive and
// minutes a decision → the decision becomes a measure → the manager approves it → the owner carries it
// out and completes it → the manager evaluates its effect. In zh-CN, then in English.
import { mkdirSync } from 'node:fs';
import { expect, type Page, test } from './fixtures';
import { chooseIn, expectWrite, pickOption, signInEnglish, switchUser } from './helpers';

const SHOTS = process.env.E2E_SHOTS ? `${process.env.E2E_SHOTS}/churn-loop` : 'test-results/shots/churn-loop';
const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());

interface Words {
  lang: 'zh' | 'en';
  caller: string;
  register: RegExp;
  weekly: RegExp;
  reason: string;
  stage: string;
  decision: string;
  approved: string;
  inProgress: string;
  done: string;
  evaluated: string;
  days: RegExp;
}

const ZH: Words = {
  lang: 'zh',
  caller: 'caller1@demo.local',
  register: /流失登记/,
  weekly: /每周流失分析/,
  reason: '价格',
  stage: '退费',
  decision: '为退费学员提供分期付款',
  approved: '已批准',
  inProgress: '执行中',
  done: '已完成',
  evaluated: '已评估',
  days: /实施前：.*天.*实施后：.*天/,
};
const EN: Words = {
  lang: 'en',
  caller: 'caller2@demo.local',
  register: /Churn register/,
  weekly: /Weekly churn/,
  reason: 'Competitor',
  stage: 'Refunded',
  decision: 'Match the competitor’s trial lesson',
  approved: 'Approved',
  inProgress: 'In progress',
  done: 'Done',
  evaluated: 'Evaluated',
  days: /Before: .*days.*After: .*days/,
};

async function as(page: Page, w: Words, email: string) {
  if (w.lang === 'en') await signInEnglish(page, email);
  else await switchUser(page, email);
}

async function getJson<T>(page: Page, url: string): Promise<T> {
  const res = await page.request.get(url);
  expect(res.status(), url).toBe(200);
  return (await res.json()) as T;
}

/** A customer of the caller's queue, named once in it, who has no churn case yet. */
async function callersCustomer(page: Page): Promise<{ id: string; name: string }> {
  const tasks = await getJson<{ items: Array<{ customer: { id: string; name: string } }> }>(
    page,
    '/api/tasks?assignee=me&status=PENDING&size=50',
  );
  const names = tasks.items.map((t) => t.customer.name);
  for (const { customer } of tasks.items) {
    if (names.filter((n) => n === customer.name).length !== 1) continue;
    const cases = await getJson<{ total: number }>(page, `/api/churn-cases?customerId=${customer.id}`);
    if (cases.total === 0) return customer;
  }
  throw new Error('no customer of the caller without a churn case');
}

async function shoot(page: Page, name: string) {
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
}

test.use({ viewport: { width: 1440, height: 900 } });

for (const w of [ZH, EN]) {
  test(`a refund → a confirmed case → the week's analysis → a measure → its effect (${w.lang})`, async ({
    page,
  }) => {
    // the caller's customer asks for a refund; the lead records it
    await switchUser(page, w.caller);
    const customer = await callersCustomer(page);
    await switchUser(page, 'lead@demo.local');
    const event = await page.request.post('/api/customer-events', {
      data: { customerId: customer.id, kind: 'REFUND', day: today(), note: 'refund' },
    });
    expect(event.status()).toBe(201);

    // the suggestion waits for the caller, who confirms it with a reason
    await as(page, w, w.caller);
    await page.getByRole('menuitem', { name: w.register }).click();
    const row = page.locator('tbody tr.ant-table-row', { hasText: customer.name });
    await expect(row.getByTestId('churn-evidence')).toBeVisible();
    await row.getByTestId('churn-confirm').click();
    const dialog = page.getByRole('dialog');
    await expect(dialog.getByTestId('churn-stage')).toContainText(w.stage);
    await chooseIn(page, dialog.getByTestId('churn-reason'), w.reason);
    await expectWrite(page, /\/api\/churn-cases\/[0-9a-f-]{36}\/confirm$/, () =>
      dialog.getByTestId('churn-confirm-ok').click(),
    );
    await expect(dialog).toBeHidden();
    const [churnCase] = (
      await getJson<{ items: Array<{ id: string; status: string }> }>(
        page,
        `/api/churn-cases?customerId=${customer.id}`,
      )
    ).items;
    expect(churnCase?.status).toBe('CONFIRMED');

    // the lead meets on the week: the case is there, picked for the deep dive, a decision minuted
    await as(page, w, 'lead@demo.local');
    const before = await getJson<{ meeting: { decisions: unknown[] } | null }>(page, '/api/churn/weekly');
    const n = before.meeting?.decisions.length ?? 0;
    await page.getByRole('menuitem', { name: w.weekly }).click();
    const cases = page.getByTestId('churn-cases');
    await expect(cases).toContainText(customer.name);
    await page.getByTestId(`deep-dive-${churnCase!.id}`).click();
    await expect(page.getByTestId('churn-deep-dives')).toContainText(customer.name);
    await page.getByTestId('churn-meeting-minutes').fill(`${w.stage}: ${customer.name}`);
    await page.getByTestId('churn-decision-add').click();
    await page.getByTestId(`churn-decision-${n}`).fill(w.decision);
    await expectWrite(page, /\/api\/churn\/meetings\/\d{4}-W\d{2}$/, () =>
      page.getByTestId('churn-meeting-save').click(),
    );
    await shoot(page, `weekly-${w.lang}-1440`);

    // the decision becomes a measure, drafted from it
    await page.getByTestId(`churn-decision-to-measure-${n}`).click();
    await expect(page.getByTestId('measure-title')).toHaveValue(w.decision);
    await pickOption(page, 'measure-department', '服务部');
    await pickOption(page, 'measure-owner', 'lead@demo.local');
    const deadline = page
      .getByTestId('measure-deadline')
      .locator('input')
      .or(page.getByTestId('measure-deadline'));
    await deadline.first().click();
    await deadline.first().fill('2030-12-31');
    await page.keyboard.press('Enter');
    await expectWrite(page, /\/api\/improvement-measures$/, () =>
      page.getByTestId('measure-form-ok').click(),
    );
    await expect(page).toHaveURL(/\/improvement-measures\/[0-9a-f-]{36}$/);
    const measureUrl = new URL(page.url()).pathname;
    await expect(page.getByTestId('measure-meeting')).toBeVisible();
    const after = await getJson<{
      meeting: { decisions: Array<{ text: string; measureId: string | null }> };
    }>(page, '/api/churn/weekly');
    expect(after.meeting.decisions[n]).toEqual({ text: w.decision, measureId: measureUrl.split('/').pop() });

    // the manager approves; the owner starts and completes it; the manager evaluates its effect
    await as(page, w, 'manager@demo.local');
    await page.goto(measureUrl);
    await page.getByTestId('measure-approve').click();
    await expect(page.getByTestId('measure-status')).toHaveText(w.approved);

    await as(page, w, 'lead@demo.local');
    await page.goto(measureUrl);
    await page.getByTestId('measure-start').click();
    await expect(page.getByTestId('measure-status')).toHaveText(w.inProgress);
    await page.getByTestId('measure-complete').click();
    await page.getByTestId('measure-step-ok').click();
    await expect(page.getByTestId('measure-status')).toHaveText(w.done);

    await as(page, w, 'manager@demo.local');
    await page.goto(measureUrl);
    await page.getByTestId('measure-evaluate').click();
    await page.getByTestId('measure-step-comment').fill('OK');
    await page.getByTestId('measure-step-ok').click();
    await expect(page.getByTestId('measure-status')).toHaveText(w.evaluated);
    await expect(page.getByTestId('effect-card')).toBeVisible();
    await expect(page.getByTestId('effect-windows')).toHaveText(w.days);
    await expect(page.getByTestId('measure-outcome').first()).toBeVisible();
    await shoot(page, `measure-${w.lang}-1440`);

    // back in the week, the decision opens its measure
    await page.getByTestId('measure-meeting').click();
    await page.getByTestId(`churn-decision-measure-${n}`).click();
    await expect(page).toHaveURL(new RegExp(`${measureUrl}$`));
    await page.setViewportSize({ width: 390, height: 844 });
    await shoot(page, `measure-${w.lang}-390`);
  });
}

import { expect, type Page, test } from './fixtures';
import {
  login,
  monthFromNow,
  pickOption,
  scrollToShow,
  signInEnglish,
  switchToEnglish,
  switchUser,
} from './helpers';

// Discipline and recognition by hand (docs/rules.md#r-disc-1-manual-items) and customer-abuse reports
// (docs/rules.md#r-disc-2-customer-abuse-reports). A manager adds a certificate of honour and a
// deduction with evidence on a sheet three months back (not closed: last month's sheet is
// incentives.spec's alone) and approves both; a caller reports an abusive customer from a task, the
// team lead confirms it from their queue, the customer shows flagged and the task leaves the caller's
// queue; a manager then lifts the flag (so the customer is as other specs found it).
const SHOTS = '/work/shots/disc';
const month = monthFromNow(-3);

async function getJson<T>(page: Page, url: string, params?: Record<string, string>): Promise<T> {
  const res = await page.request.get(url, { params });
  expect(res.ok(), `${url} answers ${res.status()}`).toBe(true);
  return (await res.json()) as T;
}

async function shoot(page: Page, name: string, target?: ReturnType<Page['getByTestId']>) {
  for (const [w, h] of [
    [1440, 900],
    [390, 844],
  ] as const) {
    await page.setViewportSize({ width: w, height: h });
    if (target) await scrollToShow(target.first());
    await page.screenshot({ path: `${SHOTS}/${name}-${w}.png` });
  }
  await page.setViewportSize({ width: 1280, height: 720 });
}

const T = {
  'zh-CN': {
    certificate: '荣誉证书',
    deduction: '扣除绩效奖金',
    added: '已添加，等待审批',
    sent: '已提交给您的上级',
    confirm: '确认',
    confirmed: '已确认：客户已标记，回访已暂停',
    flag: '此客户曾辱骂员工，已暂停回访',
    lifted: '已解除标记，回访恢复',
    paused: '对该客户的回访已暂停',
    nav: '客户辱骂报告',
  },
  en: {
    certificate: 'Certificate of honour',
    deduction: 'Deduction',
    added: 'Item added, waiting for approval',
    sent: 'Sent to your superior',
    confirm: 'Confirm',
    confirmed: 'Confirmed: the customer is flagged and visits are paused',
    flag: 'This customer abused staff: visits are paused',
    lifted: 'Flag lifted: visits resume',
    paused: 'Visits to this customer are paused',
    nav: 'Abuse reports',
  },
} as const;

for (const [lang, subject, caller, lead] of [
  ['zh-CN', 'caller3@demo.local', 'caller2@demo.local', 'lead@demo.local'],
  ['en', 'caller2@demo.local', 'caller5@demo.local', 'lead2@demo.local'],
] as const) {
  const txt = T[lang];
  const signIn = async (page: Page, email: string, first = false) => {
    if (lang === 'en') {
      if (first) {
        await login(page, email);
        await switchToEnglish(page);
      } else await signInEnglish(page, email);
    } else if (first) await login(page, email);
    else await switchUser(page, email);
  };

  test(`${lang}: a manager adds a certificate of honour and a deduction with evidence, and approves them`, async ({
    page,
  }) => {
    await signIn(page, 'manager@demo.local', true);
    const users = await getJson<{ items: { id: string; name: string; email: string }[] }>(
      page,
      '/api/users',
      {
        active: 'true',
      },
    );
    const person = users.items.find((u) => u.email === subject)!;
    await page.goto(`/incentives?month=${month}`);
    const row = (kind: string) =>
      page.locator(
        `[data-testid="sheet-row"][data-rule="MANUAL_ITEM"][data-kind="${kind}"][data-person="${person.name}"]`,
      );
    const before = await row('HONOUR_CERTIFICATE').count();

    // the certificate: no money, the evidence a text and the person's visit records
    await page.getByTestId('add-manual').click();
    await pickOption(page, 'manual-kind', txt.certificate);
    // the list of people is longer than the dropdown shows: search by the name first
    await page.getByTestId('manual-person').click();
    await page.keyboard.type(person.name);
    await pickOption(page, 'manual-person', person.name);
    await page
      .getByTestId('manual-reason')
      .fill(lang === 'en' ? 'Three letters of thanks from students' : '连续三个月收到学员表扬信');
    await page
      .getByTestId('manual-evidence')
      .fill(lang === 'en' ? 'Letters of 3, 12 and 20 of the month' : '学员来信三封，见附件');
    await expect(page.getByTestId('manual-amount')).toHaveCount(0);
    await shoot(page, `manual-modal-${lang}`);
    await page.getByTestId('manual-ok').click();
    await expect(page.locator('.ant-message').getByText(txt.added).first()).toBeVisible();
    await expect(row('HONOUR_CERTIFICATE')).toHaveCount(before + 1);

    // the deduction: an amount, capped with the person's other deductions
    await page.getByTestId('add-manual').click();
    await pickOption(page, 'manual-kind', txt.deduction);
    // the list of people is longer than the dropdown shows: search by the name first
    await page.getByTestId('manual-person').click();
    await page.keyboard.type(person.name);
    await pickOption(page, 'manual-person', person.name);
    await page.getByTestId('manual-amount').fill('200');
    await page
      .getByTestId('manual-reason')
      .fill(lang === 'en' ? 'Left the shift without a handover' : '未交接即离岗');
    await page.getByTestId('manual-evidence').fill(lang === 'en' ? 'Shift log of the 14th' : '14 日值班记录');
    await page.getByTestId('manual-ok').click();
    await expect(page.locator('.ant-message').getByText(txt.added).first()).toBeVisible();
    const deduction = row('DEDUCTION').last();
    await expect(deduction).toContainText('-¥200.00');
    await expect(deduction).toHaveAttribute('data-status', 'PROPOSED');

    // both pass approval, as every item does
    for (const r of [row('HONOUR_CERTIFICATE').last(), deduction]) {
      await r.getByTestId('row-approve').click();
      await expect(r).toHaveAttribute('data-status', 'APPROVED');
    }
    await row('HONOUR_CERTIFICATE').last().locator('.ant-table-row-expand-icon').click();
    await expect(page.getByTestId('item-evidence').first()).toBeVisible();
    await shoot(page, `sheet-manual-${lang}`, page.getByTestId('item-evidence'));
    // an item whose evidence links one of the person's records (of an earlier month): the record
    // opens on its task page
    const records = await getJson<{ items: { id: string; taskId: string }[] }>(page, '/api/visits', {
      callerId: person.id,
      size: '1',
    });
    const evidenced = await page.request.post('/api/incentives/manual', {
      data: {
        month,
        userId: person.id,
        kind: 'PROMOTION_RECOMMENDATION',
        reason: lang === 'en' ? 'Handled a hard complaint well' : '妥善处理疑难投诉',
        evidence: { text: lang === 'en' ? 'See the record' : '见回访记录', visitIds: [records.items[0]!.id] },
      },
    });
    expect(evidenced.status(), await evidenced.text()).toBe(201);
    await page.reload();
    await row('PROMOTION_RECOMMENDATION').last().locator('.ant-table-row-expand-icon').click();
    const linked = page.getByTestId('evidence-visits').getByRole('link');
    await expect(linked).toHaveCount(1);
    await expect(linked).toHaveAttribute('href', `/workbench/tasks/${records.items[0]!.taskId}`);
    const sheet = await getJson<{
      items: { kind: string; status: string; userId: string; evidence: unknown }[];
    }>(page, `/api/month-closes/${month}`);
    const mine = sheet.items.filter((i) => i.userId === person.id && i.evidence);
    expect(
      mine.filter((i) => i.kind === 'HONOUR_CERTIFICATE' && i.status === 'APPROVED').length,
    ).toBeGreaterThan(0);
    expect(mine.filter((i) => i.kind === 'DEDUCTION' && i.status === 'APPROVED').length).toBeGreaterThan(0);
  });

  test(`${lang}: a lead adds a warning for a member of their team from their own items page`, async ({
    page,
  }) => {
    await signIn(page, lead, true);
    const users = await getJson<{ items: { id: string; name: string; email: string }[] }>(
      page,
      '/api/users',
      {
        active: 'true',
      },
    );
    const member = users.items.find((u) => u.email === caller)!;
    await page.goto(`/incentives/mine?month=${month}`);
    await page.getByTestId('add-manual').click();
    await pickOption(page, 'manual-kind', lang === 'en' ? 'Warning' : '警告');
    await pickOption(page, 'manual-person', member.name);
    await page
      .getByTestId('manual-reason')
      .fill(lang === 'en' ? 'Late for the shift three times' : '本月三次迟到');
    await page.getByTestId('manual-evidence').fill(lang === 'en' ? 'Attendance sheet' : '考勤表');
    await page.getByTestId('manual-ok').click();
    await expect(page.locator('.ant-message').getByText(txt.added).first()).toBeVisible();
    const items = await getJson<{ items: { kind: string; status: string; userId: string }[] }>(
      page,
      `/api/incentives`,
      { month },
    );
    // the lead reads their own items only; the manager's sheet has the warning, proposed
    expect(items.items.some((i) => i.userId === member.id)).toBe(false);
    await signIn(page, 'manager@demo.local');
    const sheet = await getJson<{ items: { kind: string; status: string; userId: string }[] }>(
      page,
      `/api/month-closes/${month}`,
    );
    expect(
      sheet.items.some((i) => i.userId === member.id && i.kind === 'WARNING' && i.status === 'PROPOSED'),
    ).toBe(true);
  });

  test(`${lang}: a caller reports an abusive customer, the lead confirms, the customer shows flagged and leaves the queue`, async ({
    page,
  }) => {
    await signIn(page, caller, true);
    // the caller's task due last: no other spec works it
    let bucket = 'upcoming';
    let tasks = await getJson<{ items: { id: string; customer: { id: string; name: string } }[] }>(
      page,
      '/api/tasks',
      {
        bucket,
        size: '100',
      },
    );
    // late in a month nothing may be upcoming, and on some dates nothing due today
    for (const other of ['today', 'overdue']) {
      if (tasks.items.length > 0) break;
      bucket = other;
      tasks = await getJson(page, '/api/tasks', { bucket, size: '100' });
    }
    const task = tasks.items.at(-1)!;
    expect(task, 'the caller has an open task').toBeTruthy();
    await page.goto('/workbench');
    const count = page.getByTestId(`count-${bucket}`);
    await expect(count).not.toHaveText('0');
    const before = Number(await count.textContent());

    await page.goto(`/workbench/tasks/${task.id}`);
    await page.getByTestId('report-abuse').first().click();
    await page
      .getByTestId('abuse-account')
      .fill(
        lang === 'en' ? 'The customer shouted insults and threatened me.' : '客户在电话中辱骂并威胁回访员',
      );
    // (the visit page lays itself out anew on a phone, which would close the dialog: one width here)
    await page.screenshot({ path: `${SHOTS}/report-modal-${lang}-1280.png` });
    await page.getByTestId('abuse-report-ok').click();
    await expect(page.locator('.ant-message').getByText(txt.sent)).toBeVisible();

    // the team lead's queue
    await signIn(page, lead);
    await page.getByRole('menuitem', { name: txt.nav }).click();
    await expect(page).toHaveURL(/\/abuse-reports$/);
    const card = page
      .getByTestId('abuse-queue')
      .getByTestId('abuse-report')
      .filter({ hasText: task.customer.name });
    await expect(card).toHaveCount(1);
    await shoot(page, `queue-${lang}`, page.getByTestId('abuse-queue'));
    await card.getByTestId('abuse-decide').click();
    await page.getByTestId('abuse-decision').getByText(txt.confirm, { exact: true }).click();
    await page
      .getByTestId('abuse-decide-comment')
      .fill(lang === 'en' ? 'Heard the recording' : '已听录音核实');
    await page.getByTestId('abuse-decide-ok').click();
    await expect(page.locator('.ant-message').getByText(txt.confirmed)).toBeVisible();
    await expect(card).toHaveCount(0);

    // the customer shows flagged
    await page.goto(`/customers/${task.customer.id}`);
    await expect(page.getByTestId('abuse-flag')).toContainText(txt.flag);
    await shoot(page, `customer-flagged-${lang}`, page.getByTestId('abuse-flag'));

    // and leaves the caller's queue
    await signIn(page, caller);
    await page.goto('/workbench');
    await expect(page.getByTestId(`count-${bucket}`)).toHaveText(String(before - 1));
    const after = await getJson<{ items: { id: string }[] }>(page, '/api/tasks', { bucket, size: '100' });
    expect(after.items.map((i) => i.id)).not.toContain(task.id);
    // opened by its address, the task says why and offers no visit form
    await page.goto(`/workbench/tasks/${task.id}`);
    await expect(page.getByTestId('task-paused')).toContainText(txt.paused);
    await expect(page.getByTestId('abuse-flag')).toContainText(txt.flag);
    await expect(page.getByTestId('visit-form')).toHaveCount(0);

    // a manager lifts the flag: visits resume
    await signIn(page, 'manager@demo.local');
    await page.goto(`/customers/${task.customer.id}`);
    await page.getByTestId('abuse-lift').click();
    await page
      .getByTestId('abuse-lift-comment')
      .fill(lang === 'en' ? 'The customer apologised' : '客户已致歉');
    await page.getByTestId('abuse-lift-ok').click();
    await expect(page.locator('.ant-message').getByText(txt.lifted)).toBeVisible();
    await expect(page.getByTestId('abuse-flag')).toHaveCount(0);
  });
}

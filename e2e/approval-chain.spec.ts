import { expect, type Page, test } from './fixtures';
import { chooseIn, confirmDialog, expectWrite, login, switchToEnglish, switchUser } from './helpers';

// Approval chains (docs/rules.md#r-chain-1-chains … #r-chain-5-sign-off). Dates are pinned: each report
// travels through a fixed past month (never "last month" of the real date), and the sign-off month is
// read off the team's own records. The chains are put back to the defaults at the end of each test, so
// the other specs see the single-step chains they expect.
const SHOTS = '/work/shots/chain';
const FULL = { overview: '概况', satisfaction: '满意度分析', problems: '主要问题', suggestions: '改进建议' };
const DEFAULTS = {
  planSteps: [{ role: 'MANAGER', title: null }],
  reportSteps: [{ role: 'SUPERVISOR', title: null }],
  rollupSteps: [{ role: 'MANAGER', title: null }],
  appealDecider: { role: 'MANAGER', title: null },
};

const T = {
  'zh-CN': {
    month: '2025-06',
    manager: '管理层',
    deputy: '副主任',
    director: '主任',
    saved: '审批流程已保存',
    submit: /^提\s*交$/,
    approve: /批\s*准/,
    submitted: '待审批',
    approved: '已批准',
    dueDeputy: '等待 副主任 (管理层) 处理',
    dueDirector: '等待 主任 (管理层) 处理',
    rollup: /^确\s*定$|^OK$/,
    rollupKind: '部门汇总月报',
    signedOff: '已签署',
    sentBack: '已退回给回访专员',
    comment: '客户意见没有记录完整，请补充',
    recordSentBack: '组长退回了这条记录',
  },
  en: {
    month: '2025-05',
    manager: 'Manager',
    deputy: 'Deputy director',
    director: 'Director',
    saved: 'The approval chains were saved',
    submit: /^Submit$/,
    approve: /Approve/,
    submitted: 'Submitted',
    approved: 'Approved',
    dueDeputy: 'Waiting for Deputy director (Manager)',
    dueDirector: 'Waiting for Director (Manager)',
    rollup: /^OK$/,
    rollupKind: 'Department roll-up',
    signedOff: 'Record signed off',
    sentBack: 'Record sent back to the caller',
    comment: 'The customer’s opinions are incomplete, please add them',
    recordSentBack: 'Your lead sent this record back',
  },
} as const;

async function shoot(page: Page, name: string) {
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.screenshot({ path: `${SHOTS}/${name}-1440.png`, fullPage: false });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: `${SHOTS}/${name}-390.png`, fullPage: false });
  await page.setViewportSize({ width: 1280, height: 720 });
}

async function restoreDefaults(page: Page) {
  await switchUser(page, 'admin@demo.local');
  const { version } = await (await page.request.get('/api/approval-chains')).json();
  const res = await page.request.put('/api/approval-chains', { data: { ...DEFAULTS, version } });
  expect(res.ok(), await res.text()).toBe(true);
}

async function signIn(page: Page, email: string, lang: 'zh-CN' | 'en') {
  await switchUser(page, email);
  if (lang === 'en') await switchToEnglish(page);
}

for (const lang of ['zh-CN', 'en'] as const) {
  const txt = T[lang];
  test(`${lang}: a team report travels lead → deputy; the deputy's roll-up goes to the director`, async ({
    page,
  }) => {
    try {
      // ── the administrator sets seed 001's chain: team reports to the deputy, the roll-up to the director
      await login(page, 'admin@demo.local');
      if (lang === 'en') await switchToEnglish(page);
      await page.goto('/settings/approval-chains');
      await chooseIn(page, page.getByTestId('chain-report-0-role'), txt.manager);
      await chooseIn(page, page.getByTestId('chain-report-0-title'), txt.deputy);
      await chooseIn(page, page.getByTestId('chain-rollup-0-title'), txt.director);
      await expectWrite(page, /\/api\/approval-chains$/, () => page.getByTestId('chain-save').click());
      await expect(page.getByText(txt.saved)).toBeVisible();
      await shoot(page, `settings-${lang}`);

      // ── both teams' reports of a fixed past month: team 2's goes through by the API, team 1's by the screens
      await switchUser(page, 'lead2@demo.local');
      const r2 = await (await page.request.post('/api/reports', { data: { month: txt.month } })).json();
      await page.request.patch(`/api/reports/${r2.id}`, { data: { narrative: FULL } });
      expect((await page.request.post(`/api/reports/${r2.id}/submit`, { data: {} })).ok()).toBe(true);

      await signIn(page, 'lead@demo.local', lang);
      const made = await page.request.post('/api/reports', { data: { month: txt.month } });
      expect(made.status(), await made.text()).toBe(201);
      const r1 = (await made.json()) as { id: string };
      await page.request.patch(`/api/reports/${r1.id}`, { data: { narrative: FULL } });
      await page.goto(`/reports/${r1.id}`);
      await page.getByTestId('report-submit').click();
      await expectWrite(page, /\/submit$/, () => confirmDialog(page, txt.submit));
      await expect(page.getByTestId('report-status')).toHaveText(txt.submitted);
      await expect(page.getByTestId('chain-steps')).toContainText(txt.dueDeputy);

      // ── the director is not the step due; the deputy approves
      await signIn(page, 'manager@demo.local', lang);
      await page.goto(`/reports/${r1.id}`);
      await expect(page.getByTestId('chain-steps')).toContainText(txt.dueDeputy);
      await expect(page.getByTestId('report-approve')).toHaveCount(0);

      await signIn(page, 'deputy@demo.local', lang);
      await page.goto(`/reports/${r1.id}`);
      await shoot(page, `report-at-deputy-${lang}`);
      await page.getByTestId('report-approve').click();
      await expectWrite(page, /\/approve$/, () => confirmDialog(page, txt.approve));
      await expect(page.getByTestId('report-status')).toHaveText(txt.approved);
      expect((await page.request.post(`/api/reports/${r2.id}/approve`, { data: {} })).ok()).toBe(true);

      // ── the deputy rolls up the month from the two approved team reports
      await page.goto(`/reports?month=${txt.month}`);
      await page.getByTestId('rollup-create').click();
      await expectWrite(page, /\/api\/reports\/rollup$/, () => confirmDialog(page, txt.rollup));
      await expect(page).toHaveURL(/\/reports\/[0-9a-f-]{36}$/);
      await expect(page.getByTestId('rollup-sources')).toContainText(txt.rollupKind);
      const rollupUrl = new URL(page.url()).pathname;
      for (const s of ['overview', 'satisfaction', 'problems', 'suggestions'])
        await page.getByTestId(`narrative-${s}`).fill(`${FULL[s as keyof typeof FULL]} (${txt.month})`);
      await page.getByTestId('report-save').click();
      await page.getByTestId('report-submit').click();
      await expectWrite(page, /\/submit$/, () => confirmDialog(page, txt.submit));
      await expect(page.getByTestId('chain-steps')).toContainText(txt.dueDirector);

      // ── the director approves the roll-up
      await signIn(page, 'manager@demo.local', lang);
      await page.goto(rollupUrl);
      await page.getByTestId('report-approve').click();
      await expectWrite(page, /\/approve$/, () => confirmDialog(page, txt.approve));
      await expect(page.getByTestId('report-status')).toHaveText(txt.approved);
      await shoot(page, `rollup-approved-${lang}`);
    } finally {
      await restoreDefaults(page);
    }
  });

  test(`${lang}: a lead signs off one record and sends another back; the caller sees the comment`, async ({
    page,
  }) => {
    const lead = lang === 'zh-CN' ? 'lead@demo.local' : 'lead2@demo.local';
    await login(page, lead);
    if (lang === 'en') await switchToEnglish(page);
    // the month of the team's newest records, read off the records themselves
    const visits = (await (await page.request.get('/api/visits', { params: { size: 50 } })).json()) as {
      items: Array<{ id: string; startedAt: string }>;
    };
    let month = '';
    let items: Array<{ id: string; callerId: string }> = [];
    for (const v of visits.items) {
      const m = new Intl.DateTimeFormat('en-CA', {
        timeZone: 'Asia/Shanghai',
        year: 'numeric',
        month: '2-digit',
      })
        .format(new Date(v.startedAt))
        .slice(0, 7);
      const q = await (await page.request.get('/api/visit-sign-offs', { params: { month: m } })).json();
      if (q.items.length >= 2) {
        month = m;
        items = q.items;
        break;
      }
    }
    expect(month).not.toBe('');
    const [first, second] = items as [{ id: string; callerId: string }, { id: string; callerId: string }];
    await page.goto(`/sign-offs?month=${month}`);
    await expect(page.getByTestId('sign-off-rate')).toBeVisible();
    await shoot(page, `sign-off-queue-${lang}`);

    await expectWrite(page, /\/sign-off$/, () => page.getByTestId(`sign-off-${first.id}`).click());
    await expect(page.locator('.ant-message').getByText(txt.signedOff)).toBeVisible();
    await expect(page.getByTestId(`sign-off-${first.id}`)).toHaveCount(0);

    await page.getByTestId(`send-back-${second.id}`).click();
    await page.getByTestId('send-back-comment').fill(txt.comment);
    await expectWrite(page, /\/sign-off$/, () => page.getByTestId('send-back-ok').click());
    await expect(page.locator('.ant-message').getByText(txt.sentBack)).toBeVisible();
    await expect(page.getByTestId('sign-off-rate')).toContainText(lang === 'zh-CN' ? '已签署 1 条' : '1 of');

    // ── the caller sees the comment on the record
    const record = await (await page.request.get(`/api/visits/${second.id}`)).json();
    const callers = (await (await page.request.get('/api/users')).json()) as {
      items: Array<{ id: string; email: string }>;
    };
    const caller = callers.items.find((u) => u.id === second.callerId)!.email;
    await signIn(page, caller, lang);
    await page.goto(`/workbench/tasks/${record.taskId}`);
    await expect(page.getByTestId('record-sent-back')).toContainText(txt.recordSentBack);
    await expect(page.getByTestId('record-sent-back')).toContainText(txt.comment);
    await shoot(page, `record-sent-back-${lang}`);
  });
}

import { checkA11y, expect, type Page, test } from './fixtures';
import { login, monthFromNow, revealAll, switchToEnglish } from './helpers';

// The KPI dashboards (docs/product.md#dashboards): a caller reads their month so far (score, grade, the six
// dimensions and what is left to reach 100 %), a manager reads the KPI dashboard's charts and
// drills down to a caller, and a lead reads the team's figures in English. Read-only: the demo
// data other specs rely on is left as it is.

const bp = (v: number | null) =>
  v === null ? '--' : `${Math.floor(v / 100)}.${String(v % 100).padStart(2, '0')}%`;
const hundredths = (v: number | null) =>
  v === null ? '--' : `${Math.floor(v / 100)}.${String(v % 100).padStart(2, '0')}`;
const GRADE_ZH = { A: '优秀', B: '良好', C: '中等', D: '尚可', E: '差' } as const;
const GRADE_EN = { A: 'Excellent', B: 'Good', C: 'Average', D: 'Fair', E: 'Poor' } as const;
type Grade = keyof typeof GRADE_ZH;

interface Dimension {
  key: string;
  weight: number;
  measured: boolean;
  rateBp: number | null;
  pointsHundredths: number | null;
}

/** The chart's drawing (components/plain-chart). */
const chartSvg = (page: Page, testId: string) => page.getByTestId(testId).locator('.plain-chart');

/** Scrolls a chart into view: charts are drawn when they come near the screen (components/Staggered.tsx). */
const showChart = (page: Page, testId: string) => page.getByTestId(testId).scrollIntoViewIfNeeded();

async function getJson<T>(page: Page, url: string, params?: Record<string, string>): Promise<T> {
  const res = await page.request.get(url, { params });
  expect(res.ok(), `${url} answers ${res.status()}`).toBe(true);
  return (await res.json()) as T;
}

test('a caller sees their month so far: score, grade, the six dimensions and what is left', async ({
  page,
}) => {
  await login(page, 'caller1@demo.local');
  await page.getByRole('menuitem', { name: '我的绩效' }).click();
  await expect(page).toHaveURL(/\/kpi\/me$/);
  await expect(page.getByRole('heading', { name: '我的绩效' })).toBeVisible();

  const d = await getJson<{
    month: string;
    kpi: {
      counts: { assigned: number; done: number };
      completionBp: number | null;
      passRateBp: number | null;
      scoreHundredths: number | null;
      grade: Grade | null;
      dimensions: Dimension[];
    };
    targets: { completionBp: number };
    remaining: Record<'toFullCompletion' | 'open' | 'overdue' | 'dueToday' | 'toAvoidWarning', number>;
    days: { elapsed: number; total: number };
    trend: unknown[];
  }>(page, '/api/dashboards/caller');
  expect(d.kpi.counts.assigned).toBeGreaterThan(0);

  await expect(page.getByTestId('kpi-completion')).toContainText(bp(d.kpi.completionBp));
  await expect(page.getByTestId('kpi-completion-target')).toHaveText(`目标 ${bp(d.targets.completionBp)}`);
  await expect(page.getByTestId('kpi-completion')).toContainText(
    `已完成 ${d.kpi.counts.done} / 分配 ${d.kpi.counts.assigned}`,
  );
  await expect(page.getByTestId('kpi-pass-rate')).toContainText(bp(d.kpi.passRateBp));
  await expect(page.getByTestId('kpi-score')).toContainText(hundredths(d.kpi.scoreHundredths));
  const grade = d.kpi.grade;
  expect(grade).not.toBeNull();
  await expect(page.getByTestId('grade')).toHaveText(`${grade} · ${GRADE_ZH[grade as Grade]}`);
  await expect(page.getByTestId('days-progress')).toContainText(
    `本月第 ${d.days.elapsed} / ${d.days.total} 天`,
  );

  // the six dimensions with their weight, how each is measured, rate and points
  const table = page.getByTestId('dimensions');
  await expect(table.locator('tbody tr[data-testid^="dimension-"]')).toHaveCount(6);
  const completion = table.getByTestId('dimension-completion');
  await expect(completion).toContainText('计划完成度');
  await expect(completion).toContainText('已完成的回访任务数 ÷ 分配的回访任务数（不含已取消的任务）');
  for (const dim of d.kpi.dimensions) {
    const row = table.getByTestId(`dimension-${dim.key}`);
    await expect(row.locator('td').nth(2)).toHaveText(String(dim.weight));
    if (dim.measured) {
      await expect(row.locator('td').nth(3)).toHaveText(bp(dim.rateBp));
      await expect(row.locator('td').nth(4)).toHaveText(
        `${hundredths(dim.pointsHundredths)} / ${dim.weight}`,
      );
    } else {
      await expect(row.getByTestId('not-measured')).toHaveText('未考核（无依据）');
    }
  }
  await expect(page.getByTestId('dimensions-total')).toHaveText(hundredths(d.kpi.scoreHundredths));
  await expect(page.getByTestId('rescaled-note')).toHaveCount(
    d.kpi.dimensions.some((x) => !x.measured) ? 1 : 0,
  );

  // what is left to reach 100 %
  await expect(page.getByTestId('remaining-full')).toHaveText(String(d.remaining.toFullCompletion));
  await expect(page.getByTestId('remaining-open')).toHaveText(String(d.remaining.open));
  await expect(page.getByTestId('remaining-overdue')).toHaveText(String(d.remaining.overdue));
  // the same overdue count as the workbench's tile (left-overs of earlier months included)
  const summary = await getJson<{ overdue: number }>(page, '/api/tasks/summary', { assignee: 'me' });
  expect(d.remaining.overdue).toBe(summary.overdue);
  await expect(page.getByTestId('remaining-today')).toHaveText(String(d.remaining.dueToday));
  await expect(page.getByTestId('remaining-warning')).toHaveText(String(d.remaining.toAvoidWarning));
  if (d.remaining.toFullCompletion > 0)
    await expect(page.getByTestId('remaining-summary')).toHaveText(
      `本月还有 ${d.remaining.toFullCompletion} 个回访任务未完成。`,
    );
  await showChart(page, 'chart-score-trend');
  await expect(chartSvg(page, 'chart-score-trend')).toBeVisible();

  // a month without tasks: the empty state, and every dimension unmeasured
  await page.goto('/kpi/me?month=2020-01');
  await expect(page.getByTestId('month-empty')).toHaveText('2020-01 你没有回访任务，暂无绩效数据。');
  await expect(page.getByTestId('not-measured')).toHaveCount(6);
  await expect(page.getByTestId('grade')).toHaveText('未评级');
  await expect(page.getByTestId('chart-score-trend').getByTestId('chart-empty')).toBeVisible();
});

test('a manager reads the KPI dashboard and drills down to a caller', async ({ page }) => {
  await login(page, 'manager@demo.local');
  // the KPI dashboard is the manager's home
  await expect(page).toHaveURL(/\/kpi$/);
  await expect(page.getByRole('heading', { name: '绩效看板' })).toBeVisible();

  await expect(page.getByTestId('kpi-completion')).toBeVisible();
  // live figures say when they were computed (shared for a minute on a real server)
  await expect(page.getByTestId('figures-source')).toHaveText(/^实时 · 截至 \d{2}:\d{2}（每分钟更新）$/);

  // last month, the month of the demo's inspections, chosen with the month picker
  const month = monthFromNow(-1);
  const picker = page.getByTestId('dashboard-month');
  await picker.click();
  await picker.fill(month);
  await picker.press('Enter');
  await expect(page).toHaveURL(new RegExp(`/kpi\\?month=${month}$`));
  const d = await getJson<{
    closed: boolean;
    targets: { completionBp: number; passRateBp: number };
    callers: {
      id: string;
      name: string;
      completionBp: number | null;
      passRateBp: number | null;
      scoreHundredths: number | null;
    }[];
    trend: { month: string; completionBp: number | null }[];
    gradeDistribution: { grade: Grade; count: number }[];
    incentives: { sheetStatus: 'NONE' | 'OPEN' | 'APPROVED'; bonusFen: number; deductionFen: number };
    tickets: { onTimeBp: number | null; overdueNow: number };
    departments: { name: string; completion: { state: string } }[];
  }>(page, '/api/dashboards/manager', { month });
  const measured = d.callers.filter((c) => c.completionBp !== null);
  expect(measured.length).toBeGreaterThan(0);
  expect(d.callers.some((c) => c.passRateBp !== null)).toBe(true);
  await expect(page.getByTestId('figures-source')).toHaveText(
    d.closed ? '已结账（月结快照）' : /^实时 · 截至 \d{2}:\d{2}（每分钟更新）$/,
  );

  const org = d.trend.find((p) => p.month === month);
  await expect(page.getByTestId('kpi-completion')).toContainText(bp(org?.completionBp ?? null));
  await expect(page.getByTestId('kpi-completion-target')).toHaveText(`目标 ${bp(d.targets.completionBp)}`);
  await expect(page.getByTestId('kpi-pass-rate-target')).toHaveText(`目标 ${bp(d.targets.passRateBp)}`);
  await expect(page.getByTestId('sheet-status')).toHaveText(
    { NONE: '未结账', OPEN: '待审批', APPROVED: '已批准' }[d.incentives.sheetStatus],
  );
  await expect(page.getByTestId('open-sheet')).toHaveAttribute('href', `/incentives?month=${month}`);
  // deductions negative wherever money is shown (the sheet, its dialogs, this card)
  const yuan = (fen: number) => `¥${(fen / 100).toFixed(2).replace(/\B(?=(\d{3})+(?!\d))/g, ',')}`;
  await expect(page.getByTestId('deduction-total')).toHaveText(
    d.incentives.deductionFen ? `-${yuan(d.incentives.deductionFen)}` : '¥0.00',
  );
  await expect(page.getByTestId('kpi-tickets')).toContainText(bp(d.tickets.onTimeBp));
  await expect(page.getByTestId('tickets-overdue')).toHaveText(`当前超时 ${d.tickets.overdueNow} 个`);

  // the charts, with the target lines on the per-caller rates
  for (const chart of [
    'chart-completion',
    'chart-pass-rate',
    'chart-satisfaction-trend',
    'chart-rates-trend',
  ]) {
    await showChart(page, chart);
    await expect(chartSvg(page, chart)).toBeVisible();
  }
  await expect(page.getByTestId('chart-completion')).toContainText(`目标 ${bp(d.targets.completionBp)}`);
  await expect(page.getByTestId('chart-pass-rate')).toContainText(`目标 ${bp(d.targets.passRateBp)}`);
  const bars = page.getByTestId('chart-completion').locator('.kpi-bar-value');
  await expect(bars).toHaveCount(measured.length);
  if (d.gradeDistribution.some((g) => g.count > 0)) {
    await showChart(page, 'chart-grades');
    await expect(chartSvg(page, 'chart-grades')).toBeVisible();
    await expect(page.getByTestId('chart-grades')).toContainText('A · 优秀');
  }
  // the departments' targets as traffic lights (the tables, too, are drawn near the screen)
  await showChart(page, 'departments');
  const lights = page.getByTestId('departments').getByTestId('light-completion');
  await expect(lights).toHaveCount(d.departments.length);
  for (const [i, dep] of d.departments.entries())
    await expect(lights.nth(i)).toHaveAttribute('data-state', dep.completion.state);

  // the table of callers, by score, each opening the caller's dashboard
  const callers = page.getByTestId('callers');
  await showChart(page, 'callers');
  await expect(callers.getByTestId('caller-link')).toHaveCount(d.callers.length);
  // axe on the whole page once every part under the fold has been drawn (the fixture's own run
  // checks each page as first shown)
  await revealAll(page);
  await checkA11y(page, '/kpi with its tables and churn');

  // drill-down from the chart: a caller's bar is a button named after them and their rate
  const first = d.callers.find((c) => c.completionBp !== null);
  await page
    .getByTestId('chart-completion')
    .getByRole('button', { name: `${first?.name} 回访任务完成率 ${bp(first?.completionBp ?? null)}` })
    .click();
  await expect(page).toHaveURL(new RegExp(`/kpi/callers/${first?.id}\\?month=${month}$`));
  await expect(page.getByRole('heading', { name: `${first?.name} 的绩效` })).toBeVisible();
  await expect(page.getByTestId('dimensions').locator('tbody tr[data-testid^="dimension-"]')).toHaveCount(6);
  await expect(page.getByTestId('remaining')).toBeVisible();
  const drilled = await getJson<{ kpi: { scoreHundredths: number | null } }>(page, '/api/dashboards/caller', {
    month,
    userId: first?.id ?? '',
  });
  await expect(page.getByTestId('kpi-score')).toContainText(hundredths(drilled.kpi.scoreHundredths));

  // back to the dashboard, then from the table
  await page.getByTestId('drill-back').click();
  await expect(page).toHaveURL(new RegExp(`/kpi\\?month=${month}$`));
  const best = [...d.callers].sort((a, b) => (b.scoreHundredths ?? -1) - (a.scoreHundredths ?? -1))[0];
  await showChart(page, 'callers');
  await callers.getByTestId('caller-link').first().click();
  await expect(page).toHaveURL(new RegExp(`/kpi/callers/${best?.id}\\?month=${month}$`));
  await expect(page.getByRole('heading', { name: `${best?.name} 的绩效` })).toBeVisible();
});

test('in English, a lead reads the team figures with the callers at risk first, and a caller the dimensions', async ({
  page,
}) => {
  await login(page, 'lead@demo.local');
  await switchToEnglish(page);
  await page.getByRole('menuitem', { name: 'Team KPIs' }).click();
  await expect(page).toHaveURL(/\/kpi\/team$/);
  const d = await getJson<{
    team: { name: string };
    callers: { id: string; name: string; risks: string[]; kpi: { grade: Grade | null } }[];
  }>(page, '/api/dashboards/lead');
  await expect(page.getByRole('heading', { name: `Team KPIs · ${d.team.name}` })).toBeVisible();
  await expect(page.getByTestId('figures-as-of')).toHaveText(
    /^Live, as of \d{2}:\d{2} \(refreshed every minute\)$/,
  );
  const rows = page.getByTestId('team-callers').getByTestId('team-caller');
  await expect(rows).toHaveCount(d.callers.length);
  expect(d.callers.length).toBeGreaterThan(0);
  for (const [i, c] of d.callers.entries()) {
    await expect(rows.nth(i)).toContainText(c.name);
    await expect(rows.nth(i)).toHaveAttribute('data-at-risk', c.risks.length ? 'true' : 'false');
    if (c.kpi.grade) await expect(rows.nth(i)).toContainText(`${c.kpi.grade} · ${GRADE_EN[c.kpi.grade]}`);
  }
  const atRisk = d.callers.filter((c) => c.risks.length > 0);
  await expect(page.getByTestId('at-risk-summary')).toHaveCount(atRisk.length ? 1 : 0);
  if (atRisk.some((c) => c.risks.includes('COMPLETION')))
    await expect(page.getByTestId('risk-COMPLETION').first()).toHaveText('Warning risk (completion)');
  await showChart(page, 'chart-rates-trend');
  await expect(chartSvg(page, 'chart-rates-trend')).toBeVisible();

  // the lead drills down to a caller of the team
  await rows.first().click();
  await expect(page).toHaveURL(new RegExp(`/kpi/callers/${d.callers[0]?.id}\\?month=`));
  await expect(page.getByRole('heading', { name: `KPIs of ${d.callers[0]?.name}` })).toBeVisible();
  const completion = page.getByTestId('dimension-completion');
  await expect(completion).toContainText('Plan completion');
  await expect(completion).toContainText('tasks done ÷ tasks assigned (cancelled tasks excluded)');
  await expect(page.getByTestId('remaining')).toContainText('Left to reach 100 %');
});

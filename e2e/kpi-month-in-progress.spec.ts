import { expect, type Page, test } from './fixtures';
import { login, switchToEnglish } from './helpers';

// Issue 10 point 10, "Honest KPIs for a month in progress" (docs/rules.md#r-kpi-12-a-month-in-progress,
// #r-kpi-7-hundred-point-score, decision 012): the running month is measured on what was due so far
// and its grades are provisional; the trend's last point is partial; 0 % is drawn differently from
// no data; the drill-down explains how the 100 points were earned; a dimension without evidence is
// "not assessed" and the score says it is re-weighted. Read-only on the shared demo.

const hundredths = (v: number | null) =>
  v === null ? '--' : `${Math.floor(v / 100)}.${String(v % 100).padStart(2, '0')}`;
const bp = (v: number | null) => (v === null ? '--' : `${hundredths(v)}%`);
const DIM_ZH: Record<string, string> = {
  timeliness: '及时性',
  completion: '计划完成度',
  process: '流程规范',
  content: '内容质量',
  records: '记录完整性',
  cost: '成本控制',
};
const DIM_EN: Record<string, string> = {
  timeliness: 'Timeliness',
  completion: 'Plan completion',
  process: 'Process & norms',
  content: 'Content quality',
  records: 'Record completeness',
  cost: 'Cost control',
};

interface Dimension {
  key: string;
  weight: number;
  measured: boolean;
  rateBp: number | null;
  pointsHundredths: number | null;
}
interface CallerDashboard {
  month: string;
  phase: 'PAST' | 'RUNNING' | 'FUTURE';
  dueBefore: string | null;
  assignedInMonth: number;
  gradeBands: { A: number; B: number; C: number; D: number };
  kpi: {
    counts: { assigned: number };
    scoreHundredths: number | null;
    grade: string | null;
    dimensions: Dimension[];
    assessedWeight: number;
    pointsSumHundredths: number;
    unassessed: string[];
  };
  trend: { month: string; partial: boolean }[];
}
interface ManagerDashboard {
  month: string;
  phase: 'PAST' | 'RUNNING' | 'FUTURE';
  dueBefore: string | null;
  callers: {
    id: string;
    name: string;
    grade: string | null;
    passRateBp: number | null;
    completionBp: number | null;
    unassessed: string[];
    assessedWeight: number;
  }[];
  trend: { month: string; partial: boolean; closed: boolean }[];
}

async function getJson<T>(page: Page, url: string, params?: Record<string, string>): Promise<T> {
  const res = await page.request.get(url, { params });
  expect(res.ok(), `${url} answers ${res.status()}`).toBe(true);
  return (await res.json()) as T;
}

/** The points each assessed dimension lost, as the explanation lists them. */
const lostOf = (dims: Dimension[]) =>
  dims
    .filter((x) => x.measured && (x.pointsHundredths ?? 0) < x.weight * 100)
    .map((x) => ({ key: x.key, lost: x.weight * 100 - (x.pointsHundredths ?? 0), rate: x.rateBp }));

test('zh-CN: the running month is marked in progress, its trend point partial, and the drill-down explains the score', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await login(page, 'manager@demo.local');
  await expect(page).toHaveURL(/\/kpi$/);
  const d = await getJson<ManagerDashboard>(page, '/api/dashboards/manager');
  expect(d.phase).toBe('RUNNING');
  expect(d.dueBefore).not.toBeNull();

  // the month in progress: said so, measured on what was due before today, grades provisional
  await expect(page.getByTestId('month-phase')).toHaveText('本月进行中');
  await expect(page.getByTestId('month-in-progress')).toContainText(
    `本月进行中：按 ${d.dueBefore} 之前到期或已完成的任务计算，等级为暂定。`,
  );
  const callers = page.getByTestId('callers');
  // the table is drawn when it comes near the screen (components/Staggered.tsx)
  await callers.scrollIntoViewIfNeeded();
  await expect(callers.getByTestId('caller-link')).toHaveCount(d.callers.length);
  await expect(callers.getByTestId('grade-provisional')).toHaveCount(
    d.callers.filter((c) => c.grade !== null).length,
  );
  // a score re-weighted over the dimensions with evidence says so
  const reweighted = d.callers.filter((c) => c.unassessed.length > 0 && c.assessedWeight > 0);
  expect(reweighted.length, 'a caller without inspections this month').toBeGreaterThan(0);
  await expect(callers.getByTestId('reweighted')).toHaveCount(reweighted.length);
  await expect(callers.getByTestId('reweighted').first()).toHaveText('重新加权');

  // the trend's last point is the month in progress: partial, drawn hollow, a 进行中 line
  const last = d.trend.at(-1);
  expect(last).toMatchObject({ month: d.month, partial: true, closed: false });
  const rates = page.getByTestId('chart-rates-trend');
  // charts are drawn when they come near the screen (components/Staggered.tsx)
  await rates.scrollIntoViewIfNeeded();
  await expect(rates.locator('.kpi-partial-dot').first()).toBeVisible();
  await expect(rates).toContainText('进行中');
  await page.getByTestId('chart-satisfaction-trend').scrollIntoViewIfNeeded();
  await expect(page.getByTestId('chart-satisfaction-trend')).toContainText('进行中');

  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: '.data/shots/kpi-dashboard-zh-CN.png' });
  await rates.scrollIntoViewIfNeeded();
  await page.screenshot({ path: '.data/shots/kpi-dashboard-trend-zh-CN.png' });

  // the drill-down of a caller whose score is re-weighted: 未考核, and how the points were earned
  const who = reweighted[0]!;
  await callers.getByTestId('caller-link').filter({ hasText: who.name }).click();
  await expect(page.getByRole('heading', { name: `${who.name} 的绩效` })).toBeVisible();
  const c = await getJson<CallerDashboard>(page, '/api/dashboards/caller', { userId: who.id });
  expect(c.phase).toBe('RUNNING');
  await expect(page.getByTestId('month-in-progress')).toHaveText(
    `本月进行中：按 ${c.dueBefore} 之前到期或已完成的 ${c.kpi.counts.assigned} 个任务计算（本月共 ${c.assignedInMonth} 个），尚未到期的任务不计入；得分与等级为暂定，月结时按全月计算。`,
  );
  if (c.kpi.grade) await expect(page.getByTestId('grade-provisional')).toHaveText('暂定');
  await expect(page.getByTestId('not-measured')).toHaveCount(c.kpi.unassessed.length);
  for (const key of c.kpi.unassessed)
    await expect(page.getByTestId(`dimension-${key}`).getByTestId('not-measured')).toHaveText(
      '未考核（无依据）',
    );
  const ex = page.getByTestId('score-explanation');
  await expect(ex).toContainText('得分说明');
  await expect(page.getByTestId('explain-sum')).toHaveText(
    `已考核维度共占 ${c.kpi.assessedWeight} 分权重，合计得 ${hundredths(c.kpi.pointsSumHundredths)} 分。`,
  );
  await expect(page.getByTestId('explain-reweighted')).toHaveText(
    `${c.kpi.unassessed.map((k) => DIM_ZH[k]).join('、')} 本月没有依据（如没有抽检），不予考核：得分 = ${hundredths(c.kpi.pointsSumHundredths)} ÷ ${c.kpi.assessedWeight} × 100 = ${hundredths(c.kpi.scoreHundredths)}。`,
  );
  const lost = lostOf(c.kpi.dimensions);
  await expect(page.getByTestId('explain-lost')).toHaveText(
    lost.length
      ? `失分：${lost.map((l) => `${DIM_ZH[l.key]}扣 ${hundredths(l.lost)} 分（得分率 ${bp(l.rate)}）`).join('、')}。`
      : '各已考核维度均得满分。',
  );
  await expect(page.getByTestId('explain-targets')).toContainText('同一张奖惩表上可以同时出现等级奖金和扣款');
  await page.getByTestId('chart-score-trend').scrollIntoViewIfNeeded();
  await expect(page.getByTestId('chart-score-trend').locator('.kpi-partial-dot')).toHaveCount(1);
  await ex.scrollIntoViewIfNeeded();
  await page.screenshot({ path: '.data/shots/kpi-drilldown-zh-CN.png' });
});

test('zh-CN: a rate of 0 % is drawn as a red stub on the axis, a caller with no data as a grey dashed placeholder', async ({
  page,
}) => {
  await login(page, 'manager@demo.local');
  await expect(page).toHaveURL(/\/kpi$/);
  // the demo's figures with one caller at 0 % and one without inspections, as the chart receives them
  await page.route('**/api/dashboards/manager*', async (route) => {
    const res = await route.fetch();
    const body = (await res.json()) as ManagerDashboard;
    body.callers = body.callers.map((c, i) => ({
      ...c,
      passRateBp: i === 0 ? 0 : i === 1 ? null : 9000,
    }));
    await route.fulfill({ response: res, json: body });
  });
  await page.reload();
  const chart = page.getByTestId('chart-pass-rate');
  await chart.scrollIntoViewIfNeeded();
  // 0 %: a short red stub on the axis; no data: a grey dashed placeholder labelled 无数据
  const zero = chart.locator('.kpi-bar-zero');
  await expect(zero).toHaveCount(1);
  await expect(zero).toHaveCSS('background-color', 'rgb(207, 19, 34)');
  const placeholder = chart.locator('.kpi-bar-nodata');
  await expect(placeholder).toHaveCount(1);
  await expect(placeholder).toHaveText('无数据');
  await expect(placeholder).toHaveCSS('border-top-style', 'dashed');
  // the bars of measured rates are the other callers' (the 0 % one draws none)
  const n = (await getJson<ManagerDashboard>(page, '/api/dashboards/manager')).callers.length;
  await expect(chart.locator('.kpi-bar-value')).toHaveCount(n - 2);
  // pointing at a caller's bar tells the figure; the bar is a button that opens their dashboard
  const body = (await getJson<ManagerDashboard>(page, '/api/dashboards/manager')).callers;
  const none = chart.getByRole('button', { name: `${body[1]!.name} 回访质量合格率 无数据` });
  await none.hover();
  await expect(chart.locator('.pc-tooltip')).toHaveText(`${body[1]!.name}回访质量合格率: 无数据`);
  await chart.screenshot({ path: '.data/shots/kpi-zero-vs-no-data-zh-CN.png' });
  await none.click();
  await expect(page).toHaveURL(new RegExp(`/kpi/callers/${body[1]!.id}\\?month=`));
  await page.unroute('**/api/dashboards/manager*');
});

test('in English, a caller reads their month in progress, the not-assessed dimensions and the explanation', async ({
  page,
}) => {
  await login(page, 'caller1@demo.local');
  await switchToEnglish(page);
  await page.goto('/kpi/me');
  await expect(page.getByRole('heading', { name: 'My KPIs' })).toBeVisible();
  const c = await getJson<CallerDashboard>(page, '/api/dashboards/caller');
  expect(c.phase).toBe('RUNNING');
  await expect(page.getByTestId('month-in-progress')).toHaveText(
    `Month in progress: measured on the ${c.kpi.counts.assigned} tasks due before ${c.dueBefore} or already finished (${c.assignedInMonth} in the whole month); tasks not due yet do not count. Score and grade are provisional; the month close counts the whole month.`,
  );
  if (c.kpi.grade) await expect(page.getByTestId('grade-provisional')).toHaveText('Provisional');
  await expect(page.getByTestId('not-measured')).toHaveCount(c.kpi.unassessed.length);
  if (c.kpi.unassessed.length)
    await expect(page.getByTestId('not-measured').first()).toHaveText('Not assessed (no evidence)');
  await expect(page.getByTestId('score-explanation')).toContainText('How the score was earned');
  if (c.kpi.scoreHundredths !== null) {
    await expect(page.getByTestId('explain-sum')).toHaveText(
      `The assessed dimensions carry ${c.kpi.assessedWeight} of the 100 points and earned ${hundredths(c.kpi.pointsSumHundredths)}.`,
    );
    if (c.kpi.unassessed.length && c.kpi.assessedWeight > 0)
      await expect(page.getByTestId('explain-reweighted')).toHaveText(
        `${c.kpi.unassessed.map((k) => DIM_EN[k]).join(', ')}: no evidence this month (no spot check, for instance), not assessed: score = ${hundredths(c.kpi.pointsSumHundredths)} ÷ ${c.kpi.assessedWeight} × 100 = ${hundredths(c.kpi.scoreHundredths)}.`,
      );
    else
      await expect(page.getByTestId('explain-full')).toHaveText(
        `All six dimensions assessed: score = the sum of their points = ${hundredths(c.kpi.scoreHundredths)}.`,
      );
  }
  // the trend's last point is partial: hollow, with an "In progress" line
  expect(c.trend.at(-1)).toMatchObject({ month: c.month, partial: true });
  await page.getByTestId('chart-rates-trend').scrollIntoViewIfNeeded();
  await expect(page.getByTestId('chart-rates-trend')).toContainText('In progress');
  await expect(page.getByTestId('chart-rates-trend').locator('.kpi-partial-dot').first()).toBeVisible();
});

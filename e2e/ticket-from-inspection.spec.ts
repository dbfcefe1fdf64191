import { expect, test } from './fixtures';
import { login } from './helpers';

test('a supervisor raises a ticket from a failed inspection: routed to 监督部, answered there with the conduct finding', async ({
  page,
}) => {
  await login(page, 'supervisor@demo.local');
  const list = await page.request.get('/api/inspections', {
    params: { status: 'SUBMITTED', passed: 'false', size: '50' },
  });
  expect(list.ok()).toBe(true);
  const items = (await list.json()).items as Array<{
    id: string;
    findings: string[];
    customer: { name: string };
    caller: { name: string };
  }>;
  const failed = items.find((i) => i.findings.includes('ATTITUDE'));
  expect(failed, 'the demo data holds an inspection failed on attitude').toBeTruthy();
  if (!failed) return;

  // the inspection workspace: the result panel offers 创建问题工单
  await page.goto(`/inspections/${failed.id}`);
  await expect(page.getByTestId('result-panel')).toBeVisible();
  await page.getByTestId('result-create-ticket').click();
  await expect(page).toHaveURL(new RegExp(`/tickets/new\\?inspectionId=${failed.id}$`));
  await expect(page.getByRole('heading', { name: '新建工单' })).toBeVisible();

  // prefilled from the inspection: its customer and caller, category 回访专员行为 (CALLER_CONDUCT)
  const source = page.getByTestId('create-inspection');
  await expect(source).toContainText(failed.customer.name);
  await expect(source).toContainText(failed.caller.name);
  await expect(source).toContainText('不合格');
  await expect(source).toContainText('服务态度差');
  await expect(page.getByTestId('create-category')).toContainText('回访专员行为');
  const title = `回访专员服务态度问题 ${Date.now() % 100000}`;
  await page.getByTestId('create-title').fill(title);
  await expect(page.getByTestId('create-description')).not.toHaveValue('');
  await page.getByTestId('create-submit').click();

  // the ticket page: routed to the supervision department, about the inspected record's customer
  await expect(page).toHaveURL(/\/tickets\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId('ticket-heading')).toContainText(title);
  await expect(page.getByTestId('ticket-timeline')).toContainText('派发至 监督部');
  const ticketId = page.url().split('/').pop() ?? '';
  const res = await page.request.get(`/api/tickets/${ticketId}`);
  expect(res.ok()).toBe(true);
  const ticket = await res.json();
  expect(ticket.sourceInspectionId).toBe(failed.id);
  expect(ticket.sourceVisitId).toBeNull();
  expect(ticket.category).toBe('CALLER_CONDUCT');
  expect(ticket.department.name).toBe('监督部');
  expect(ticket.customer.name).toBe(failed.customer.name);
  await expect(page.getByTestId('conduct-finding')).toHaveText('待核实');

  // 监督部 answers it: the supervisor starts it and must say whether the complaint is confirmed
  await page.getByTestId('ticket-start').click();
  // the page settles on the started ticket (its timeline refetched) before the answer is opened
  await expect(page.getByTestId('ticket-timeline')).toContainText('开始处理');
  const dialog = page.locator('.ant-modal:visible');
  await expect(async () => {
    if ((await dialog.count()) === 0) await page.getByTestId('ticket-respond').click({ timeout: 3000 });
    await expect(dialog).toBeVisible({ timeout: 3000 });
  }).toPass();
  await page.getByTestId('respond-action').fill('已调听录音，约谈回访专员并安排话术复训');
  await page.getByTestId('respond-root-cause').fill('专员对投诉客户缺乏耐心，未按话术安抚');
  await page.getByTestId('dialog-ok').click();
  await expect(page.getByText('请选择核实结果')).toBeVisible();
  await page.getByTestId('respond-conduct').getByText('属实', { exact: true }).click();
  await page.getByTestId('dialog-ok').click();
  await expect(page.locator('.ant-modal:visible')).toHaveCount(0);
  await expect(page.getByTestId('conduct-finding')).toHaveText('属实');
  await expect(page.getByTestId('ticket-timeline')).toContainText('投诉核实结果: 属实');
  const answered = await (await page.request.get(`/api/tickets/${ticketId}`)).json();
  expect(answered).toMatchObject({ status: 'RESPONDED', conductConfirmed: true });
});

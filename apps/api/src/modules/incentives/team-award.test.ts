import { describe, expect, it } from 'vitest';
import { fixtureBase, setupTestApp } from '../../../test/helper.ts';

// The quarterly team award end to end: 回访部 meets all three targets (completion 100 %, pass rate
// ≥ 95 %, satisfaction ≥ 4.50) in July, August and September 2022; closing September proposes
// the award for the department (its head receives it) — whether the earlier months were closed
// (snapshots) or not (computed then). A quarter with one month missed proposes nothing.
describe('the quarterly team award', async () => {
  const t = await setupTestApp();
  const fx = await fixtureBase(t.prisma, 12);
  const { users } = fx;
  const org = { id: fx.orgId };
  const { rubric, customers } = fx;
  let c = 0;

  /** One task of caller1 due and done on the 10th, its record (satisfaction `sat`), inspected and passed. */
  async function perfectMonth(month: string, sat: number) {
    const day = new Date(`${month}-10T00:00:00Z`);
    const task = await t.prisma.task.create({
      data: {
        organizationId: org.id,
        customerId: customers[c++]!.id,
        assigneeId: users.caller1!,
        purpose: 'team award fixture',
        channel: 'PHONE',
        windowFrom: day,
        windowTo: day,
        dueDate: day,
        status: 'DONE',
        doneAt: new Date(`${month}-10T02:00:00Z`),
      },
    });
    const visit = await t.prisma.visitRecord.create({
      data: {
        organizationId: org.id,
        taskId: task.id,
        callerId: task.assigneeId,
        customerId: task.customerId,
        startedAt: new Date(`${month}-10T01:50:00Z`),
        channel: 'PHONE',
        outcome: 'COMPLETED',
        satisfaction: sat,
        original: {},
      },
    });
    await t.prisma.inspection.create({
      data: {
        organizationId: org.id,
        visitId: visit.id,
        callerId: task.assigneeId,
        inspectorId: users.supervisor!,
        status: 'SUBMITTED',
        rubricId: rubric.id,
        rubricVersion: rubric.version,
        rubricSnapshot: rubric.criteria ?? [],
        total: 95,
        criticalFailed: false,
        passed: true,
        effectivePassed: true,
        submittedAt: new Date(`${month}-20T02:00:00Z`),
      },
    });
  }
  const close = async (month: string) => {
    const res = await t.as('manager@demo.local', {
      method: 'POST',
      url: '/api/month-closes',
      payload: { month },
    });
    expect(res.statusCode, res.body).toBe(200);
    return res.json().items as Array<{
      rule: string;
      userId: string;
      departmentName: string;
      amountFen: number;
      figures: Record<string, unknown>;
    }>;
  };

  it('is proposed at the quarter’s end when every month met all three targets', async () => {
    for (const m of ['2022-07', '2022-08', '2022-09']) await perfectMonth(m, 5);
    // August closed, July not: both ways of reading an earlier month
    expect((await close('2022-08')).some((i) => i.rule === 'TEAM_AWARD')).toBe(false);
    const items = await close('2022-09');
    const award = items.filter((i) => i.rule === 'TEAM_AWARD');
    expect(award).toHaveLength(1);
    expect(award[0]).toMatchObject({
      userId: users.lead,
      departmentName: '回访部',
      amountFen: 300000,
      figures: { quarter: '2022-Q3', completionBp: 10000, passRateBp: 10000, satisfactionHundredths: 500 },
    });
    expect(items.some((i) => i.rule === 'HEAD_REVIEW')).toBe(false);
  });

  it('is not proposed when one month of the quarter missed a target', async () => {
    await perfectMonth('2022-10', 5);
    await perfectMonth('2022-11', 4); // satisfaction 4.00 < 4.50
    await perfectMonth('2022-12', 5);
    const items = await close('2022-12');
    expect(items.some((i) => i.rule === 'TEAM_AWARD')).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { fixtureBase, setupTestApp } from '../../../test/helper.ts';

// The quarterly team award end to end (docs/rules.md#r-inc-9-quarterly-team-award): 回访部 is
// judged on the quarter as a whole — its three months' counts summed — on completion (100 %), pass
// rate (95 %) and the satisfaction improvement rate: the quarter's mean over the previous
// quarter's, at least +5 % (the policy's teamAwardMinImprovementBp). Closing the quarter's last
// month proposes the award for the department (its head receives it) — whether the earlier months
// were closed (snapshots) or not (computed then).
describe('the quarterly team award', async () => {
  const t = await setupTestApp();
  const fx = await fixtureBase(t.prisma, 60);
  const { users } = fx;
  const org = { id: fx.orgId };
  const { rubric, customers } = fx;
  let c = 0;

  /**
   * A month of caller1: one task per rating in `sats`, each due and done on the 10th, its record
   * rated, inspected — the first `failed` inspections failed, the others passed.
   */
  async function month(m: string, sats: number[], failed = 0) {
    const day = new Date(`${m}-10T00:00:00Z`);
    for (const [n, sat] of sats.entries()) {
      const task = await t.prisma.task.create({
        data: {
          organizationId: org.id,
          customerId: customers[c++ % customers.length]!.id,
          assigneeId: users.caller1!,
          purpose: 'team award fixture',
          channel: 'PHONE',
          windowFrom: day,
          windowTo: day,
          dueDate: day,
          status: 'DONE',
          doneAt: new Date(`${m}-10T02:00:00Z`),
        },
      });
      const visit = await t.prisma.visitRecord.create({
        data: {
          organizationId: org.id,
          taskId: task.id,
          callerId: task.assigneeId,
          customerId: task.customerId,
          startedAt: new Date(`${m}-10T01:50:00Z`),
          channel: 'PHONE',
          outcome: 'COMPLETED',
          satisfaction: sat,
          original: {},
        },
      });
      const passed = n >= failed;
      await t.prisma.inspection.create({
        data: {
          organizationId: org.id,
          visitId: visit.id,
          visitStartedAt: visit.startedAt,
          callerId: task.assigneeId,
          inspectorId: users.supervisor!,
          status: 'SUBMITTED',
          rubricId: rubric.id,
          rubricVersion: rubric.version,
          rubricSnapshot: rubric.criteria ?? [],
          total: passed ? 95 : 60,
          criticalFailed: false,
          passed,
          effectivePassed: passed,
          submittedAt: new Date(`${m}-20T02:00:00Z`),
        },
      });
    }
  }
  const close = async (m: string) => {
    const res = await t.as('manager@demo.local', {
      method: 'POST',
      url: '/api/month-closes',
      payload: { month: m },
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
  const award = (items: Awaited<ReturnType<typeof close>>) => items.filter((i) => i.rule === 'TEAM_AWARD');

  it('is proposed when the quarter met completion and pass rate and satisfaction rose ≥ 5 % over the last quarter', async () => {
    // Q2 2022: satisfaction 4.00; Q3 2022: 5.00 (+25 %), everything done and passed
    for (const m of ['2022-04', '2022-05', '2022-06']) await month(m, [4]);
    for (const m of ['2022-07', '2022-08', '2022-09']) await month(m, [5]);
    // August closed, July not: both ways of reading an earlier month
    expect(award(await close('2022-08'))).toEqual([]);
    const items = await close('2022-09');
    expect(award(items)).toHaveLength(1);
    expect(award(items)[0]).toMatchObject({
      userId: users.lead,
      departmentName: '回访部',
      amountFen: 300000,
      figures: {
        quarter: '2022-Q3',
        assigned: 3,
        done: 3,
        completionBp: 10000,
        inspected: 3,
        passed: 3,
        passRateBp: 10000,
        satisfactionHundredths: 500,
        prevQuarterSatisfactionHundredths: 400,
        satisfactionChangeBp: 2500,
        minImprovementBp: 500,
      },
    });
    expect(items.some((i) => i.rule === 'HEAD_REVIEW')).toBe(false);
  });

  it('is not proposed when satisfaction did not improve, though every month met all three monthly targets', async () => {
    // Q4 2022: 5.00 again — each month at 100 %, 100 % and 5.00 ≥ 4.50, but +0 % over Q3
    for (const m of ['2022-10', '2022-11', '2022-12']) await month(m, [5]);
    expect(award(await close('2022-12'))).toEqual([]);
  });

  it('is proposed when one month missed the pass-rate target and another the satisfaction level, but the quarter met', async () => {
    // Q1 2023: 4.00, the baseline (no award: satisfaction fell)
    for (const m of ['2023-01', '2023-02', '2023-03']) await month(m, [4]);
    expect(award(await close('2023-03'))).toEqual([]);
    // Q2 2023: April 9 of 10 passed (90 % < 95 %); June's mean 4.00 < 4.50. The quarter: 30 of 30
    // done, 29 of 30 passed (96.67 %), mean 140 / 30 = 4.67 (+16.67 % over 4.00)
    await month('2023-04', Array(10).fill(5), 1);
    await month('2023-05', Array(10).fill(5));
    await month('2023-06', Array(10).fill(4));
    const items = award(await close('2023-06'));
    expect(items).toHaveLength(1);
    expect(items[0]?.figures).toMatchObject({
      quarter: '2023-Q2',
      assigned: 30,
      done: 30,
      inspected: 30,
      passed: 29,
      passRateBp: 9667,
      satisfactionHundredths: 467,
      prevQuarterSatisfactionHundredths: 400,
      satisfactionChangeBp: 1667,
    });
  });

  it('is not proposed when the quarter as a whole is under the pass-rate target', async () => {
    // Q3 2023 against Q2's 4.67: two failed of 30 → 93.33 %
    await month('2023-07', Array(10).fill(5), 2);
    await month('2023-08', Array(10).fill(5));
    await month('2023-09', Array(10).fill(5));
    expect(award(await close('2023-09'))).toEqual([]);
  });
});

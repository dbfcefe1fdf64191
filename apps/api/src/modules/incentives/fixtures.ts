// Test fixtures of the KPI and month-close tests: April and May 2022 (Asia/Shanghai), far from
// the demo data, with every figure and item worked out by hand in the tests:
//
// caller1 (team 1): May — 4 tasks done on their due day (one at 23:30 on 31 May), records with
//   satisfaction 5, 5, 4, 4 (4.50, after 4.00 in April: +12.5 %), 2 inspections passed, an approved
//   expense of ¥3 → score 100, grade A → 月度优秀回访员 and the A bonus.
// caller2 (team 1): May — 10 tasks: 8 done (one due 31 May done at 00:30 on 1 June: late),
//   1 pending, 1 cancelled → 8 / 9 done, 7 on time; satisfaction 3 × 8; 2 inspections, one failed
//   with an appeal pending → pass rate 50 %: warning, retraining, a day's pay; score 84.17 → B.
// caller4 (team 2): May — 2 tasks done, satisfaction 5, 5; one inspection passed but finding the
//   record INCOMPLETE; a CALLER_CONDUCT ticket confirmed against them → score 95 → A; deduction
//   and public criticism.
// 回访部 (head: lead@): May completion 14 / 15 misses the target; April met its visit task target
//   (2 / 2) and missed only satisfaction (4.00 < 4.50) → no written review for the head
//   (docs/rules.md#r-inc-8-department-head-written-review); close.test.ts adds an April task left
//   undone to make two months running.
import { fixtureBase } from '../../../test/helper.ts';
import type { PrismaClient } from '../../db/prisma.ts';

export const PREV = '2022-04';
export const MONTH = '2022-05';
const day = (d: string) => new Date(`${d}T00:00:00.000Z`);
const at = (iso: string) => new Date(iso);
/** 10:00 in Shanghai on a day */
const tenAm = (d: string) => at(`${d}T02:00:00Z`);

export async function kpiFixtures(prisma: PrismaClient) {
  const { users, orgId, rubric, customers } = await fixtureBase(prisma, 30);
  const org = { id: orgId };
  const supervisionDept = await prisma.department.findFirstOrThrow({ where: { kind: 'SUPERVISION' } });
  let c = 0;
  const customerId = () => customers[c++ % customers.length]!.id;

  async function task(assignee: string, due: string, status: string, doneAt: Date | null) {
    return prisma.task.create({
      data: {
        organizationId: org.id,
        customerId: customerId(),
        assigneeId: users[assignee]!,
        purpose: 'kpi fixture',
        channel: 'PHONE',
        windowFrom: day(due),
        windowTo: day(due),
        dueDate: day(due),
        status: status as 'DONE',
        doneAt,
      },
    });
  }
  async function visit(taskId: string, caller: string, startedAt: Date, satisfaction: number) {
    const t = await prisma.task.findUniqueOrThrow({ where: { id: taskId } });
    return prisma.visitRecord.create({
      data: {
        organizationId: org.id,
        taskId,
        callerId: users[caller]!,
        customerId: t.customerId,
        startedAt,
        channel: 'PHONE',
        outcome: 'COMPLETED',
        satisfaction,
        original: {},
      },
    });
  }
  /** A task done at `doneAt` with its completed record started ten minutes before. */
  async function done(caller: string, due: string, doneAt: Date, sat: number, startedAt?: Date) {
    const t = await task(caller, due, 'DONE', doneAt);
    const v = await visit(t.id, caller, startedAt ?? new Date(doneAt.getTime() - 600_000), sat);
    return { task: t, visit: v };
  }
  async function inspection(visitId: string, caller: string, passed: boolean, findings: string[] = []) {
    const { startedAt } = await prisma.visitRecord.findUniqueOrThrow({ where: { id: visitId } });
    return prisma.inspection.create({
      data: {
        organizationId: org.id,
        visitId,
        visitStartedAt: startedAt,
        callerId: users[caller]!,
        inspectorId: users.supervisor!,
        status: 'SUBMITTED',
        rubricId: rubric.id,
        rubricVersion: rubric.version,
        rubricSnapshot: rubric.criteria ?? [],
        findings,
        total: passed ? 90 : 60,
        criticalFailed: false,
        passed,
        effectivePassed: passed,
        submittedAt: at('2022-06-02T02:00:00Z'),
      },
    });
  }

  // April: caller1's two visits, satisfaction 4 and 4.
  await done('caller1', '2022-04-10', tenAm('2022-04-10'), 4);
  await done('caller1', '2022-04-11', tenAm('2022-04-11'), 4);

  // caller1, May
  const c1a = await done('caller1', '2022-05-02', tenAm('2022-05-02'), 5);
  const c1b = await done('caller1', '2022-05-10', tenAm('2022-05-10'), 5);
  await done('caller1', '2022-05-20', tenAm('2022-05-20'), 4);
  // due 31 May, done 23:30 that evening in Shanghai: on time
  await done('caller1', '2022-05-31', at('2022-05-31T15:30:00Z'), 4);
  await inspection(c1a.visit.id, 'caller1', true);
  await inspection(c1b.visit.id, 'caller1', true);
  await prisma.visitExpense.create({
    data: {
      organizationId: org.id,
      visitId: c1a.visit.id,
      callerId: users.caller1!,
      amountFen: 300,
      receiptRef: 'FP-2022-0001',
      status: 'APPROVED',
      decidedById: users.lead,
      decidedAt: tenAm('2022-05-03'),
    },
  });

  // caller2, May
  const c2: { visit: { id: string } }[] = [];
  for (const d of ['03', '04', '05', '06', '07', '08', '09']) {
    c2.push(await done('caller2', `2022-05-${d}`, tenAm(`2022-05-${d}`), 3));
  }
  // due 31 May, record started 23:50 that evening, done 00:30 on 1 June: late, but May's record
  await done('caller2', '2022-05-31', at('2022-05-31T16:30:00Z'), 3, at('2022-05-31T15:50:00Z'));
  const open = await task('caller2', '2022-05-25', 'PENDING', null);
  await task('caller2', '2022-05-26', 'CANCELLED', null);
  await inspection(c2[0]!.visit.id, 'caller2', true);
  const failed = await inspection(c2[1]!.visit.id, 'caller2', false, ['ATTITUDE']);
  const appeal = await prisma.inspectionAppeal.create({
    data: { inspectionId: failed.id, callerId: users.caller2!, reason: '客户当时情绪激动，我的回应符合话术' },
  });

  // caller4, May
  const c4 = await done('caller4', '2022-05-12', tenAm('2022-05-12'), 5);
  await done('caller4', '2022-05-13', tenAm('2022-05-13'), 5);
  await inspection(c4.visit.id, 'caller4', true, ['INCOMPLETE']);
  const conduct = await prisma.issueTicket.create({
    data: {
      organizationId: org.id,
      number: 91001,
      customerId: customerId(),
      callerId: users.caller4!,
      subjectUserId: users.caller4!,
      raisedById: users.supervisor!,
      category: 'CALLER_CONDUCT',
      severity: 'HIGH',
      departmentId: supervisionDept.id,
      title: '客户投诉回访专员态度',
      description: 'fixture',
      status: 'CLOSED',
      createdAt: tenAm('2022-05-15'),
      dueAt: tenAm('2022-05-16'),
      respondedAt: tenAm('2022-05-20'),
      closedAt: tenAm('2022-05-21'),
      conductConfirmed: true,
      conductDecidedAt: tenAm('2022-05-20'),
    },
  });

  return {
    users,
    orgId: org.id,
    openTaskId: open.id,
    appealId: appeal.id,
    failedInspectionId: failed.id,
    conductTicketId: conduct.id,
  };
}

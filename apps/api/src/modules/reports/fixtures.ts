// Test fixtures of the report tests: tasks, records, inspections and tickets in 2021-03
// (Asia/Shanghai), far from the demo data, with figures worked out by hand in reports.test.ts.
import { fixtureBase } from '../../../test/helper.ts';
import type { PrismaClient } from '../../db/prisma.ts';

export const FIXTURE_MONTH = '2021-03';
const day = (d: string) => new Date(`${d}T00:00:00.000Z`);
const at = (iso: string) => new Date(iso);

export async function reportFixtures(prisma: PrismaClient) {
  const { users, orgId, rubric, customers } = await fixtureBase(prisma, 20);
  const org = { id: orgId };
  const dept = await prisma.department.findFirstOrThrow({ where: { kind: 'TEACHING' } });
  let c = 0;
  const customerId = () => customers[c++ % customers.length]!.id;

  async function task(assignee: string, due: string, status: string) {
    return prisma.task.create({
      data: {
        organizationId: org.id,
        customerId: status === 'PENDING' ? customers[19]!.id : customerId(),
        assigneeId: users[assignee]!,
        purpose: 'fixture',
        channel: 'PHONE',
        windowFrom: day(due),
        windowTo: day(due),
        dueDate: day(due),
        status: status as 'DONE',
      },
    });
  }
  async function record(
    taskId: string,
    caller: string,
    startedAt: string,
    outcome: string,
    satisfaction: number | null,
  ) {
    const t = await prisma.task.findUniqueOrThrow({ where: { id: taskId } });
    return prisma.visitRecord.create({
      data: {
        organizationId: org.id,
        taskId,
        callerId: users[caller]!,
        customerId: t.customerId,
        startedAt: at(startedAt),
        channel: 'PHONE',
        outcome: outcome as 'COMPLETED',
        satisfaction,
        original: {},
      },
    });
  }
  async function inspection(
    visitId: string,
    caller: string,
    o: { status: string; passed?: boolean; effective?: boolean; findings?: string[] },
  ) {
    const { startedAt } = await prisma.visitRecord.findUniqueOrThrow({ where: { id: visitId } });
    return prisma.inspection.create({
      data: {
        organizationId: org.id,
        visitId,
        visitStartedAt: startedAt,
        callerId: users[caller]!,
        inspectorId: users.supervisor!,
        status: o.status as 'SUBMITTED',
        rubricId: rubric.id,
        rubricVersion: rubric.version,
        rubricSnapshot: rubric.criteria ?? [],
        findings: o.findings ?? [],
        passed: o.passed ?? null,
        effectivePassed: o.effective ?? null,
        submittedAt: o.status === 'SUBMITTED' ? at('2021-04-02T02:00:00Z') : null,
      },
    });
  }
  let n = 90000;
  async function ticket(o: {
    category: string;
    caller: string;
    createdAt: string;
    dueAt: string;
    status: string;
    respondedAt?: string;
    closedAt?: string;
    pausedAt?: string;
    reopenCount?: number;
  }) {
    return prisma.issueTicket.create({
      data: {
        organizationId: org.id,
        number: n++,
        customerId: customerId(),
        callerId: users[o.caller]!,
        raisedById: users[o.caller]!,
        category: o.category as 'TEACHING',
        severity: 'HIGH',
        departmentId: dept.id,
        title: 'fixture',
        description: 'fixture',
        status: o.status as 'OPEN',
        createdAt: at(o.createdAt),
        dueAt: at(o.dueAt),
        respondedAt: o.respondedAt ? at(o.respondedAt) : null,
        closedAt: o.closedAt ? at(o.closedAt) : null,
        pausedAt: o.pausedAt ? at(o.pausedAt) : null,
        reopenCount: o.reopenCount ?? 0,
      },
    });
  }

  // Tasks. Team 1 (caller1–3): assigned 6 (cancelled left out), done 5 (DONE or UNREACHABLE).
  const c1 = [
    await task('caller1', '2021-03-01', 'DONE'),
    await task('caller1', '2021-03-10', 'DONE'),
    await task('caller1', '2021-03-11', 'DONE'),
    await task('caller1', '2021-03-12', 'UNREACHABLE'),
    await task('caller1', '2021-03-13', 'CANCELLED'),
    await task('caller1', '2021-03-31', 'PENDING'),
  ];
  const c1April = await task('caller1', '2021-04-01', 'DONE');
  const c2 = [await task('caller2', '2021-03-15', 'DONE'), await task('caller2', '2021-03-16', 'CANCELLED')];
  const c4 = [await task('caller4', '2021-03-15', 'DONE'), await task('caller4', '2021-03-16', 'DONE')];

  // Records. 2021-02-28T16:30Z is 03-01 00:30 in Shanghai (in); 2021-03-31T16:30Z is 04-01 (out).
  const r5 = await record(c1[0]!.id, 'caller1', '2021-02-28T16:30:00Z', 'COMPLETED', 5);
  const r4a = await record(c1[1]!.id, 'caller1', '2021-03-10T02:00:00Z', 'COMPLETED', 4);
  const r4b = await record(c1[2]!.id, 'caller1', '2021-03-11T02:00:00Z', 'COMPLETED', 4);
  await record(c1[3]!.id, 'caller1', '2021-03-12T02:00:00Z', 'NO_ANSWER', null);
  const rApril = await record(c1April.id, 'caller1', '2021-03-31T16:30:00Z', 'COMPLETED', 1);
  const r2 = await record(c2[0]!.id, 'caller2', '2021-03-15T02:00:00Z', 'COMPLETED', 2);
  const r3 = await record(c4[0]!.id, 'caller4', '2021-03-15T02:00:00Z', 'COMPLETED', 3);

  // Inspections: team 1 submitted 3, effectively passed 2 (one overturned on appeal).
  await inspection(r5.id, 'caller1', { status: 'SUBMITTED', passed: true, effective: true });
  await inspection(r4a.id, 'caller1', {
    status: 'SUBMITTED',
    passed: false,
    effective: true,
    findings: ['LATE'],
  });
  await inspection(r4b.id, 'caller1', { status: 'PENDING' });
  await inspection(r2.id, 'caller2', {
    status: 'SUBMITTED',
    passed: false,
    effective: false,
    findings: ['ATTITUDE', 'LATE'],
  });
  await inspection(rApril.id, 'caller1', {
    status: 'SUBMITTED',
    passed: false,
    effective: false,
    findings: ['FABRICATED'],
  });
  await inspection(r3.id, 'caller4', {
    status: 'SUBMITTED',
    passed: true,
    effective: true,
    findings: ['INCOMPLETE'],
  });

  // Tickets of team 1: created 4, closed 2, responded on time 2 and late 1, overdue 1, reopened 1.
  await ticket({
    category: 'TEACHING',
    caller: 'caller1',
    createdAt: '2021-03-02T02:00:00Z',
    dueAt: '2021-03-04T02:00:00Z',
    respondedAt: '2021-03-03T02:00:00Z',
    closedAt: '2021-03-05T02:00:00Z',
    status: 'CLOSED',
  });
  await ticket({
    category: 'TEACHING',
    caller: 'caller1',
    createdAt: '2021-03-06T02:00:00Z',
    dueAt: '2021-03-07T02:00:00Z',
    respondedAt: '2021-03-08T02:00:00Z',
    status: 'RESPONDED',
    pausedAt: '2021-03-08T02:00:00Z',
    reopenCount: 1,
  });
  await ticket({
    category: 'SERVICE',
    caller: 'caller2',
    createdAt: '2021-03-20T02:00:00Z',
    dueAt: '2021-03-21T02:00:00Z',
    status: 'OPEN',
  });
  await ticket({
    category: 'SERVICE',
    caller: 'caller2',
    createdAt: '2021-03-21T02:00:00Z',
    dueAt: '2021-03-22T02:00:00Z',
    status: 'OPEN',
    pausedAt: '2021-03-21T05:00:00Z',
  });
  await ticket({
    category: 'MARKET',
    caller: 'caller1',
    createdAt: '2021-02-27T02:00:00Z',
    dueAt: '2021-03-03T02:00:00Z',
    respondedAt: '2021-03-01T02:00:00Z',
    closedAt: '2021-03-02T02:00:00Z',
    status: 'CLOSED',
  });
  await ticket({
    category: 'FACILITY',
    caller: 'caller4',
    createdAt: '2021-03-25T02:00:00Z',
    dueAt: '2021-03-26T02:00:00Z',
    status: 'OPEN',
  });

  return { users, orgId: org.id, addDoneTask: () => task('caller2', '2021-03-20', 'DONE') };
}

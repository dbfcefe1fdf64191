// Test fixtures of the tasks and visits tests: tasks placed relative to "today" in the
// organisation's timezone, so assertions never depend on the date the tests run.
import { addDays, dayIn, dayToDate } from '@huifang/domain';
import type { TaskStatus } from '../../db/generated/enums.ts';
import type { PrismaClient } from '../../db/prisma.ts';

export const TZ = 'Asia/Shanghai';
export const today = () => dayIn(new Date(), TZ);
export const day = (offset: number) => addDays(today(), offset);

export const ENROLMENT_ANSWERS = [
  { questionId: 'overall', value: 5 },
  { questionId: 'consultant', value: 4 },
  { questionId: 'clarity', value: true },
  { questionId: 'source', value: '朋友推荐' },
  { questionId: 'nps', value: 9 },
];

export async function orgContext(prisma: PrismaClient) {
  const caller1 = await prisma.user.findUniqueOrThrow({ where: { email: 'caller1@demo.local' } });
  const enrolment = await prisma.questionnaire.findFirstOrThrow({ where: { name: '报名体验' } });
  const customers = await prisma.customer.findMany({
    where: { refusesVisits: false },
    orderBy: { phone: 'asc' },
    take: 60,
  });
  let nextCustomer = 0;
  return {
    organizationId: caller1.organizationId,
    caller1,
    enrolment,
    /** a different visitable customer each call */
    customer: () => customers[nextCustomer++ % customers.length]!,
    /** a new caller in team 1 with the demo password and no tasks yet */
    async newCaller(email: string, name = '新专员') {
      return prisma.user.create({
        data: {
          organizationId: caller1.organizationId,
          email,
          name,
          role: 'CALLER',
          teamId: caller1.teamId,
          departmentId: caller1.departmentId,
          passwordHash: caller1.passwordHash,
        },
      });
    },
  };
}
export type OrgContext = Awaited<ReturnType<typeof orgContext>>;

export interface TaskFixture {
  assigneeId: string;
  customerId: string;
  /** offsets in days from today */
  from?: number;
  due?: number;
  status?: TaskStatus;
  attempts?: number;
  callBackAt?: Date | null;
  questionnaireId?: string | null;
  channel?: 'PHONE' | 'FACE_TO_FACE';
}

export async function makeTask(prisma: PrismaClient, ctx: OrgContext, f: TaskFixture) {
  const from = day(f.from ?? 0);
  const due = day(f.due ?? 3);
  const task = await prisma.task.create({
    data: {
      organizationId: ctx.organizationId,
      customerId: f.customerId,
      assigneeId: f.assigneeId,
      purpose: '报名体验回访',
      questionnaireId: f.questionnaireId === undefined ? ctx.enrolment.id : f.questionnaireId,
      channel: f.channel ?? 'PHONE',
      windowFrom: dayToDate(from),
      windowTo: dayToDate(due),
      dueDate: dayToDate(due),
      status: f.status ?? 'PENDING',
      attempts: f.attempts ?? 0,
      callBackAt: f.callBackAt ?? null,
      doneAt: f.status === 'DONE' || f.status === 'UNREACHABLE' ? new Date() : null,
    },
  });
  await prisma.taskAssignment.create({
    data: { taskId: task.id, toUserId: f.assigneeId, byUserId: ctx.caller1.id, reason: '测试' },
  });
  return task;
}

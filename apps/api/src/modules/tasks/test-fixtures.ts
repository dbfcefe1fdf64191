// Test fixtures of the tasks and visits tests: tasks placed relative to "today" in the
// organisation's timezone, so assertions never depend on the date the tests run. Every fixture
// task gets a new customer of its own: a customer has at most one open task (migration
// 20261124090000_one_open_task_per_customer), and demo customers may hold one already.

import { randomInt } from 'node:crypto';
import { addDays, dayIn, dayToDate } from '@huifang/domain';
import { testNow } from '../../../test/clock.ts';
import type { TaskStatus } from '../../db/generated/enums.ts';
import type { PrismaClient } from '../../db/prisma.ts';
import { signCurrentAgreement } from '../confidentiality/test-fixtures.ts';

export const TZ = 'Asia/Shanghai';
export const today = () => dayIn(testNow(), TZ);
export const day = (offset: number) => addDays(today(), offset);

export const ENROLMENT_ANSWERS = [
  { questionId: 'overall', value: 5 },
  { questionId: 'consultant', value: 4 },
  { questionId: 'clarity', value: true },
  { questionId: 'source', value: '朋友推荐' },
  { questionId: 'nps', value: 9 },
];

/**
 * `count` new visitable customers of the organisation, made in one statement, in the order of
 * their phone numbers (unique per organisation: a prefix the demo data never uses, a random
 * batch number and the index).
 */
export async function freshCustomers(
  prisma: PrismaClient,
  organizationId: string,
  count: number,
  name = '测试客户',
) {
  const batch = String(randomInt(0, 100_000)).padStart(5, '0');
  const customers = await prisma.customer.createManyAndReturn({
    data: Array.from({ length: count }, (_, i) => ({
      organizationId,
      name: `${name}${i + 1}`,
      phone: `14${batch}${String(i).padStart(4, '0')}`,
      segment: 'NEW_ENROLLEE' as const,
      tier: 'MID' as const,
    })),
  });
  return customers.sort((a, b) => a.phone.localeCompare(b.phone));
}

export async function orgContext(prisma: PrismaClient, customerCount = 60) {
  const caller1 = await prisma.user.findUniqueOrThrow({ where: { email: 'caller1@demo.local' } });
  const enrolment = await prisma.questionnaire.findFirstOrThrow({ where: { name: '报名体验' } });
  const customers = await freshCustomers(prisma, caller1.organizationId, customerCount);
  let nextCustomer = 0;
  return {
    organizationId: caller1.organizationId,
    caller1,
    enrolment,
    /** a new visitable customer, never handed out before (so it has no open task) */
    customer: () => {
      const c = customers[nextCustomer++];
      if (!c) throw new Error(`orgContext: all ${customerCount} fixture customers are used; ask for more`);
      return c;
    },
    /**
     * a new caller in team 1 with the demo password and no tasks yet; signed the current
     * confidentiality agreement unless `{ sign: false }` (R-CONF-1)
     */
    async newCaller(email: string, name = '新专员', options: { sign?: boolean } = {}) {
      const user = await prisma.user.create({
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
      if (options.sign !== false) await signCurrentAgreement(prisma, user.id);
      return user;
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
  /** when the task was made; by default a week ago, so attempts may be dated up to 48 h back */
  createdAt?: Date;
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
      doneAt: f.status === 'DONE' || f.status === 'UNREACHABLE' ? testNow() : null,
      createdAt: f.createdAt ?? new Date(testNow().getTime() - 7 * 24 * 3600_000),
    },
  });
  await prisma.taskAssignment.create({
    data: { taskId: task.id, toUserId: f.assigneeId, byUserId: ctx.caller1.id, reason: '测试' },
  });
  return task;
}

import { addDays, dayIn, dayToDate } from '@huifang/domain';
import type { Tx } from '../db/prisma.ts';
import type { DemoContext } from './demo-context.ts';

/**
 * Training of the demo organisation (docs/product.md#training): this year's plan and a service
 * etiquette session held three weeks ago, attended by caller1 and caller4 (both passed) with their
 * evaluations. The retraining assignments come from the month closes (seedDemoIncentives).
 */
export async function seedDemoTraining(tx: Tx, demo: DemoContext): Promise<void> {
  const today = dayIn(demo.now, demo.tz);
  const held = addDays(today, -21);
  const at = (daysAgo: number) => new Date(demo.now.getTime() - daysAgo * 86_400_000);
  const manager = demo.users('manager@demo.local');
  const plan = await tx.trainingPlan.create({
    data: {
      organizationId: demo.orgId,
      year: Number(today.slice(0, 4)),
      title: `${today.slice(0, 4)} 年度培训计划`,
      goals: '回访技能与沟通技巧、服务礼仪、产品知识、保密培训；内部授课为主，每季度考核一次',
      createdById: manager,
      createdAt: at(60),
    },
  });
  const session = await tx.trainingSession.create({
    data: {
      organizationId: demo.orgId,
      planId: plan.id,
      topic: 'ETIQUETTE',
      title: '服务礼仪与电话沟通规范',
      day: dayToDate(held),
      trainer: '周建国',
      durationDays: 1,
      passMark: 60,
      createdById: manager,
      createdAt: at(30),
    },
  });
  for (const [email, score, rating, comment] of [
    ['caller1@demo.local', 88, 5, '情景演练很实用'],
    ['caller4@demo.local', 76, 4, '希望多讲投诉处理'],
  ] as const) {
    await tx.trainingAttendance.create({
      data: {
        organizationId: demo.orgId,
        sessionId: session.id,
        userId: demo.users(email),
        daysAttended: 1,
        score,
        passed: score >= 60,
        evaluationRating: rating,
        evaluationComment: comment,
        evaluatedAt: at(20),
        recordedById: manager,
        recordedAt: at(21),
        version: 2,
        createdAt: at(25),
      },
    });
  }
}

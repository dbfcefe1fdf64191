// Demo improvement measures (docs/product.md#improvement-measures): one in every state over the past
// year — evaluated effective, evaluated not effective, done and waiting for its evaluation, overdue in
// progress (escalated to the department head), approved, and drafts. Deterministic and relative to the
// seeding instant. The evaluated measures' frozen figures are made by the effect rule itself
// (packages/domain measure-effect.ts) from counts written here, not gathered from the demo records.
import {
  addDays,
  dayIn,
  dayToDate,
  type EffectCounts,
  effectWindows,
  measureEffect,
  startOfDay,
} from '@huifang/domain';
import type { Prisma, Tx } from '../db/prisma.ts';
import type { DemoContext } from './demo-context.ts';

interface DemoMeasure {
  title: string;
  description: string;
  dept: 'SERVICE' | 'TEACHING' | 'MARKET' | 'VISIT';
  owner: string;
  status: 'DRAFT' | 'APPROVED' | 'IN_PROGRESS' | 'DONE' | 'EVALUATED';
  /** days from today */
  created: number;
  deadline: number;
  started?: number;
  done?: number;
  evaluated?: number;
  reasons: string[];
  target: Record<string, unknown>;
  milestones: Array<{ title: string; due: number; progress: number }>;
  effect?: { before: EffectCounts; after: EffectCounts; customers: number };
  escalationLevel?: number;
}

const counts = (c: Partial<EffectCounts>): EffectCounts => ({
  ratedVisits: 0,
  satisfactionSum: 0,
  churned: 0,
  renewed: 0,
  referred: 0,
  complaints: 0,
  ...c,
});

const MEASURES: DemoMeasure[] = [
  {
    title: '退学学员 48 小时内回访挽留',
    description: '学员提出退学后 48 小时内由班主任电话回访，了解原因并提供调班或补课方案。',
    dept: 'SERVICE',
    owner: 'lead@demo.local',
    status: 'EVALUATED',
    created: -330,
    deadline: -250,
    started: -300,
    done: -255,
    evaluated: -200,
    reasons: ['ATTITUDE', 'RESPONSE_TIME'],
    target: { segments: ['STUDENT'], stages: ['DROPPED_OUT'] },
    milestones: [
      { title: '制定回访话术', due: -290, progress: 100 },
      { title: '班主任培训', due: -280, progress: 100 },
      { title: '全面执行', due: -255, progress: 100 },
    ],
    effect: {
      customers: 120,
      before: counts({
        ratedVisits: 64,
        satisfactionSum: 243,
        churned: 18,
        renewed: 22,
        referred: 4,
        complaints: 9,
      }),
      after: counts({
        ratedVisits: 71,
        satisfactionSum: 300,
        churned: 9,
        renewed: 31,
        referred: 7,
        complaints: 4,
      }),
    },
  },
  {
    title: '周末班增开试听课',
    description: '每月两次周末免费试听，吸引咨询未报名的客户。',
    dept: 'MARKET',
    owner: 'lead2@demo.local',
    status: 'EVALUATED',
    created: -240,
    deadline: -170,
    started: -220,
    done: -175,
    evaluated: -120,
    reasons: ['PROMOTION', 'SCHEDULE'],
    target: { segments: ['PROSPECT'] },
    milestones: [
      { title: '排定试听课表', due: -210, progress: 100 },
      { title: '推广投放', due: -180, progress: 80 },
    ],
    effect: {
      customers: 86,
      before: counts({
        ratedVisits: 41,
        satisfactionSum: 160,
        churned: 7,
        renewed: 12,
        referred: 3,
        complaints: 2,
      }),
      after: counts({
        ratedVisits: 38,
        satisfactionSum: 144,
        churned: 11,
        renewed: 9,
        referred: 3,
        complaints: 5,
      }),
    },
  },
  {
    title: '教学效果月度反馈',
    description: '每月向家长发送学习效果报告，并安排一次教师沟通。',
    dept: 'TEACHING',
    owner: 'supervisor@demo.local',
    status: 'DONE',
    created: -150,
    deadline: -20,
    started: -120,
    done: -25,
    reasons: ['RESULTS', 'TEACHER_QUALITY'],
    target: { segments: ['STUDENT', 'NEW_ENROLLEE'] },
    milestones: [
      { title: '报告模板', due: -100, progress: 100 },
      { title: '首批发送', due: -60, progress: 100 },
    ],
  },
  {
    title: '教室空调与设备检修',
    description: '排查所有教室空调、投影设备，建立每周巡检制度。',
    dept: 'TEACHING',
    owner: 'handler@demo.local',
    status: 'IN_PROGRESS',
    created: -70,
    deadline: -5,
    started: -60,
    reasons: ['EQUIPMENT', 'ENVIRONMENT'],
    target: {},
    milestones: [
      { title: '全面排查', due: -40, progress: 100 },
      { title: '维修更换', due: -15, progress: 60 },
      { title: '巡检制度上墙', due: -5, progress: 0 },
    ],
    escalationLevel: 1,
  },
  {
    title: '投诉 24 小时响应承诺',
    description: '所有投诉 24 小时内给出首次答复，并在系统中记录。',
    dept: 'SERVICE',
    owner: 'handler2@demo.local',
    status: 'APPROVED',
    created: -10,
    deadline: 45,
    reasons: ['COMPLAINT_HANDLING'],
    target: { segments: ['STUDENT', 'GRADUATE'] },
    milestones: [{ title: '响应流程定稿', due: 10, progress: 0 }],
  },
  {
    title: '续费老学员专属优惠',
    description: '对到期未续费的学员提供续费优惠与学习规划。',
    dept: 'MARKET',
    owner: 'lead@demo.local',
    status: 'DRAFT',
    created: -3,
    deadline: 60,
    reasons: ['PRICE', 'COMPETITOR'],
    target: { stages: ['NOT_RENEWED'] },
    milestones: [{ title: '优惠方案审批', due: 15, progress: 0 }],
  },
  {
    title: '新生开课前电话关怀',
    description: '报名后开课前一周由回访员电话确认时间和需求。',
    dept: 'VISIT',
    owner: 'lead2@demo.local',
    status: 'DRAFT',
    created: -1,
    deadline: 40,
    reasons: ['SCHEDULE'],
    target: { stages: ['NEVER_ATTENDED'] },
    milestones: [],
  },
];

export async function seedDemoMeasures(tx: Tx, demo: DemoContext): Promise<void> {
  const { orgId, now, tz } = demo;
  const today = dayIn(now, tz);
  const day = (n: number) => addDays(today, n);
  const at = (n: number, hour = 10) => new Date(startOfDay(day(n), tz).getTime() + hour * 3_600_000);
  const depts = Object.fromEntries(
    (
      await tx.department.findMany({ where: { organizationId: orgId }, select: { id: true, kind: true } })
    ).map((d) => [d.kind, d.id]),
  );
  const reasons = Object.fromEntries(
    (
      await tx.churnReason.findMany({
        where: { organizationId: orgId, code: { not: null } },
        select: { id: true, code: true },
      })
    ).map((r) => [r.code!, r.id]),
  );
  const manager = demo.users('manager@demo.local');
  for (const [i, m] of MEASURES.entries()) {
    const owner = demo.users(m.owner);
    const createdBy = m.owner.startsWith('lead') ? owner : demo.users('lead@demo.local');
    const startDay = m.started !== undefined ? day(m.started) : null;
    const windowDays = 45;
    let effect: Prisma.InputJsonValue | undefined;
    let outcome: string | null = null;
    if (m.effect && startDay && m.evaluated !== undefined) {
      const e = measureEffect({
        windows: effectWindows(startDay, windowDays, day(m.evaluated)),
        customers: m.effect.customers,
        before: m.effect.before,
        after: m.effect.after,
      });
      outcome = e.outcome;
      effect = {
        ...e,
        startDay,
        windowDays,
        computedAt: at(m.evaluated).toISOString(),
        frozen: true,
      } as unknown as Prisma.InputJsonValue;
    }
    const overdue = m.status === 'IN_PROGRESS' && m.deadline < 0;
    const row = await tx.improvementMeasure.create({
      data: {
        organizationId: orgId,
        number: i + 1,
        title: m.title,
        description: m.description,
        departmentId: depts[m.dept]!,
        ownerId: owner,
        deadline: dayToDate(day(m.deadline)),
        status: m.status,
        target: m.target as Prisma.InputJsonValue,
        startDay: startDay ? dayToDate(startDay) : null,
        windowDays,
        effect,
        outcome,
        evaluationNote: outcome
          ? outcome === 'EFFECTIVE'
            ? '流失率明显下降，继续推行。'
            : '流失未见改善，需调整方案。'
          : null,
        escalationLevel: m.escalationLevel ?? 0,
        overdueAt: overdue ? startOfDay(day(m.deadline + 1), tz) : null,
        approvedById: m.status === 'DRAFT' ? null : manager,
        approvedAt: m.status === 'DRAFT' ? null : at(m.created + 2),
        doneAt: m.done !== undefined ? at(m.done) : null,
        evaluatedById: m.evaluated !== undefined ? manager : null,
        evaluatedAt: m.evaluated !== undefined ? at(m.evaluated) : null,
        createdById: createdBy,
        createdAt: at(m.created),
        reasons: { create: m.reasons.filter((c) => reasons[c]).map((c) => ({ reasonId: reasons[c]! })) },
        milestones: {
          create: m.milestones.map((ms, k) => ({
            title: ms.title,
            dueDay: dayToDate(day(ms.due)),
            progress: ms.progress,
            doneAt: ms.progress === 100 ? at(ms.due - 1) : null,
            sort: k,
          })),
        },
      },
    });
    const reviews: Array<{
      action: string;
      actorId: string | null;
      createdAt: Date;
      comment?: string;
      body?: object;
    }> = [{ action: 'CREATE', actorId: createdBy, createdAt: at(m.created) }];
    if (m.status !== 'DRAFT')
      reviews.push({ action: 'APPROVE', actorId: manager, createdAt: at(m.created + 2) });
    if (m.started !== undefined) reviews.push({ action: 'START', actorId: owner, createdAt: at(m.started) });
    if (overdue) {
      reviews.push({
        action: 'OVERDUE',
        actorId: null,
        createdAt: startOfDay(day(m.deadline + 1), tz),
        body: { level: 0 },
      });
      if ((m.escalationLevel ?? 0) >= 1)
        reviews.push({
          action: 'ESCALATE',
          actorId: null,
          createdAt: startOfDay(day(m.deadline + 4), tz),
          body: { level: 1 },
        });
    }
    if (m.done !== undefined) reviews.push({ action: 'DONE', actorId: owner, createdAt: at(m.done) });
    if (m.evaluated !== undefined)
      reviews.push({ action: 'EVALUATE', actorId: manager, createdAt: at(m.evaluated), body: { outcome } });
    await tx.measureReview.createMany({
      data: reviews.map((r) => ({
        measureId: row.id,
        action: r.action,
        actorId: r.actorId,
        comment: r.comment ?? null,
        body: (r.body ?? {}) as Prisma.InputJsonValue,
        createdAt: r.createdAt,
      })),
    });
  }
}

// The demo organisation: a vocational training school with two visit teams, every role,
// 320 customers and the last three months of plans, tasks and visit records, generated
// from a fixed seed so every start of a fresh install shows the same data.
import type { TJobTitle, TQuestion, TStoredAnswer } from '@huifang/contracts';
import { addDays, addMonths, dayIn, dayToDate, monthBounds, monthIn, zonedTime } from '@huifang/domain';
import type { Channel, Role, Segment, Tier, VisitOutcome } from '../db/generated/enums.ts';
import type { Prisma, PrismaClient, Tx } from '../db/prisma.ts';
import { hashPassword } from '../lib/passwords.ts';
import { seedDemoChurn } from './demo-churn.ts';
import { seedDemoConfidentiality } from './demo-confidentiality.ts';
import { seedDemoEnquiries } from './demo-enquiries.ts';
import { seedDemoIncentives } from './demo-incentives.ts';
import { seedDemoMeasures } from './demo-measures.ts';
import { seedDemoRecordings } from './demo-recordings.ts';
import { seedDemoReports } from './demo-reports.ts';
import { seedDemoSupervision } from './demo-supervision.ts';
import { seedDemoTickets } from './demo-tickets.ts';
import { seedDemoTraining } from './demo-training.ts';
import { createOrganization } from './organization.ts';

export const DEMO_PASSWORD = 'demo1234';
export const DEMO_TIMEZONE = 'Asia/Shanghai';

export const DEMO_USERS: Array<{
  email: string;
  name: string;
  role: Role;
  /** job title (职务), separate from the role (docs/rules.md#r-chain-1-chains) */
  title?: TJobTitle;
  team?: 1 | 2;
  dept?: 'TEACHING' | 'SERVICE';
}> = [
  { email: 'admin@demo.local', name: '系统管理员', role: 'ADMIN' },
  { email: 'manager@demo.local', name: '周建国', role: 'MANAGER', title: 'DIRECTOR' },
  { email: 'supervisor@demo.local', name: '林晓燕', role: 'SUPERVISOR', title: 'SERVICE_SUPERVISOR' },
  { email: 'supervisor2@demo.local', name: '郑海涛', role: 'SUPERVISOR', title: 'QUALITY_INSPECTOR' },
  { email: 'lead@demo.local', name: '王丽华', role: 'LEAD', title: 'GROUP_LEAD', team: 1 },
  { email: 'lead2@demo.local', name: '陈志明', role: 'LEAD', title: 'GROUP_LEAD', team: 2 },
  { email: 'caller1@demo.local', name: '张敏', role: 'CALLER', title: 'SPECIALIST', team: 1 },
  { email: 'caller2@demo.local', name: '李娜', role: 'CALLER', title: 'SPECIALIST', team: 1 },
  { email: 'caller3@demo.local', name: '刘洋', role: 'CALLER', title: 'SPECIALIST', team: 1 },
  { email: 'caller4@demo.local', name: '赵静', role: 'CALLER', title: 'SPECIALIST', team: 2 },
  { email: 'caller5@demo.local', name: '孙磊', role: 'CALLER', title: 'SPECIALIST', team: 2 },
  { email: 'handler@demo.local', name: '吴老师', role: 'HANDLER', dept: 'TEACHING' },
  { email: 'handler2@demo.local', name: '何经理', role: 'HANDLER', dept: 'SERVICE' },
  // the visit centre's deputy director (副主任, seed 001): rolls up the month's team reports
  { email: 'deputy@demo.local', name: '冯卫东', role: 'MANAGER', title: 'DEPUTY_DIRECTOR' },
];

/** mulberry32: a small deterministic generator, so the demo is the same on every machine. */
function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)] as T,
    weighted: <T>(pairs: ReadonlyArray<readonly [T, number]>): T => {
      const total = pairs.reduce((s, [, w]) => s + w, 0);
      let r = next() * total;
      for (const [v, w] of pairs) {
        r -= w;
        if (r < 0) return v;
      }
      return pairs[pairs.length - 1]![0];
    },
  };
}

const SURNAMES = [
  ...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤',
];
const GIVEN = [
  ...'伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉萍红娥玲芬燕彬鑫斌宇浩凯健俊帆帅旭宁龙林欣晨瑶怡婷雪琳晗梓睿轩涵博文思雨佳欣子豪一诺可馨诗琪',
];
const PROGRAMMES = [
  'Java 全栈开发',
  'Python 数据分析',
  'UI/UX 设计',
  '会计实务',
  '电商运营',
  '人工智能应用',
  '新媒体营销',
  '软件测试',
];
const PREFIXES = [
  '138',
  '139',
  '137',
  '136',
  '135',
  '150',
  '151',
  '152',
  '158',
  '159',
  '182',
  '183',
  '186',
  '187',
  '188',
  '189',
  '131',
  '132',
  '155',
  '156',
  '133',
  '153',
  '177',
  '180',
  '181',
  '199',
];

export const DEMO_QUESTIONNAIRES: Array<{
  name: string;
  purpose: string;
  description: string;
  questions: TQuestion[];
}> = [
  {
    name: '报名体验',
    purpose: '报名体验回访',
    description: '新学员报名后 7 天内回访，了解咨询与报名过程的体验。',
    questions: [
      { id: 'overall', kind: 'SATISFACTION', label: '您对本次报名咨询的整体满意度', required: true },
      { id: 'consultant', kind: 'SATISFACTION', label: '课程顾问的专业程度与态度', required: true },
      { id: 'clarity', kind: 'YES_NO', label: '课程内容、费用和上课安排是否说明清楚', required: true },
      {
        id: 'source',
        kind: 'SINGLE_CHOICE',
        label: '您是通过什么渠道了解到我们的',
        required: false,
        options: ['朋友推荐', '网络搜索', '短视频平台', '线下活动', '其他'],
      },
      { id: 'nps', kind: 'NPS', label: '您有多大可能向朋友推荐我们（0–10）', required: true },
      { id: 'comment', kind: 'TEXT', label: '其他意见或建议', required: false },
    ],
  },
  {
    name: '培训效果与就业',
    purpose: '培训效果与就业回访',
    description: '结业学员回访，了解培训效果、就业情况与对教学的意见。',
    questions: [
      { id: 'teaching', kind: 'SATISFACTION', label: '您对授课老师教学质量的满意度', required: true },
      { id: 'content', kind: 'SATISFACTION', label: '课程内容对工作的实用程度', required: true },
      { id: 'employed', kind: 'YES_NO', label: '目前是否已就业或转岗成功', required: true },
      {
        id: 'salary',
        kind: 'SINGLE_CHOICE',
        label: '就业后的月薪区间',
        required: false,
        options: ['5000 以下', '5000–8000', '8000–12000', '12000 以上'],
      },
      { id: 'service', kind: 'SATISFACTION', label: '班主任与就业服务的满意度', required: true },
      { id: 'nps', kind: 'NPS', label: '您有多大可能向朋友推荐我们（0–10）', required: true },
      { id: 'comment', kind: 'TEXT', label: '对教学或服务的改进建议', required: false },
    ],
  },
];

const OPINIONS = [
  '老师讲课很细致，答疑及时。',
  '上课时间有时调整得比较突然，希望提前通知。',
  '教室空调温度偏低。',
  '希望增加项目实战的课时。',
  '班主任很负责，经常关心学习进度。',
  '就业推荐的岗位和所学方向不太一致。',
  '报名流程顺畅，顾问讲解清楚。',
  '希望课后能提供录播回放。',
];
const SUGGESTIONS = [
  '增加周末班',
  '提供更多模拟面试',
  '优化报名缴费流程',
  '开设进阶课程',
  '加强课后辅导',
  '',
];

export interface DemoSeedOptions {
  /** "today" for the data: the caller's clock (the server's at start-up; tests pin it) */
  now: Date;
}

/**
 * Seeds the demo organisation when the database has no users. Two processes starting at
 * once queue on an advisory lock; the second finds users and does nothing.
 */
export async function seedDemoIfEmpty(prisma: PrismaClient, options: DemoSeedOptions): Promise<boolean> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  return prisma.$transaction(
    async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(7207340115)`;
      if ((await tx.user.count()) > 0) return false;
      await seedDemo(tx, passwordHash, options.now);
      return true;
    },
    { timeout: 120_000, maxWait: 30_000 },
  );
}

async function seedDemo(tx: Tx, passwordHash: string, now: Date): Promise<void> {
  const r = rng(20261124);
  const tz = DEMO_TIMEZONE;
  const org = await createOrganization(tx, { name: '华信职业培训学校', timezone: tz, demo: true, now });
  const orgId = org.id;

  const teams = [
    await tx.team.create({
      data: { organizationId: orgId, departmentId: org.departments.VISIT, name: '回访一组' },
    }),
    await tx.team.create({
      data: { organizationId: orgId, departmentId: org.departments.VISIT, name: '回访二组' },
    }),
  ];

  const users: Record<string, { id: string; role: Role; teamId: string | null }> = {};
  for (const u of DEMO_USERS) {
    const departmentId =
      u.role === 'HANDLER'
        ? org.departments[u.dept ?? 'TEACHING']
        : u.role === 'SUPERVISOR'
          ? org.departments.SUPERVISION
          : u.role === 'ADMIN'
            ? org.departments.ADMIN
            : org.departments.VISIT;
    const teamId = u.team ? (teams[u.team - 1]?.id ?? null) : null;
    const row = await tx.user.create({
      data: {
        organizationId: orgId,
        email: u.email,
        name: u.name,
        role: u.role,
        title: u.title ?? null,
        passwordHash,
        departmentId,
        teamId,
      },
    });
    users[u.email] = { id: row.id, role: u.role, teamId };
  }
  const id = (email: string) => users[email]!.id;
  await tx.team.update({ where: { id: teams[0]!.id }, data: { leaderId: id('lead@demo.local') } });
  await tx.team.update({ where: { id: teams[1]!.id }, data: { leaderId: id('lead2@demo.local') } });
  await tx.department.update({
    where: { id: org.departments.VISIT },
    data: { headUserId: id('lead@demo.local') },
  });
  await tx.department.update({
    where: { id: org.departments.SUPERVISION },
    data: { headUserId: id('supervisor@demo.local') },
  });
  await tx.department.update({
    where: { id: org.departments.TEACHING },
    data: { headUserId: id('handler@demo.local') },
  });
  await tx.department.update({
    where: { id: org.departments.SERVICE },
    data: { headUserId: id('handler2@demo.local') },
  });

  const questionnaires = [];
  for (const q of DEMO_QUESTIONNAIRES) {
    questionnaires.push(
      await tx.questionnaire.create({
        data: {
          organizationId: orgId,
          name: q.name,
          purpose: q.purpose,
          description: q.description,
          questions: q.questions,
        },
      }),
    );
  }

  // Customers
  const today = dayIn(now, tz);
  const usedPhones = new Set<string>();
  const customers: Prisma.CustomerCreateManyInput[] = [];
  for (let i = 0; i < 320; i++) {
    let phone = '';
    do phone = `${r.pick(PREFIXES)}${String(r.int(0, 99_999_999)).padStart(8, '0')}`;
    while (usedPhones.has(phone));
    usedPhones.add(phone);
    const segment = r.weighted<Segment>([
      ['NEW_ENROLLEE', 25],
      ['STUDENT', 30],
      ['GRADUATE', 25],
      ['PROSPECT', 8],
      ['KEY_ACCOUNT', 5],
      ['CHURNED', 7],
    ]);
    const tier = r.weighted<Tier>([
      ['HIGH', 20],
      ['MID', 50],
      ['LOW', 30],
    ]);
    const name = r.pick(SURNAMES) + r.pick(GIVEN) + (r.next() < 0.6 ? r.pick(GIVEN) : '');
    // graduates finished a 120-day course before today; the others enrolled at any time
    const enrolledAt =
      segment === 'PROSPECT'
        ? null
        : addDays(today, segment === 'GRADUATE' ? -r.int(150, 540) : -r.int(20, 540));
    const refuses = r.next() < 0.04;
    customers.push({
      organizationId: orgId,
      name,
      phone,
      email: r.next() < 0.4 ? `${phone.slice(-6)}${r.pick(['@qq.com', '@163.com', '@126.com'])}` : null,
      segment,
      tier,
      programme: segment === 'PROSPECT' ? null : r.pick(PROGRAMMES),
      enrolledAt: enrolledAt ? dayToDate(enrolledAt) : null,
      completedAt: segment === 'GRADUATE' && enrolledAt ? dayToDate(addDays(enrolledAt, 120)) : null,
      refusesVisits: refuses,
      refusedAt: refuses ? now : null,
      consentNote: refuses ? '客户明确表示不希望再接到回访电话' : null,
      preferredChannel: r.next() < 0.25 ? r.pick<Channel>(['PHONE', 'SMS', 'ONLINE_SURVEY']) : null,
      preferredTimeFrom: r.next() < 0.3 ? r.pick(['09:00', '14:00', '18:30']) : null,
      preferredTimeTo: null,
    });
  }
  for (const c of customers)
    if (c.preferredTimeFrom)
      c.preferredTimeTo =
        c.preferredTimeFrom === '18:30' ? '21:00' : c.preferredTimeFrom === '09:00' ? '12:00' : '17:30';
  await tx.customer.createMany({ data: customers });
  const customerRows = await tx.customer.findMany({
    where: { organizationId: orgId },
    select: { id: true, segment: true, refusesVisits: true },
    orderBy: { phone: 'asc' },
  });
  const visitable = customerRows.filter((c) => !c.refusesVisits);

  // Plans: the two months before this one are closed, this month's is approved and in progress.
  const thisMonth = monthIn(now, tz);
  const months = [addMonths(thisMonth, -2), addMonths(thisMonth, -1), thisMonth];
  const teamCallers = teams.map((t) =>
    Object.entries(users)
      .filter(([, u]) => u.role === 'CALLER' && u.teamId === t.id)
      .map(([, u]) => u.id),
  );
  const leads = [id('lead@demo.local'), id('lead2@demo.local')];
  let cursor = 0;
  const lastVisit = new Map<string, Date>();

  for (const month of months) {
    const { first, last } = monthBounds(month);
    const current = month === thisMonth;
    const previous = month === addMonths(thisMonth, -1);
    for (let t = 0; t < teams.length; t++) {
      const team = teams[t]!;
      const callers = teamCallers[t]!;
      const submittedAt = zonedTime(addDays(first, -5), '10:00', tz);
      const decidedAt = zonedTime(addDays(first, -3), '15:30', tz);
      const plan = await tx.visitPlan.create({
        data: {
          organizationId: orgId,
          teamId: team.id,
          month,
          title: `${month} ${team.name}回访计划`,
          focus: t === 0 ? '新学员报名体验、结业学员就业跟踪' : '在读学员满意度、重点客户维护',
          status: current ? 'APPROVED' : 'CLOSED',
          dailyCap: 15,
          createdById: leads[t]!,
          submittedAt,
          decidedAt,
          decidedById: id('manager@demo.local'),
          decisionComment: '同意，注意按时完成。',
        },
      });
      await tx.planReview.createMany({
        data: [
          { planId: plan.id, action: 'SUBMIT', actorId: leads[t]!, createdAt: submittedAt },
          {
            planId: plan.id,
            action: 'APPROVE',
            actorId: id('manager@demo.local'),
            comment: '同意，注意按时完成。',
            createdAt: decidedAt,
          },
        ],
      });

      const count = t === 0 ? 54 : 36;
      const items: Prisma.PlanItemCreateManyInput[] = [];
      for (let k = 0; k < count; k++) {
        const customer = visitable[cursor++ % visitable.length]!;
        const q =
          customer.segment === 'GRADUATE' || customer.segment === 'STUDENT'
            ? questionnaires[1]!
            : questionnaires[0]!;
        const windowFrom = addDays(first, Math.floor((k * 27) / count));
        // days as YYYY-MM-DD compare as text: the earlier of four days on and the month's last
        const windowTo = [addDays(windowFrom, 4), last].sort()[0]!;
        items.push({
          planId: plan.id,
          customerId: customer.id,
          purpose: q.purpose,
          questionnaireId: q.id,
          channel: 'PHONE',
          windowFrom: dayToDate(windowFrom),
          windowTo: dayToDate(windowTo),
          dueDate: dayToDate(windowTo),
          callerId: callers[k % callers.length]!,
        });
      }
      await tx.planItem.createMany({ data: items });
      const itemRows = await tx.planItem.findMany({ where: { planId: plan.id } });

      const leftOver = new Map<string, number>();
      for (const item of itemRows) {
        const due = item.dueDate.toISOString().slice(0, 10);
        const windowFrom = item.windowFrom.toISOString().slice(0, 10);
        const task = await tx.task.create({
          data: {
            organizationId: orgId,
            planId: plan.id,
            planItemId: item.id,
            customerId: item.customerId,
            assigneeId: item.callerId!,
            purpose: item.purpose,
            questionnaireId: item.questionnaireId,
            channel: item.channel,
            windowFrom: item.windowFrom,
            windowTo: item.windowTo,
            dueDate: item.dueDate,
            createdAt: decidedAt,
          },
        });
        await tx.taskAssignment.create({
          data: {
            taskId: task.id,
            toUserId: item.callerId!,
            byUserId: id('manager@demo.local'),
            createdAt: decidedAt,
          },
        });
        // Past months: nearly everything done. This month: what is due before today.
        const workable = current ? windowFrom < today : true;
        if (!workable) continue;
        const q = questionnaires.find((x) => x.id === item.questionnaireId)!;
        let story = r.weighted<'done' | 'late' | 'callback' | 'unreachable' | 'declined' | 'open'>(
          current
            ? [
                ['done', 62],
                ['late', 6],
                ['callback', 10],
                ['unreachable', 4],
                ['declined', 3],
                ['open', 15],
              ]
            : [
                ['done', 80],
                ['late', 8],
                ['callback', 0],
                ['unreachable', 6],
                ['declined', 3],
                ['open', 3],
              ],
        );
        // Every month leaves a few calls unmade: two of each caller's last tasks of last month are
        // still open, so whatever the date the demo has overdue work to start (开始回访).
        const callerLeft = leftOver.get(item.callerId!) ?? 0;
        if (previous && due >= addDays(last, -6) && callerLeft < 2) {
          story = 'open';
          leftOver.set(item.callerId!, callerLeft + 1);
        }
        if (story === 'open') continue;
        const attempts: Array<{ day: string; outcome: VisitOutcome }> = [];
        const firstDay = windowFrom;
        const bound = (d: string) => (d >= today ? addDays(today, -1) : d);
        if (story === 'unreachable') {
          attempts.push({ day: bound(firstDay), outcome: 'NO_ANSWER' });
          attempts.push({ day: bound(addDays(firstDay, 1)), outcome: 'NO_ANSWER' });
          attempts.push({ day: bound(addDays(firstDay, 2)), outcome: 'NO_ANSWER' });
        } else {
          if (r.next() < 0.3) attempts.push({ day: bound(firstDay), outcome: 'NO_ANSWER' });
          const finalDay = story === 'late' ? addDays(due, r.int(1, 3)) : addDays(firstDay, r.int(0, 3));
          const outcome: VisitOutcome =
            story === 'callback' ? 'CALL_BACK_LATER' : story === 'declined' ? 'DECLINED' : 'COMPLETED';
          attempts.push({ day: bound(finalDay > due && story !== 'late' ? due : finalDay), outcome });
        }

        let status: 'PENDING' | 'IN_PROGRESS' | 'DONE' | 'UNREACHABLE' = 'IN_PROGRESS';
        let lastAt: Date | null = null;
        let callBackAt: Date | null = null;
        for (const [n, a] of attempts.entries()) {
          const startedAt = zonedTime(
            a.day,
            `${String(r.int(9, 17)).padStart(2, '0')}:${String(r.int(0, 59)).padStart(2, '0')}`,
            tz,
          );
          const completed = a.outcome === 'COMPLETED';
          const satisfaction = completed
            ? r.weighted([
                [5, 45],
                [4, 35],
                [3, 12],
                [2, 5],
                [1, 3],
              ] as const)
            : null;
          const answers: TStoredAnswer[] = completed
            ? answerQuestions(q.questions as unknown as TQuestion[], satisfaction!, r)
            : [];
          const cb = a.outcome === 'CALL_BACK_LATER' ? zonedTime(addDays(a.day, 2), '19:00', tz) : null;
          const record = {
            organizationId: orgId,
            taskId: task.id,
            callerId: item.callerId!,
            customerId: item.customerId,
            startedAt,
            durationSec: completed ? r.int(180, 720) : r.int(10, 60),
            channel: item.channel,
            outcome: a.outcome,
            satisfaction,
            questionnaireId: completed ? q.id : null,
            questionnaireVersion: completed ? q.version : null,
            answers,
            opinions: completed && r.next() < 0.6 ? r.pick(OPINIONS) : null,
            suggestions: completed && r.next() < 0.4 ? r.pick(SUGGESTIONS) || null : null,
            recordingRef:
              item.channel === 'PHONE'
                ? `rec-${a.day.replace(/-/g, '')}-${task.id.slice(-8)}-${n + 1}.mp3`
                : null,
            callBackAt: cb,
            createdAt: startedAt,
          };
          await tx.visitRecord.create({ data: { ...record, original: JSON.parse(JSON.stringify(record)) } });
          lastAt = startedAt;
          if (completed || a.outcome === 'DECLINED') status = 'DONE';
          if (a.outcome === 'CALL_BACK_LATER') callBackAt = cb;
          if (completed) lastVisit.set(item.customerId, startedAt);
        }
        if (story === 'unreachable') status = 'UNREACHABLE';
        if (story === 'declined') {
          await tx.customer.update({
            where: { id: item.customerId },
            data: { refusesVisits: true, refusedAt: lastAt, consentNote: '回访时客户表示不再接受回访' },
          });
        }
        await tx.task.update({
          where: { id: task.id },
          data: {
            status,
            attempts: attempts.length,
            lastAttemptAt: lastAt,
            callBackAt,
            doneAt: status === 'DONE' || status === 'UNREACHABLE' ? lastAt : null,
          },
        });
      }
    }
  }
  for (const [customerId, at] of lastVisit) {
    await tx.customer.update({ where: { id: customerId }, data: { lastVisitAt: at } });
  }

  // A draft for next month, so the lead's plan builder opens on something.
  await tx.visitPlan.create({
    data: {
      organizationId: orgId,
      teamId: teams[1]!.id,
      month: addMonths(thisMonth, 1),
      title: `${addMonths(thisMonth, 1)} 回访二组回访计划`,
      focus: '重点客户季度回访',
      createdById: id('lead2@demo.local'),
    },
  });

  // A quarterly key-account plan submitted ahead, so the manager has one to approve.
  const ahead = addMonths(thisMonth, 2);
  const aheadBounds = monthBounds(ahead);
  const submittedAt = now;
  const submitted = await tx.visitPlan.create({
    data: {
      organizationId: orgId,
      teamId: teams[1]!.id,
      month: ahead,
      title: `${ahead} 回访二组重点客户季度回访`,
      focus: '高价值客户与重点客户：课程满意度、续报意向',
      status: 'SUBMITTED',
      dailyCap: 10,
      createdById: id('lead2@demo.local'),
      submittedAt,
    },
  });
  await tx.planReview.create({
    data: { planId: submitted.id, action: 'SUBMIT', actorId: id('lead2@demo.local'), createdAt: submittedAt },
  });
  const keyCustomers = await tx.customer.findMany({
    where: { organizationId: orgId, OR: [{ tier: 'HIGH' }, { segment: 'KEY_ACCOUNT' }] },
    select: { id: true, refusesVisits: true, preferredChannel: true },
    orderBy: { phone: 'desc' },
    take: 40,
  });
  const callers2 = teamCallers[1]!;
  const keyItems: Prisma.PlanItemCreateManyInput[] = [];
  const keyExclusions: Prisma.PlanExclusionCreateManyInput[] = [];
  for (const [k, c] of keyCustomers.entries()) {
    if (c.refusesVisits) {
      keyExclusions.push({ planId: submitted.id, customerId: c.id, reason: 'REFUSED_VISITS' });
      continue;
    }
    const windowFrom = addDays(aheadBounds.first, (k % 4) * 7);
    const windowTo = addDays(windowFrom, 6);
    keyItems.push({
      planId: submitted.id,
      customerId: c.id,
      purpose: '重点客户季度回访',
      questionnaireId: questionnaires[1]!.id,
      channel: c.preferredChannel ?? 'PHONE',
      windowFrom: dayToDate(windowFrom),
      windowTo: dayToDate(windowTo),
      dueDate: dayToDate(addDays(windowFrom, k % 7)),
      callerId: callers2[k % callers2.length]!,
    });
  }
  await tx.planItem.createMany({ data: keyItems });
  await tx.planExclusion.createMany({ data: keyExclusions });

  const demo = { orgId, now, tz, users: id };
  await seedDemoSupervision(tx, demo);
  await seedDemoTickets(tx, demo);
  await seedDemoReports(tx, demo);
  await seedDemoIncentives(tx, demo);
  await seedDemoEnquiries(tx, demo);
  await seedDemoChurn(tx, demo);
  await seedDemoMeasures(tx, demo);
  await seedDemoRecordings(tx, demo);
  await seedDemoConfidentiality(tx, demo);
  await seedDemoTraining(tx, demo);
}

function answerQuestions(
  questions: TQuestion[],
  satisfaction: number,
  r: ReturnType<typeof rng>,
): TStoredAnswer[] {
  const out: TStoredAnswer[] = [];
  for (const q of questions) {
    let value: number | boolean | string | undefined;
    switch (q.kind) {
      case 'SATISFACTION':
        value = Math.max(1, Math.min(5, satisfaction + r.int(-1, 1)));
        break;
      case 'NPS':
        value = Math.max(0, Math.min(10, satisfaction * 2 + r.int(-2, 0)));
        break;
      case 'YES_NO':
        value = r.next() < 0.8;
        break;
      case 'SINGLE_CHOICE':
        value = q.required || r.next() < 0.7 ? r.pick(q.options ?? ['']) : undefined;
        break;
      case 'TEXT':
        value = q.required || r.next() < 0.3 ? r.pick(OPINIONS) : undefined;
        break;
    }
    if (value !== undefined) out.push({ questionId: q.id, label: q.label, kind: q.kind, value });
  }
  return out;
}

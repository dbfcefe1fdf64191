import {
  addBusinessHours,
  addBusinessMs,
  addMonths,
  businessMsBetween,
  monthBounds,
  monthIn,
  startOfDay,
} from '@huifang/domain';
import type { TicketCategory, TicketSeverity, TicketStatus } from '../db/generated/enums.ts';
import type { Prisma, Tx } from '../db/prisma.ts';
import type { DemoContext } from './demo-context.ts';
import { DEFAULT_TICKET_ROUTES } from './organization.ts';

interface DemoTicket {
  caller: string;
  /** which completed record of the caller with opinions: from last month or this month */
  month: 'last' | 'this';
  pick: number;
  category: TicketCategory;
  severity: TicketSeverity;
  status: TicketStatus;
  title: string;
  description: string;
  /** raised this many hours before now (running tickets); otherwise an hour after the visit */
  hoursAgo?: number;
  escalationLevel?: number;
  reopened?: boolean;
}

const H = 3_600_000;
const RESPONSE = {
  action: '已与学员沟通并调整安排，后续专人跟进',
  rootCause: '前期沟通不到位，安排未及时通知学员',
};

const TICKETS: DemoTicket[] = [
  {
    caller: 'caller1',
    month: 'this',
    pick: 0,
    category: 'TEACHING',
    severity: 'HIGH',
    status: 'OPEN',
    hoursAgo: 1,
    title: '课程进度偏快，学员跟不上',
    description: '学员反映第三周起课程进度明显加快，课后练习来不及完成，希望增加答疑时间。',
  },
  {
    caller: 'caller2',
    month: 'this',
    pick: 0,
    category: 'SERVICE',
    severity: 'MEDIUM',
    status: 'OPEN',
    hoursAgo: 2,
    title: '退费申请无人回复',
    description: '学员一周前提交退费申请，至今未收到回复，情绪较大。',
  },
  {
    caller: 'caller1',
    month: 'this',
    pick: 1,
    category: 'MARKET',
    severity: 'LOW',
    status: 'OPEN',
    hoursAgo: 3,
    title: '招生宣传与实际课程不符',
    description: '学员称宣传中承诺的实训项目在课程中没有安排。',
  },
  {
    caller: 'caller1',
    month: 'this',
    pick: 2,
    category: 'TEACHING',
    severity: 'MEDIUM',
    status: 'IN_PROGRESS',
    hoursAgo: 4,
    title: '实训设备不足',
    description: '实训课每组设备不足，学员轮流操作时间过短。',
  },
  {
    caller: 'caller4',
    month: 'this',
    pick: 0,
    category: 'SERVICE',
    severity: 'HIGH',
    status: 'IN_PROGRESS',
    hoursAgo: 2,
    title: '就业推荐信息迟迟未发',
    description: '结业学员反映承诺的就业推荐信息一直没有收到。',
  },
  {
    caller: 'caller1',
    month: 'this',
    pick: 3,
    category: 'TEACHING',
    severity: 'MEDIUM',
    status: 'RESPONDED',
    hoursAgo: 6,
    title: '任课老师频繁调课',
    description: '近两周晚班课程多次临时调课，学员无法安排时间。',
  },
  {
    caller: 'caller2',
    month: 'this',
    pick: 1,
    category: 'SERVICE',
    severity: 'LOW',
    status: 'RESPONDED',
    hoursAgo: 8,
    title: '发票开具错误',
    description: '学员收到的发票抬头有误，需要重新开具。',
  },
  {
    caller: 'caller1',
    month: 'last',
    pick: 0,
    category: 'TEACHING',
    severity: 'HIGH',
    status: 'CLOSED',
    title: '教材版本过旧',
    description: '学员反映教材内容与考试大纲不一致。',
  },
  {
    caller: 'caller4',
    month: 'last',
    pick: 0,
    category: 'FACILITY',
    severity: 'MEDIUM',
    status: 'CLOSED',
    title: '教室空调故障',
    description: '三号教室空调故障一周未修，上课环境闷热。',
  },
  {
    caller: 'caller5',
    month: 'last',
    pick: 0,
    category: 'SERVICE',
    severity: 'LOW',
    status: 'CLOSED',
    title: '课表通知不及时',
    description: '课表变更只在群里通知，部分学员没有看到。',
  },
  {
    caller: 'caller2',
    month: 'last',
    pick: 1,
    category: 'TEACHING',
    severity: 'MEDIUM',
    status: 'REOPENED',
    hoursAgo: 5,
    reopened: true,
    title: '作业批改反馈太慢',
    description: '作业提交后两周仍未收到批改反馈。',
  },
  {
    caller: 'caller3',
    month: 'last',
    pick: 0,
    category: 'SERVICE',
    severity: 'HIGH',
    status: 'OPEN',
    escalationLevel: 1,
    title: '学籍信息登记错误',
    description: '学员证书上的姓名登记错误，影响证书领取。',
  },
  {
    caller: 'caller1',
    month: 'last',
    pick: 1,
    category: 'TEACHING',
    severity: 'CRITICAL',
    status: 'IN_PROGRESS',
    escalationLevel: 2,
    title: '考前辅导课被取消',
    description: '考前两周的辅导课被取消且未补课，学员非常不满。',
  },
];

/** Issue tickets of the demo organisation, in every state, raised from completed records with opinions. */
export async function seedDemoTickets(tx: Tx, demo: DemoContext): Promise<void> {
  const { orgId, now, tz } = demo;
  const thisMonth = monthIn(now, tz);
  const from = startOfDay(monthBounds(addMonths(thisMonth, -1)).first, tz);
  const thisStart = startOfDay(monthBounds(thisMonth).first, tz);
  const records = await tx.visitRecord.findMany({
    where: {
      organizationId: orgId,
      outcome: 'COMPLETED',
      opinions: { not: null },
      startedAt: { gte: from, lt: now },
    },
    orderBy: [{ startedAt: 'asc' }],
    select: { id: true, callerId: true, customerId: true, startedAt: true },
  });
  const departments = await tx.department.findMany({
    where: { organizationId: orgId },
    select: { id: true, kind: true, name: true },
  });
  const dept = (category: TicketCategory) =>
    departments.find((d) => d.kind === DEFAULT_TICKET_ROUTES[category])!;
  const cal = { tz, start: '09:00', end: '18:00', weekdays: [1, 2, 3, 4, 5], holidays: [] as string[] };
  const sla: Record<TicketSeverity, number> = { LOW: 40, MEDIUM: 16, HIGH: 8, CRITICAL: 4 };
  const handlerOf: Partial<Record<TicketCategory, string>> = {
    TEACHING: demo.users('handler@demo.local'),
    SERVICE: demo.users('handler2@demo.local'),
  };

  const tickets: Prisma.IssueTicketCreateManyInput[] = [];
  const events: Prisma.TicketEventCreateManyInput[] = [];
  let number = 0;
  for (const def of TICKETS) {
    const callerId = demo.users(`${def.caller}@demo.local`);
    const own = records.filter((r) => r.callerId === callerId);
    const thisMonthOwn = own.filter((r) => r.startedAt >= thisStart);
    // Early in a month there may be no record of this month yet: the running tickets then come
    // from the caller's latest records, so the demo holds every state on any date.
    const pool =
      def.month === 'this'
        ? thisMonthOwn.length
          ? thisMonthOwn
          : own.slice(-3)
        : own.filter((r) => r.startedAt < thisStart);
    const record = pool[def.pick % Math.max(pool.length, 1)];
    if (!record) continue;
    const id = crypto.randomUUID();
    const d = dept(def.category);
    const handlerId = handlerOf[def.category] ?? null;
    // Running tickets were raised a few hours ago; the one escalated to the head fell due an hour ago
    // (management follows 8 business hours later); the rest an hour after their visit.
    let createdAt =
      def.hoursAgo !== undefined
        ? new Date(Math.max(now.getTime() - def.hoursAgo * H, record.startedAt.getTime() + 60_000))
        : new Date(record.startedAt.getTime() + H);
    let dueAt = addBusinessHours(createdAt, sla[def.severity], cal);
    if (def.escalationLevel === 1) {
      dueAt = new Date(now.getTime() - H);
      createdAt = new Date(
        Math.max(dueAt.getTime() - sla[def.severity] * H, record.startedAt.getTime() + 60_000),
      );
    }
    const past = (at: number) => new Date(Math.min(at, now.getTime() - 60_000));
    const t = (minutes: number) => past(createdAt.getTime() + minutes * 60_000);
    const ev = (type: string, at: Date, actorId: string | null, body: object = {}) =>
      events.push({ ticketId: id, type, actorId, body: body as Prisma.InputJsonValue, createdAt: at });
    ev('CREATED', createdAt, callerId, { severity: def.severity });
    ev('ROUTED', t(0.001), callerId, { category: def.category, departmentId: d.id, departmentName: d.name });

    const row: Prisma.IssueTicketCreateManyInput = {
      id,
      organizationId: orgId,
      number: ++number,
      sourceVisitId: record.id,
      customerId: record.customerId,
      callerId,
      category: def.category,
      severity: def.severity,
      departmentId: d.id,
      title: def.title,
      description: def.description,
      status: def.status,
      dueAt,
      raisedById: callerId,
      createdAt,
      escalationLevel: def.escalationLevel ?? 0,
    };
    const started = def.status !== 'OPEN' && handlerId;
    if (started) {
      row.handlerId = handlerId;
      ev('STARTED', t(20), handlerId);
    }
    if (def.status === 'RESPONDED' || def.status === 'CLOSED' || def.reopened) {
      const respondedAt = t(def.status === 'CLOSED' ? 180 : 40);
      ev('RESPONDED', respondedAt, handlerId, RESPONSE);
      row.respondedAt = respondedAt;
      row.pausedAt = respondedAt;
      if (def.status === 'CLOSED') {
        const closedAt = past(respondedAt.getTime() + 26 * H);
        ev('VERIFIED', closedAt, callerId, { note: '客户确认问题已解决' });
        ev('CLOSED', new Date(closedAt.getTime() + 1), callerId);
        row.closedAt = closedAt;
      }
      if (def.reopened) {
        // reopened about three hours after the response: the clock resumed, the due time moved
        const reopenedAt = past(respondedAt.getTime() + 3 * H);
        const stood = businessMsBetween(respondedAt, reopenedAt, cal);
        row.pausedAt = null;
        row.pausedMs = BigInt(stood);
        row.dueAt = addBusinessMs(dueAt, stood, cal);
        row.reopenCount = 1;
        ev('REOPENED', reopenedAt, callerId, { reason: '客户表示问题仍未解决', reopenCount: 1 });
      }
    }
    for (let level = 1; level <= (def.escalationLevel ?? 0); level++) {
      const at = level === 1 ? new Date(dueAt.getTime() + 5 * 60_000) : addBusinessHours(dueAt, 8, cal);
      ev('ESCALATED', past(at.getTime()), null, { level });
    }
    tickets.push(row);
  }
  if (!tickets.length) return;
  await tx.issueTicket.createMany({ data: tickets });
  await tx.ticketEvent.createMany({ data: events });
}

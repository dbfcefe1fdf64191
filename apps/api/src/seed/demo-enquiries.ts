// Demo enquiries (docs/product.md#enquiries-and-the-funnel): a year of them over every channel, up to
// the seeding instant. The older ones are mostly decided — converted into customers whose courses
// then started, finished, were renewed or brought a friend, or closed as not enrolled with a churn
// reason and its churn case — the recent ones mostly open with follow-ups, so every month of the
// funnel has something to say. Deterministic (seeded), written set-based.
import { randomUUID } from 'node:crypto';
import {
  addDays,
  addMonths,
  CHURN_CATEGORY_DEPARTMENT,
  type ChurnCategory,
  dayIn,
  dayToDate,
  monthBounds,
  monthIn,
  zonedTime,
} from '@huifang/domain';
import type { Segment } from '../db/generated/enums.ts';
import type { Prisma, Tx } from '../db/prisma.ts';
import type { DemoContext } from './demo-context.ts';

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
  ...'王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁',
];
const GIVEN = [
  ...'伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超霞平刚华玉萍红玲芬燕彬鑫斌宇浩凯健俊帆旭宁龙林欣晨瑶怡婷雪琳',
];
const COURSES = [
  'Java 全栈开发',
  'Python 数据分析',
  'UI/UX 设计',
  '会计实务',
  '电商运营',
  '人工智能应用',
  '新媒体营销',
  '软件测试',
];
const CHANNELS = [
  ['PHONE', 30],
  ['WALK_IN', 12],
  ['WEB', 22],
  ['REFERRAL', 12],
  ['SOCIAL', 16],
  ['EVENT', 6],
  ['OTHER', 2],
] as const;
/** reasons people do not enrol, by the default reason codes, most of them the market's */
const LOST = [
  ['PRICE', 30],
  ['COMPETITOR', 18],
  ['PROMOTION', 8],
  ['SCHEDULE', 16],
  ['CONTENT', 6],
  ['LOCATION', 12],
  ['RESPONSE_TIME', 6],
  ['ENVIRONMENT', 4],
] as const;
const LOST_NOTES = [
  '觉得学费偏高',
  '已报其他机构',
  '时间安排不合适',
  '离家太远',
  '再考虑一下，之后联系不上',
  null,
];
const FOLLOW_NOTES = [
  '已介绍课程内容与费用，客户考虑中',
  '约了周末到校试听',
  '发送了课程资料和开班时间',
  '客户询问分期付款方式',
  '电话未接通，稍后再联系',
  '客户表示需与家人商量',
];
const HANDLERS = [
  'caller1@demo.local',
  'caller2@demo.local',
  'caller3@demo.local',
  'caller4@demo.local',
  'caller5@demo.local',
  'lead@demo.local',
];

/** Adds the demo enquiries; returns how many. */
export async function seedDemoEnquiries(tx: Tx, demo: DemoContext): Promise<number> {
  const r = rng(20261203);
  const { orgId, now, tz } = demo;
  const today = dayIn(now, tz);
  const notAfterToday = (d: string) => (d <= today ? d : today);
  const at = (day: string, time: string) => {
    const t = zonedTime(day, time, tz);
    return new Date(Math.min(t.getTime(), now.getTime()));
  };
  const reasons = new Map(
    (
      await tx.churnReason.findMany({
        where: { organizationId: orgId },
        select: { id: true, code: true, category: true },
      })
    )
      .filter((x) => x.code)
      .map((x) => [x.code!, x]),
  );
  const departments = new Map(
    (
      await tx.department.findMany({ where: { organizationId: orgId }, select: { id: true, kind: true } })
    ).map((d) => [d.kind as string, d.id]),
  );
  const leadId = demo.users('lead@demo.local');

  const enquiries: Prisma.EnquiryCreateManyInput[] = [];
  const followUps: Prisma.EnquiryFollowUpCreateManyInput[] = [];
  const customers: Prisma.CustomerCreateManyInput[] = [];
  const events: Prisma.CustomerEventCreateManyInput[] = [];
  const cases: Prisma.ChurnCaseCreateManyInput[] = [];
  const phones = new Set<string>();
  const thisMonth = monthIn(now, tz);
  const days: string[] = [];
  for (let k = -11; k <= 0; k++) {
    const { first, last } = monthBounds(addMonths(thisMonth, k));
    const end = notAfterToday(last);
    const span = Number(end.slice(8)) - Number(first.slice(8));
    // busier in the spring and autumn intakes
    const month = Number(first.slice(5, 7));
    const n = Math.max(
      1,
      Math.round(((span + 1) / 30) * (month === 2 || month === 3 || month === 8 || month === 9 ? 46 : 32)),
    );
    for (let i = 0; i < n; i++) days.push(addDays(first, r.int(0, span)));
  }
  days.sort();

  for (const [i, day] of days.entries()) {
    const id = randomUUID();
    let phone = '';
    do phone = `166${String(r.int(0, 99_999_999)).padStart(8, '0')}`;
    while (phones.has(phone));
    phones.add(phone);
    const name = r.pick(SURNAMES) + r.pick(GIVEN) + (r.next() < 0.5 ? r.pick(GIVEN) : '');
    const channel = r.weighted(CHANNELS);
    const course = r.pick(COURSES);
    const handler = r.pick(HANDLERS);
    const handledById = demo.users(handler);
    const age = Math.round((dayToDate(today).getTime() - dayToDate(day).getTime()) / 86_400_000);
    // referrals and walk-ins convert best
    const lift = channel === 'REFERRAL' || channel === 'WALK_IN' ? 15 : channel === 'EVENT' ? -5 : 0;
    const outcome =
      age < 14
        ? r.weighted([
            ['OPEN', 70],
            ['ENROLLED', 15 + lift],
            ['NOT_ENROLLED', 15],
          ] as const)
        : r.weighted([
            ['OPEN', 6],
            ['ENROLLED', 36 + lift],
            ['NOT_ENROLLED', 58 - lift],
          ] as const);
    const decidedDay = notAfterToday(addDays(day, r.int(0, Math.min(21, age))));
    const created = at(
      day,
      `${String(r.int(9, 17)).padStart(2, '0')}:${String(r.int(0, 59)).padStart(2, '0')}`,
    );
    const row: Prisma.EnquiryCreateManyInput = {
      id,
      organizationId: orgId,
      number: i + 1,
      name,
      phone,
      channel,
      course,
      day: dayToDate(day),
      handledById,
      status: outcome,
      createdById: handledById,
      createdAt: created,
      updatedAt: created,
      note: r.next() < 0.2 ? '想了解周末班' : null,
    };
    // follow-ups between the enquiry and its decision (or today)
    const fuCount = outcome === 'OPEN' ? r.int(0, 3) : r.int(0, 2);
    let fuDay = day;
    for (let f = 0; f < fuCount; f++) {
      fuDay = addDays(fuDay, r.int(1, 4));
      const limit = outcome === 'OPEN' ? today : decidedDay;
      if (fuDay > limit) break;
      const when = at(fuDay, '15:30');
      const next = addDays(fuDay, r.int(2, 7));
      followUps.push({
        enquiryId: id,
        byId: handledById,
        at: when,
        note: r.pick(FOLLOW_NOTES),
        nextDay: outcome === 'OPEN' || next <= decidedDay ? dayToDate(next) : null,
        createdAt: when,
      });
    }
    if (outcome === 'ENROLLED') {
      // the customer's id is the database's (time-ordered, after the demo's own customers): stand in
      // with the phone until the customers are written
      const customerId = phone;
      const enrolled = decidedDay;
      row.customerId = customerId;
      row.decidedAt = at(enrolled, '16:00');
      const started = r.next() < 0.85 ? addDays(enrolled, r.int(5, 14)) : null;
      const startedOk = started && started <= today ? started : null;
      const completed = startedOk && r.next() < 0.85 ? addDays(startedOk, r.int(60, 100)) : null;
      const completedOk = completed && completed <= today ? completed : null;
      const renewed = completedOk && r.next() < 0.35 ? addDays(completedOk, r.int(7, 60)) : null;
      const referral = startedOk && r.next() < 0.2 ? addDays(startedOk, r.int(20, 120)) : null;
      const segment: Segment = completedOk ? 'GRADUATE' : startedOk ? 'STUDENT' : 'NEW_ENROLLEE';
      customers.push({
        organizationId: orgId,
        name,
        phone,
        segment,
        tier: r.weighted([
          ['HIGH', 15],
          ['MID', 55],
          ['LOW', 30],
        ] as const),
        programme: course,
        enrolledAt: dayToDate(enrolled),
        completedAt: completedOk ? dayToDate(completedOk) : null,
        createdAt: row.decidedAt as Date,
      });
      const event = (kind: string, d: string, source: string, externalId: string | null) => {
        if (d > today) return;
        events.push({
          organizationId: orgId,
          customerId,
          kind,
          day: dayToDate(d),
          source,
          externalId,
          note: kind === 'ENQUIRY' || kind === 'ENROLLED' ? course : null,
          createdById: source === 'ENQUIRY' ? handledById : leadId,
          createdAt: at(d, '17:00'),
        });
      };
      event('ENQUIRY', day, 'ENQUIRY', `enquiry:${id}`);
      event('ENROLLED', enrolled, 'ENQUIRY', `enquiry:${id}:enrolled`);
      if (startedOk) event('COURSE_STARTED', startedOk, 'MANUAL', null);
      if (completedOk) event('COURSE_COMPLETED', completedOk, 'MANUAL', null);
      if (renewed) event('RENEWED', renewed, 'MANUAL', null);
      if (referral) event('REFERRAL', referral, 'MANUAL', null);
    } else if (outcome === 'NOT_ENROLLED') {
      const reason = reasons.get(r.weighted(LOST)) ?? null;
      const note = r.pick(LOST_NOTES);
      const decided = at(decidedDay, '16:30');
      row.decidedAt = decided;
      row.lostReasonId = reason?.id ?? null;
      row.lostNote = note;
      const kind = reason ? CHURN_CATEGORY_DEPARTMENT[reason.category as ChurnCategory] : null;
      cases.push({
        organizationId: orgId,
        customerId: null,
        status: 'CONFIRMED',
        stage: 'NOT_ENROLLED',
        day: dayToDate(decidedDay),
        departmentId: kind ? (departments.get(kind) ?? null) : null,
        reasonId: reason?.id ?? null,
        note,
        enquiryId: id,
        dedupeKey: `enquiry:${id}`,
        createdById: handledById,
        decidedById: handledById,
        decidedAt: decided,
        createdAt: decided,
        updatedAt: decided,
      });
    }
    enquiries.push(row);
  }
  await tx.customer.createMany({ data: customers });
  const idOf = new Map(
    (
      await tx.customer.findMany({
        where: { organizationId: orgId, phone: { in: customers.map((c) => c.phone) } },
        select: { id: true, phone: true },
      })
    ).map((c) => [c.phone, c.id]),
  );
  for (const e of enquiries) if (e.customerId) e.customerId = idOf.get(e.customerId)!;
  for (const e of events) e.customerId = idOf.get(e.customerId)!;
  await tx.enquiry.createMany({ data: enquiries });
  await tx.enquiryFollowUp.createMany({ data: followUps });
  await tx.customerEvent.createMany({ data: events });
  await tx.churnCase.createMany({ data: cases });
  return enquiries.length;
}

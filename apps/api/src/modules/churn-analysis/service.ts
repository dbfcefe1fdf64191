// The churn analysis group's week (docs/rules.md#r-churn-5-weekly-analysis: the group meets weekly and
// digs into typical cases): the
// week's confirmed cases by stage, category and reason (a Pareto list), the 12 weeks up to it, the
// cases picked for a deep dive with the customer's visits, tickets and inspections, and the minutes.
//
// One statement groups the 12 weeks' confirmed cases by day, stage and reason (index
// (organizationId, status, day)); the week is assigned in TypeScript from the day.
import type {
  TChurnDeepDive,
  TChurnMeeting,
  TChurnMeetingWrite,
  TChurnWeekCase,
  TChurnWeekly,
} from '@huifang/contracts';
import { type CHURN_CATEGORIES, type CHURN_STAGES, ZChurnDecision } from '@huifang/contracts';
import {
  CHURN_TREND_WEEKS,
  dateToDay,
  dayIn,
  dayToDate,
  isoWeekBounds,
  isoWeekOf,
  pareto,
  weeksUpTo,
} from '@huifang/domain';
import type { Prisma, PrismaClient } from '../../db/prisma.ts';
import type { Actor } from '../../lib/actor.ts';
import { audit } from '../../lib/audit.ts';
import { invalid, notFound, staleVersion } from '../../lib/errors.ts';
import { peopleOf } from '../../lib/people.ts';

type TChurnStage = (typeof CHURN_STAGES)[number];
type TChurnCategory = (typeof CHURN_CATEGORIES)[number];

/** the most cases of one week the view lists */
export const WEEK_CASES_LIMIT = 200;
/** what a deep dive shows of the customer's history */
const DEEP_DIVE_VISITS = 5;
const DEEP_DIVE_TICKETS = 10;

async function timezoneOf(prisma: PrismaClient, organizationId: string): Promise<string> {
  const org = await prisma.organization.findUniqueOrThrow({
    where: { id: organizationId },
    select: { timezone: true },
  });
  return org.timezone;
}

/** The week asked for, or the current one; 400 for a week that does not exist. */
export function weekBounds(week: string): { first: string; last: string } {
  const b = isoWeekBounds(week);
  if (!b)
    throw invalid(`${week} is not an ISO week (YYYY-Www, W53 only in a year that has one)`, [
      { path: 'week', message: 'not an ISO week' },
    ]);
  return b;
}

export async function churnWeekly(
  prisma: PrismaClient,
  actor: Actor,
  week: string | undefined,
): Promise<TChurnWeekly> {
  const tz = await timezoneOf(prisma, actor.organizationId);
  const w = week ?? isoWeekOf(dayIn(actor.now, tz));
  const { first, last } = weekBounds(w);
  const weeks = weeksUpTo(w, CHURN_TREND_WEEKS);
  const since = weekBounds(weeks[0]!).first;
  const org = actor.organizationId;

  const [groups, reasons, pending, cases, caseCount, meeting] = await Promise.all([
    prisma.$queryRaw<Array<{ day: string; stage: string | null; reasonId: string | null; n: number }>>`
      SELECT to_char(day, 'YYYY-MM-DD') AS day, stage, "reasonId"::text AS "reasonId", count(*)::int AS n
        FROM "ChurnCase"
       WHERE "organizationId" = ${org}::uuid AND status = 'CONFIRMED'
         AND day BETWEEN ${since}::date AND ${last}::date
       GROUP BY 1, 2, 3`,
    prisma.churnReason.findMany({
      where: { organizationId: org },
      select: { id: true, category: true, label: true, labelEn: true },
    }),
    prisma.churnCase.count({ where: { organizationId: org, status: 'SUGGESTED' } }),
    weekCases(prisma, org, first, last, w, WEEK_CASES_LIMIT),
    prisma.churnCase.count({
      where: {
        organizationId: org,
        status: 'CONFIRMED',
        day: { gte: dayToDate(first), lte: dayToDate(last) },
      },
    }),
    meetingOf(prisma, org, w),
  ]);
  const reasonById = new Map(reasons.map((r) => [r.id, r]));

  const trend = weeks.map((week) => ({ week, total: 0, byStage: {} as Record<string, number> }));
  const trendOf = new Map(trend.map((t) => [t.week, t]));
  const byStage = new Map<TChurnStage | null, number>();
  const byCategory = new Map<TChurnCategory | null, number>();
  const byReason = new Map<string, number>();
  let total = 0;
  for (const g of groups) {
    const t = trendOf.get(isoWeekOf(g.day));
    if (t) {
      t.total += g.n;
      const key = g.stage ?? 'NONE';
      t.byStage[key] = (t.byStage[key] ?? 0) + g.n;
    }
    if (g.day < first) continue;
    total += g.n;
    const stage = g.stage as TChurnStage | null;
    byStage.set(stage, (byStage.get(stage) ?? 0) + g.n);
    const reason = g.reasonId ? reasonById.get(g.reasonId) : undefined;
    const category = (reason?.category ?? null) as TChurnCategory | null;
    byCategory.set(category, (byCategory.get(category) ?? 0) + g.n);
    byReason.set(g.reasonId ?? '', (byReason.get(g.reasonId ?? '') ?? 0) + g.n);
  }

  const paretoRows = pareto(
    [...byReason].map(([id, n]) => {
      const r = id ? reasonById.get(id) : undefined;
      return {
        key: r ? `${r.category}/${r.label}` : '~',
        reasonId: id || null,
        category: (r?.category ?? null) as TChurnCategory | null,
        label: r?.label ?? null,
        labelEn: r?.labelEn ?? null,
        n,
      };
    }),
  ).map(({ key: _key, ...row }) => row);

  const deepDives = await deepDivesOf(
    prisma,
    org,
    w,
    cases.filter((c) => c.deepDive),
  );

  return {
    week: w,
    first,
    last,
    total,
    byStage: [...byStage].map(([stage, n]) => ({ stage, n })).sort((a, b) => b.n - a.n),
    byCategory: [...byCategory].map(([category, n]) => ({ category, n })).sort((a, b) => b.n - a.n),
    pareto: paretoRows,
    trend,
    pendingSuggestions: pending,
    cases,
    casesTruncated: caseCount > cases.length,
    deepDives,
    meeting,
  };
}

/**
 * The week's confirmed cases, newest day first, and any case picked for this week's deep dive
 * whatever its day (a case of an earlier week may be discussed now).
 */
async function weekCases(
  prisma: PrismaClient,
  organizationId: string,
  first: string,
  last: string,
  week: string,
  limit: number,
): Promise<TChurnWeekCase[]> {
  const rows = await prisma.churnCase.findMany({
    where: {
      organizationId,
      OR: [
        { status: 'CONFIRMED', day: { gte: dayToDate(first), lte: dayToDate(last) } },
        { deepDiveWeek: week, status: 'CONFIRMED' },
      ],
    },
    orderBy: [{ day: 'desc' }, { id: 'asc' }],
    take: limit,
    include: {
      customer: { select: { name: true } },
      reason: { select: { category: true, label: true, labelEn: true } },
    },
  });
  const enquiryIds = rows.filter((r) => !r.customer && r.enquiryId).map((r) => r.enquiryId!);
  const departmentIds = [...new Set(rows.map((r) => r.departmentId).filter((x): x is string => !!x))];
  const [enquiries, departments] = await Promise.all([
    enquiryIds.length
      ? prisma.enquiry.findMany({ where: { id: { in: enquiryIds } }, select: { id: true, name: true } })
      : [],
    departmentIds.length
      ? prisma.department.findMany({ where: { id: { in: departmentIds } }, select: { id: true, name: true } })
      : [],
  ]);
  const enquiryName = new Map(enquiries.map((e) => [e.id, e.name]));
  const departmentName = new Map(departments.map((d) => [d.id, d.name]));
  return rows.map((r) => ({
    id: r.id,
    customerId: r.customerId,
    name: r.customer?.name ?? (r.enquiryId ? enquiryName.get(r.enquiryId) : undefined) ?? '',
    stage: r.stage as TChurnStage | null,
    day: dateToDay(r.day),
    category: (r.reason?.category ?? null) as TChurnCategory | null,
    reasonLabel: r.reason?.label ?? null,
    reasonLabelEn: r.reason?.labelEn ?? null,
    departmentName: r.departmentId ? (departmentName.get(r.departmentId) ?? null) : null,
    note: r.note,
    evidenceKind: r.evidenceKind,
    deepDive: r.deepDiveWeek === week,
    version: r.version,
  }));
}

/** What is known of each picked case's customer: the latest visits, tickets, and the inspections of those visits. */
async function deepDivesOf(
  prisma: PrismaClient,
  organizationId: string,
  _week: string,
  picked: TChurnWeekCase[],
): Promise<TChurnDeepDive[]> {
  return Promise.all(
    picked.map(async (c) => {
      if (!c.customerId) return { ...c, visits: [], tickets: [], inspections: [] };
      const [visits, tickets] = await Promise.all([
        prisma.visitRecord.findMany({
          where: { organizationId, customerId: c.customerId },
          orderBy: { startedAt: 'desc' },
          take: DEEP_DIVE_VISITS,
          select: { id: true, startedAt: true, outcome: true, satisfaction: true, opinions: true },
        }),
        prisma.issueTicket.findMany({
          where: { organizationId, customerId: c.customerId },
          orderBy: { createdAt: 'desc' },
          take: DEEP_DIVE_TICKETS,
          select: { id: true, number: true, title: true, category: true, status: true },
        }),
      ]);
      const inspections = visits.length
        ? await prisma.inspection.findMany({
            where: { organizationId, visitId: { in: visits.map((v) => v.id) } },
            select: {
              id: true,
              visitId: true,
              status: true,
              total: true,
              effectivePassed: true,
              passed: true,
            },
          })
        : [];
      return {
        ...c,
        visits: visits.map((v) => ({
          id: v.id,
          startedAt: v.startedAt.toISOString(),
          outcome: v.outcome,
          satisfaction: v.satisfaction,
          opinion: v.opinions,
        })),
        tickets,
        inspections: inspections.map((i) => ({
          id: i.id,
          visitId: i.visitId,
          status: i.status,
          score: i.total,
          passed: i.effectivePassed ?? i.passed,
        })),
      };
    }),
  );
}

async function meetingOf(
  prisma: PrismaClient,
  organizationId: string,
  week: string,
): Promise<TChurnMeeting | null> {
  const m = await prisma.churnMeeting.findUnique({
    where: { organizationId_week: { organizationId, week } },
  });
  if (!m) return null;
  const people = await peopleOf(prisma, [m.createdById]);
  return {
    id: m.id,
    week: m.week,
    heldOn: dateToDay(m.heldOn),
    attendees: m.attendees,
    minutes: m.minutes,
    decisions: ZChurnDecision.array().parse(m.decisions),
    createdByName: people(m.createdById)?.name ?? null,
    updatedAt: m.updatedAt.toISOString(),
    version: m.version,
  };
}

/**
 * Writes the week's minutes: the first time with version 0, afterwards with the version read (409
 * STALE_VERSION otherwise, nothing written). A decision may name the measure it became.
 */
export async function writeMeeting(
  prisma: PrismaClient,
  actor: Actor,
  week: string,
  body: TChurnMeetingWrite & { decisions: Array<{ text: string; measureId: string | null }> },
): Promise<TChurnMeeting> {
  weekBounds(week);
  const org = actor.organizationId;
  const measureIds = body.decisions.map((d) => d.measureId).filter((x): x is string => !!x);
  await prisma.$transaction(async (tx) => {
    if (measureIds.length) {
      const found = await tx.improvementMeasure.count({
        where: { organizationId: org, id: { in: measureIds } },
      });
      if (found !== new Set(measureIds).size)
        throw invalid('A decision names a measure that does not exist', [
          { path: 'decisions', message: 'unknown measure' },
        ]);
    }
    const data = {
      heldOn: dayToDate(body.heldOn),
      attendees: body.attendees ?? null,
      minutes: body.minutes,
      decisions: body.decisions as unknown as Prisma.InputJsonValue,
      updatedAt: actor.now,
    };
    const existing = await tx.churnMeeting.findUnique({
      where: { organizationId_week: { organizationId: org, week } },
    });
    if (!existing) {
      if (body.version !== 0) throw staleVersion(0);
      const created = await tx.churnMeeting
        .create({
          data: { ...data, organizationId: org, week, createdById: actor.user.id, createdAt: actor.now },
        })
        .catch((error: unknown) => {
          if ((error as { code?: string }).code === 'P2002') throw staleVersion(1);
          throw error;
        });
      await audit(tx, actor, {
        action: 'CHURN_MEETING_CREATE',
        entity: 'ChurnMeeting',
        entityId: created.id,
        after: { week, heldOn: body.heldOn, decisions: body.decisions.length },
      });
      return;
    }
    const updated = await tx.churnMeeting.updateMany({
      where: { id: existing.id, version: body.version },
      data: { ...data, version: { increment: 1 } },
    });
    if (updated.count === 0) throw staleVersion(existing.version);
    await audit(tx, actor, {
      action: 'CHURN_MEETING_UPDATE',
      entity: 'ChurnMeeting',
      entityId: existing.id,
      before: { version: existing.version },
      after: { week, heldOn: body.heldOn, decisions: body.decisions.length },
    });
  });
  return (await meetingOf(prisma, org, week))!;
}

/** Picks a confirmed case for a week's deep dive, or takes it off (version checked). */
export async function pickDeepDive(
  prisma: PrismaClient,
  actor: Actor,
  body: { caseId: string; week: string; picked: boolean; version: number },
): Promise<{ id: string; deepDiveWeek: string | null; version: number }> {
  weekBounds(body.week);
  return prisma.$transaction(async (tx) => {
    const c = await tx.churnCase.findFirst({
      where: { id: body.caseId, organizationId: actor.organizationId },
      select: { id: true, status: true, version: true, deepDiveWeek: true },
    });
    if (!c) throw notFound('Churn case');
    if (c.status !== 'CONFIRMED')
      throw invalid('Only a confirmed case can be picked for a deep dive', [
        { path: 'caseId', message: 'not confirmed' },
      ]);
    const deepDiveWeek = body.picked ? body.week : c.deepDiveWeek === body.week ? null : c.deepDiveWeek;
    const updated = await tx.churnCase.updateMany({
      where: { id: c.id, version: body.version },
      data: { deepDiveWeek, version: { increment: 1 }, updatedAt: actor.now },
    });
    if (updated.count === 0) throw staleVersion(c.version);
    await audit(tx, actor, {
      action: body.picked ? 'CHURN_DEEP_DIVE_PICK' : 'CHURN_DEEP_DIVE_DROP',
      entity: 'ChurnCase',
      entityId: c.id,
      before: { deepDiveWeek: c.deepDiveWeek },
      after: { deepDiveWeek },
    });
    return { id: c.id, deepDiveWeek, version: c.version + 1 };
  });
}

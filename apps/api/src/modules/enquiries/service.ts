// Enquiries (咨询, docs/product.md#enquiries-and-the-funnel; docs/rules.md#r-enq-1-enquiries): someone
// asked about a course. Followed up until converted — the customer created or linked, their ENQUIRY
// and ENROLLED events recorded so the cadence rules follow up — or closed as NOT_ENROLLED with a
// reason, which is a churn case of stage NOT_ENROLLED (咨询未报名).
import {
  can,
  ROLES,
  type TEnquiry,
  type TEnquiryDetail,
  type TEnquiryFunnel,
  type TEnquiryReason,
  type TPage,
  type TRole,
  type ZEnquiryClose,
  type ZEnquiryConvert,
  type ZEnquiryCreate,
  type ZEnquiryFollowUpCreate,
  type ZEnquiryFunnelQuery,
  type ZEnquiryListQuery,
  type ZEnquiryPatch,
} from '@huifang/contracts';
import {
  buildFunnel,
  CHURN_CATEGORY_DEPARTMENT,
  type ChurnCategory,
  checkPhone,
  dateToDay,
  dayIn,
  dayToDate,
  FUNNEL_EVENT_STAGE,
  type FunnelEnquiry,
  maskPhone,
  monthBounds,
  monthsBetween,
  showsFullContact,
} from '@huifang/domain';
import type { z } from 'zod';
import type { Enquiry } from '../../db/generated/client.ts';
import type { Prisma, PrismaClient, Tx } from '../../db/prisma.ts';
import { escapeLike } from '../../db/search.ts';
import type { Actor } from '../../lib/actor.ts';
import { audit } from '../../lib/audit.ts';
import { conflict, invalid, notFound, staleVersion } from '../../lib/errors.ts';
import { peopleOf } from '../../lib/people.ts';
import type { SessionUser } from '../../plugins/auth.ts';
import { hasSignedCurrent } from '../confidentiality/service.ts';
import { recordCustomerEvent } from '../customer-events/service.ts';

type Db = PrismaClient | Tx;

/** The roles that follow enquiries up (enquiry:write): a handler must hold one of them. */
const WRITERS: readonly TRole[] = ROLES.filter((r) => can(r, 'enquiry:write'));

/**
 * Who sees which enquiries: the organisation's managers and leads (customer:read:any, or read-only
 * roles) every one; callers and handlers those they handle or recorded.
 */
export function seesAllEnquiries(role: TRole): boolean {
  return can(role, 'customer:read:any') || !can(role, 'enquiry:write');
}

export function enquiryScope(user: SessionUser): Prisma.EnquiryWhereInput {
  if (seesAllEnquiries(user.role)) return { organizationId: user.organizationId };
  return {
    organizationId: user.organizationId,
    OR: [{ handledById: user.id }, { createdById: user.id }],
  };
}

/** The full number only to the enquiry's handler and to users who may reveal contacts (R-ENQ-1). */
export function mayReveal(user: SessionUser, e: { handledById: string | null }): boolean {
  return can(user.role, 'customer:contact:reveal') || e.handledById === user.id;
}

type Row = Enquiry & {
  customer: { id: string; name: string } | null;
  followUps: { nextDay: Date | null; at: Date }[];
  _count: { followUps: number };
};
const INCLUDE = {
  customer: { select: { id: true, name: true } },
  followUps: {
    select: { nextDay: true, at: true },
    orderBy: [{ at: 'desc' as const }, { id: 'desc' as const }],
    take: 1,
  },
  _count: { select: { followUps: true } },
} satisfies Prisma.EnquiryInclude;

async function reasonsById(db: Db, ids: (string | null)[]): Promise<Map<string, TEnquiryReason>> {
  const wanted = [...new Set(ids.filter((x): x is string => !!x))];
  if (!wanted.length) return new Map();
  const rows = await db.churnReason.findMany({ where: { id: { in: wanted } } });
  return new Map(rows.map((r) => [r.id, toReason(r)]));
}

function toReason(r: {
  id: string;
  category: string;
  label: string;
  labelEn: string | null;
}): TEnquiryReason {
  return { id: r.id, category: r.category as ChurnCategory, label: r.label, labelEn: r.labelEn };
}

async function present(db: Db, rows: Row[], unmasked: (r: Row) => boolean): Promise<TEnquiry[]> {
  const person = await peopleOf(
    db,
    rows.flatMap((r) => [r.handledById, r.createdById]),
  );
  const reasons = await reasonsById(
    db,
    rows.map((r) => r.lostReasonId),
  );
  return rows.map((r) => {
    const full = unmasked(r);
    const last = r.followUps[0];
    return {
      id: r.id,
      number: r.number,
      name: r.name,
      phone: full ? r.phone : maskPhone(r.phone),
      contactMasked: !full,
      channel: r.channel as TEnquiry['channel'],
      course: r.course,
      day: dateToDay(r.day),
      status: r.status as TEnquiry['status'],
      handledBy: person(r.handledById),
      createdBy: person(r.createdById),
      customer: r.customer,
      lostReason: r.lostReasonId ? (reasons.get(r.lostReasonId) ?? null) : null,
      lostNote: r.lostNote,
      decidedAt: r.decidedAt ? r.decidedAt.toISOString() : null,
      note: r.note,
      nextFollowUpDay: last?.nextDay ? dateToDay(last.nextDay) : null,
      followUpCount: r._count.followUps,
      version: r.version,
      createdAt: r.createdAt.toISOString(),
    };
  });
}

export async function listEnquiries(
  prisma: PrismaClient,
  actor: Actor,
  q: z.output<typeof ZEnquiryListQuery>,
): Promise<TPage<TEnquiry>> {
  const user = actor.user;
  const and: Prisma.EnquiryWhereInput[] = [enquiryScope(user)];
  if (q.status) and.push({ status: q.status });
  if (q.channel) and.push({ channel: q.channel });
  if (q.month) {
    const { first, last } = monthBounds(q.month);
    and.push({ day: { gte: dayToDate(first), lte: dayToDate(last) } });
  }
  if (q.from) and.push({ day: { gte: dayToDate(q.from) } });
  if (q.to) and.push({ day: { lte: dayToDate(q.to) } });
  if (q.handledBy) and.push({ handledById: q.handledBy === 'me' ? user.id : q.handledBy });
  if (q.q) and.push({ name: { contains: escapeLike(q.q), mode: 'insensitive' } });
  const where: Prisma.EnquiryWhereInput = { AND: and };
  const [total, rows] = await Promise.all([
    prisma.enquiry.count({ where }),
    prisma.enquiry.findMany({
      where,
      include: INCLUDE,
      orderBy: [{ day: 'desc' }, { number: 'desc' }],
      skip: (q.page - 1) * q.size,
      take: q.size,
    }),
  ]);
  // A list never shows a whole number: the detail does, to whoever may see it (audited).
  return { items: await present(prisma, rows, () => false), total, page: q.page, size: q.size };
}

async function findVisible(db: Db, user: SessionUser, id: string): Promise<Row> {
  const row = await db.enquiry.findFirst({ where: { AND: [{ id }, enquiryScope(user)] }, include: INCLUDE });
  if (!row) throw notFound('Enquiry');
  return row;
}

async function detail(db: Db, actor: Actor, row: Row, auditRead: boolean): Promise<TEnquiryDetail> {
  const user = actor.user;
  // the full number also waits for the confidentiality agreement (R-CONF-2)
  const full = showsFullContact({
    grantedByObject: mayReveal(user, row),
    signed: await hasSignedCurrent(db, user),
  });
  const [base] = await present(db, [row], () => full);
  const followUps = await db.enquiryFollowUp.findMany({
    where: { enquiryId: row.id },
    orderBy: [{ at: 'desc' }, { id: 'desc' }],
  });
  const person = await peopleOf(
    db,
    followUps.map((f) => f.byId),
  );
  const churnCase = await db.churnCase.findFirst({
    where: { organizationId: user.organizationId, enquiryId: row.id },
    select: { id: true },
  });
  if (full && auditRead) {
    await audit(db as Tx, actor, {
      action: 'CONTACT_READ',
      entity: 'Enquiry',
      entityId: row.id,
      after: { via: 'enquiry', fields: ['phone'] },
    });
  }
  return {
    ...base!,
    followUps: followUps.map((f) => ({
      id: f.id,
      by: person(f.byId),
      at: f.at.toISOString(),
      note: f.note,
      nextDay: f.nextDay ? dateToDay(f.nextDay) : null,
    })),
    churnCaseId: churnCase?.id ?? null,
  };
}

export async function getEnquiry(prisma: PrismaClient, actor: Actor, id: string): Promise<TEnquiryDetail> {
  const row = await findVisible(prisma, actor.user, id);
  return detail(prisma, actor, row, true);
}

function validPhone(raw: string): string {
  const p = checkPhone(raw);
  // the message names the rule, never the digits typed
  if (!p.ok) throw invalid('The phone number is not valid', [{ path: 'phone', message: p.message }]);
  return p.phone;
}

function checkDay(day: string, today: string, field = 'day') {
  if (day > today) throw invalid('The day cannot be after today', [{ path: field, message: 'after today' }]);
}

async function checkHandler(db: Db, organizationId: string, id: string | null | undefined) {
  if (!id) return;
  const u = await db.user.findFirst({
    where: { id, organizationId, active: true, role: { in: [...WRITERS] } },
    select: { id: true },
  });
  if (!u)
    throw invalid('The handler must be an active user who follows up enquiries', [
      { path: 'handledById', message: 'not a user who may handle enquiries' },
    ]);
}

export async function createEnquiry(
  prisma: PrismaClient,
  actor: Actor,
  body: z.output<typeof ZEnquiryCreate>,
): Promise<TEnquiryDetail> {
  const user = actor.user;
  const phone = validPhone(body.phone);
  const today = dayIn(actor.now, user.timezone);
  const day = body.day ?? today;
  checkDay(day, today);
  const handledById = body.handledById === undefined ? user.id : body.handledById;
  await checkHandler(prisma, user.organizationId, handledById);
  const id = await prisma.$transaction(async (tx) => {
    // Numbers are per organisation: creators queue on a lock of their organisation.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('enquiry-number'), hashtext(${user.organizationId}))`;
    const max = await tx.enquiry.aggregate({
      where: { organizationId: user.organizationId },
      _max: { number: true },
    });
    const row = await tx.enquiry.create({
      data: {
        organizationId: user.organizationId,
        number: (max._max.number ?? 0) + 1,
        name: body.name,
        phone,
        channel: body.channel,
        course: body.course || null,
        day: dayToDate(day),
        handledById,
        note: body.note || null,
        createdById: user.id,
        createdAt: actor.now,
      },
    });
    await audit(tx, actor, {
      action: 'ENQUIRY_CREATE',
      entity: 'Enquiry',
      entityId: row.id,
      // never the phone (R-ENQ-1): a masked number's digits appear nowhere but where it may be seen
      after: {
        number: row.number,
        name: row.name,
        channel: row.channel,
        course: row.course,
        day,
        handledById,
      },
    });
    return row.id;
  });
  const row = await findVisible(prisma, user, id);
  return detail(prisma, actor, row, false);
}

/** The enquiry, locked for a change: 404 out of sight, 409 STALE_VERSION, 409 unless OPEN. */
async function forChange(tx: Tx, user: SessionUser, id: string, version: number): Promise<Row> {
  const row = await findVisible(tx, user, id);
  if (row.status !== 'OPEN')
    throw conflict('Only an open enquiry can be changed', { reason: 'NOT_OPEN', status: row.status });
  if (row.version !== version) throw staleVersion(row.version);
  return row;
}

async function bump(tx: Tx, row: Row, data: Prisma.EnquiryUncheckedUpdateManyInput) {
  const done = await tx.enquiry.updateMany({
    where: { id: row.id, version: row.version },
    data: { ...data, version: { increment: 1 } },
  });
  if (done.count === 0) throw staleVersion(row.version + 1);
}

export async function updateEnquiry(
  prisma: PrismaClient,
  actor: Actor,
  id: string,
  body: z.output<typeof ZEnquiryPatch>,
): Promise<TEnquiryDetail> {
  const user = actor.user;
  const today = dayIn(actor.now, user.timezone);
  const phone = body.phone !== undefined ? validPhone(body.phone) : undefined;
  if (body.day !== undefined) checkDay(body.day, today);
  await prisma.$transaction(async (tx) => {
    const row = await forChange(tx, user, id, body.version);
    if (body.handledById !== undefined && body.handledById !== row.handledById)
      await checkHandler(tx, user.organizationId, body.handledById);
    const data: Prisma.EnquiryUpdateManyMutationInput = {};
    const changed: string[] = [];
    const set = <K extends keyof Prisma.EnquiryUpdateManyMutationInput>(
      k: K,
      v: Prisma.EnquiryUpdateManyMutationInput[K],
      cur: unknown,
    ) => {
      const a = v instanceof Date ? v.getTime() : (v ?? null);
      const b = cur instanceof Date ? cur.getTime() : (cur ?? null);
      if (a === b) return;
      data[k] = v;
      changed.push(k);
    };
    if (body.name !== undefined) set('name', body.name, row.name);
    if (phone !== undefined) set('phone', phone, row.phone);
    if (body.channel !== undefined) set('channel', body.channel, row.channel);
    if (body.course !== undefined) set('course', body.course || null, row.course);
    if (body.day !== undefined) set('day', dayToDate(body.day), row.day);
    if (body.handledById !== undefined) set('handledById', body.handledById, row.handledById);
    if (body.note !== undefined) set('note', body.note || null, row.note);
    if (!changed.length) return;
    await bump(tx, row, data);
    const shown = (k: string, v: unknown) =>
      k === 'phone' ? undefined : v instanceof Date ? dateToDay(v) : v;
    await audit(tx, actor, {
      action: 'ENQUIRY_UPDATE',
      entity: 'Enquiry',
      entityId: id,
      // the phone is named as changed, never written (R-ENQ-1)
      before: Object.fromEntries(changed.map((k) => [k, shown(k, row[k as keyof Row])])),
      after: Object.fromEntries(changed.map((k) => [k, shown(k, data[k as keyof typeof data])])),
    });
  });
  return detail(prisma, actor, await findVisible(prisma, user, id), false);
}

export async function addFollowUp(
  prisma: PrismaClient,
  actor: Actor,
  id: string,
  body: z.output<typeof ZEnquiryFollowUpCreate>,
): Promise<TEnquiryDetail> {
  const user = actor.user;
  const today = dayIn(actor.now, user.timezone);
  if (body.nextDay && body.nextDay < today)
    throw invalid('The next follow-up cannot be before today', [
      { path: 'nextDay', message: 'before today' },
    ]);
  await prisma.$transaction(async (tx) => {
    const row = await findVisible(tx, user, id);
    if (row.status !== 'OPEN')
      throw conflict('Only an open enquiry is followed up', { reason: 'NOT_OPEN', status: row.status });
    const f = await tx.enquiryFollowUp.create({
      data: {
        enquiryId: id,
        byId: user.id,
        at: actor.now,
        note: body.note,
        nextDay: body.nextDay ? dayToDate(body.nextDay) : null,
        createdAt: actor.now,
      },
    });
    await audit(tx, actor, {
      action: 'ENQUIRY_FOLLOW_UP',
      entity: 'Enquiry',
      entityId: id,
      after: { followUpId: f.id, nextDay: body.nextDay ?? null },
    });
  });
  return detail(prisma, actor, await findVisible(prisma, user, id), false);
}

/**
 * Converts an open enquiry (R-ENQ-1): the customer of the same phone is linked, or created as a new
 * enrollee of the course; their ENQUIRY event on the enquiry's day and ENROLLED event on the
 * conversion day are recorded under the enquiry's external ids, so a retry never raises them twice.
 */
export async function convertEnquiry(
  prisma: PrismaClient,
  actor: Actor,
  id: string,
  body: z.output<typeof ZEnquiryConvert>,
): Promise<TEnquiryDetail> {
  const user = actor.user;
  const today = dayIn(actor.now, user.timezone);
  const day = body.day ?? today;
  checkDay(day, today);
  await prisma.$transaction(async (tx) => {
    const row = await forChange(tx, user, id, body.version);
    const enquiryDay = dateToDay(row.day);
    if (day < enquiryDay)
      throw invalid('The enrolment cannot be before the enquiry', [
        { path: 'day', message: 'before the enquiry day' },
      ]);
    const course = body.course ?? row.course;
    let customer = await tx.customer.findFirst({
      where: { organizationId: user.organizationId, phone: row.phone },
    });
    let linked = true;
    if (!customer) {
      linked = false;
      customer = await tx.customer.create({
        data: {
          organizationId: user.organizationId,
          name: row.name,
          phone: row.phone,
          segment: 'NEW_ENROLLEE',
          tier: 'MID',
          programme: course,
          enrolledAt: dayToDate(day),
          createdAt: actor.now,
        },
      });
    } else if (customer.segment === 'PROSPECT' || customer.segment === 'CHURNED') {
      // a prospect who enrolls, or a former customer who comes back, is a new enrollee again
      await tx.customer.update({
        where: { id: customer.id },
        data: {
          segment: 'NEW_ENROLLEE',
          programme: course ?? customer.programme,
          enrolledAt: dayToDate(day),
          version: { increment: 1 },
        },
      });
    }
    await bump(tx, row, { status: 'ENROLLED', customerId: customer.id, decidedAt: actor.now });
    const note = course ?? undefined;
    await recordCustomerEvent(
      tx,
      actor,
      {
        customerId: customer.id,
        kind: 'ENQUIRY',
        day: enquiryDay,
        source: 'ENQUIRY',
        externalId: `enquiry:${id}`,
        note,
      },
      user.timezone,
    );
    await recordCustomerEvent(
      tx,
      actor,
      {
        customerId: customer.id,
        kind: 'ENROLLED',
        day,
        source: 'ENQUIRY',
        externalId: `enquiry:${id}:enrolled`,
        note,
      },
      user.timezone,
    );
    await audit(tx, actor, {
      action: 'ENQUIRY_CONVERT',
      entity: 'Enquiry',
      entityId: id,
      before: { status: 'OPEN' },
      after: { status: 'ENROLLED', customerId: customer.id, customerCreated: !linked, day, course },
    });
  });
  return detail(prisma, actor, await findVisible(prisma, user, id), false);
}

/**
 * Closes an open enquiry as NOT_ENROLLED (R-ENQ-1) with one of the organisation's active churn
 * reasons and/or a note, and records its confirmed churn case (stage NOT_ENROLLED, 咨询未报名) for the
 * department that answers for the reason's category.
 */
export async function closeEnquiry(
  prisma: PrismaClient,
  actor: Actor,
  id: string,
  body: z.output<typeof ZEnquiryClose>,
): Promise<TEnquiryDetail> {
  const user = actor.user;
  const today = dayIn(actor.now, user.timezone);
  await prisma.$transaction(async (tx) => {
    const row = await forChange(tx, user, id, body.version);
    let reason: { id: string; category: string } | null = null;
    if (body.lostReasonId) {
      reason = await tx.churnReason.findFirst({
        where: { id: body.lostReasonId, organizationId: user.organizationId, active: true },
        select: { id: true, category: true },
      });
      if (!reason)
        throw invalid('Choose one of the active reasons', [
          { path: 'lostReasonId', message: 'not an active reason of the organisation' },
        ]);
    }
    const kind = reason ? CHURN_CATEGORY_DEPARTMENT[reason.category as ChurnCategory] : null;
    const department = kind
      ? await tx.department.findFirst({
          where: { organizationId: user.organizationId, kind },
          orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
          select: { id: true },
        })
      : null;
    await bump(tx, row, {
      status: 'NOT_ENROLLED',
      lostReasonId: reason?.id ?? null,
      lostNote: body.note ?? null,
      decidedAt: actor.now,
    });
    const churnCase = await tx.churnCase.create({
      data: {
        organizationId: user.organizationId,
        customerId: row.customerId,
        status: 'CONFIRMED',
        stage: 'NOT_ENROLLED',
        day: dayToDate(today),
        departmentId: department?.id ?? null,
        reasonId: reason?.id ?? null,
        note: body.note ?? null,
        enquiryId: id,
        dedupeKey: `enquiry:${id}`,
        createdById: user.id,
        decidedById: user.id,
        decidedAt: actor.now,
        createdAt: actor.now,
      },
    });
    await audit(tx, actor, {
      action: 'ENQUIRY_CLOSE',
      entity: 'Enquiry',
      entityId: id,
      before: { status: 'OPEN' },
      after: {
        status: 'NOT_ENROLLED',
        lostReasonId: reason?.id ?? null,
        note: body.note ?? null,
        churnCaseId: churnCase.id,
        departmentId: department?.id ?? null,
      },
    });
  });
  return detail(prisma, actor, await findVisible(prisma, user, id), false);
}

/** The organisation's active churn reasons, in their order, for closing an enquiry. */
export async function enquiryReasons(prisma: PrismaClient, user: SessionUser): Promise<TEnquiryReason[]> {
  const rows = await prisma.churnReason.findMany({
    where: { organizationId: user.organizationId, active: true },
    orderBy: [{ category: 'asc' }, { sort: 'asc' }, { label: 'asc' }],
  });
  return rows.map(toReason);
}

/** The funnel can look back at most this many months at once. */
export const FUNNEL_MAX_MONTHS = 36;

/**
 * The funnel of the enquiries whose day falls in `from`..`to` (R-ENQ-2): the rows come from SQL —
 * the enquiries in sight and the (not cancelled) events of their customers — and are counted by the
 * pure `buildFunnel`. An enquiry's enrolment day is its ENROLLED event's (the conversion's).
 */
export async function enquiryFunnel(
  prisma: PrismaClient,
  actor: Actor,
  q: z.output<typeof ZEnquiryFunnelQuery>,
): Promise<TEnquiryFunnel> {
  const user = actor.user;
  if (q.to < q.from)
    throw invalid('The period ends before it starts', [{ path: 'to', message: 'before from' }]);
  if (monthsBetween(q.from, q.to).length > FUNNEL_MAX_MONTHS)
    throw invalid(`The funnel covers at most ${FUNNEL_MAX_MONTHS} months`, [
      { path: 'to', message: `more than ${FUNNEL_MAX_MONTHS} months after from` },
    ]);
  const first = monthBounds(q.from).first;
  const last = monthBounds(q.to).last;
  const rows = await prisma.enquiry.findMany({
    where: {
      AND: [
        enquiryScope(user),
        { day: { gte: dayToDate(first), lte: dayToDate(last) } },
        q.channel ? { channel: q.channel } : {},
      ],
    },
    select: { id: true, day: true, channel: true, status: true, customerId: true, decidedAt: true },
  });
  const customerIds = [
    ...new Set(rows.filter((r) => r.status === 'ENROLLED' && r.customerId).map((r) => r.customerId!)),
  ];
  const events = customerIds.length
    ? await prisma.customerEvent.findMany({
        where: {
          organizationId: user.organizationId,
          customerId: { in: customerIds },
          kind: { in: ['ENROLLED', ...Object.keys(FUNNEL_EVENT_STAGE)] },
          cancelledAt: null,
        },
        select: { customerId: true, kind: true, day: true, source: true, externalId: true },
      })
    : [];
  const enrolledOn = new Map<string, string>();
  for (const e of events)
    if (e.source === 'ENQUIRY' && e.kind === 'ENROLLED' && e.externalId?.startsWith('enquiry:'))
      enrolledOn.set(e.externalId.slice('enquiry:'.length).replace(/:enrolled$/, ''), dateToDay(e.day));
  const enquiries: FunnelEnquiry[] = rows.map((r) => {
    const converted = r.status === 'ENROLLED' && r.customerId !== null;
    return {
      id: r.id,
      day: dateToDay(r.day),
      channel: r.channel,
      customerId: converted ? r.customerId : null,
      enrolledDay: converted
        ? (enrolledOn.get(r.id) ?? (r.decidedAt ? dayIn(r.decidedAt, user.timezone) : dateToDay(r.day)))
        : null,
    };
  });
  const funnel = buildFunnel(
    q.from,
    q.to,
    enquiries,
    events.map((e) => ({ customerId: e.customerId, kind: e.kind, day: dateToDay(e.day) })),
  );
  return { ...funnel, channel: q.channel ?? null };
}

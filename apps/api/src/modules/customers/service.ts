import {
  can,
  type TCustomer,
  type TCustomerDetail,
  type TCustomerListItem,
  type TCustomerSort,
  type TPage,
  type ZCustomerCreate,
  type ZCustomerListQuery,
  type ZCustomerPatch,
} from '@huifang/contracts';
import {
  checkPhone,
  dateToDay,
  dayToDate,
  isTaskOpen,
  phoneSearch,
  showsFullContact,
  startOfDay,
} from '@huifang/domain';
import type { z } from 'zod';
import type { Customer } from '../../db/generated/client.ts';
import type { Prisma, PrismaClient, Tx } from '../../db/prisma.ts';
import { escapeLike, looksLikePhone, phoneWhere } from '../../db/search.ts';
import type { Actor } from '../../lib/actor.ts';
import { audit } from '../../lib/audit.ts';
import { countUpToCap } from '../../lib/count.ts';
import { conflict, forbidden, invalid, notFound, staleVersion } from '../../lib/errors.ts';
import type { SessionUser } from '../../plugins/auth.ts';
import { checkReveal, hasSignedCurrent } from '../confidentiality/service.ts';
import { toCustomer, toListItem } from './mappers.ts';

/** Users without `customer:read:any` (callers) see only customers on a task assigned to them. */
export function customerScope(user: SessionUser): Prisma.CustomerWhereInput {
  if (can(user.role, 'customer:read:any')) return { organizationId: user.organizationId };
  return { organizationId: user.organizationId, tasks: { some: { assigneeId: user.id } } };
}

export const ORDER: Record<TCustomerSort, Prisma.CustomerOrderByWithRelationInput[]> = {
  name: [{ name: 'asc' }, { id: 'asc' }],
  '-name': [{ name: 'desc' }, { id: 'desc' }],
  // Never visited counts as longest ago
  lastVisitAt: [{ lastVisitAt: { sort: 'asc', nulls: 'first' } }, { id: 'asc' }],
  '-lastVisitAt': [{ lastVisitAt: { sort: 'desc', nulls: 'last' } }, { id: 'desc' }],
  createdAt: [{ createdAt: 'asc' }, { id: 'asc' }],
  '-createdAt': [{ createdAt: 'desc' }, { id: 'desc' }],
};

/** The customers a list (or an export) asks for, within what the user may see. */
export function customerWhere(
  user: SessionUser,
  q: Omit<z.output<typeof ZCustomerListQuery>, 'page' | 'size' | 'sort'>,
): { where: Prisma.CustomerWhereInput; search: ReturnType<typeof phoneSearch> | null } {
  const and: Prisma.CustomerWhereInput[] = [customerScope(user)];
  const search = q.q && looksLikePhone(q.q) ? phoneSearch(q.q) : null;
  if (search) and.push(phoneWhere(search));
  else if (q.q) and.push({ name: { contains: escapeLike(q.q), mode: 'insensitive' } });
  if (q.segment?.length) and.push({ segment: { in: q.segment } });
  if (q.tier?.length) and.push({ tier: { in: q.tier } });
  if (q.consent) and.push({ refusesVisits: q.consent === 'refused' });
  if (q.programme) and.push({ programme: q.programme });
  if (q.lastVisitBefore) {
    and.push({
      OR: [{ lastVisitAt: null }, { lastVisitAt: { lt: startOfDay(q.lastVisitBefore, user.timezone) } }],
    });
  }
  return { where: { AND: and }, search };
}

export async function listCustomers(
  prisma: PrismaClient,
  actor: Actor,
  q: z.output<typeof ZCustomerListQuery>,
): Promise<TPage<TCustomerListItem>> {
  const { where, search } = customerWhere(actor.user, q);
  const [{ total, more }, rows] = await Promise.all([
    // counted up to the cap (docs/api.md#pagination): an exact count of 200,000 cost more than the page
    countUpToCap((take) => prisma.customer.count({ where, take })),
    prisma.customer.findMany({
      where,
      orderBy: ORDER[q.sort],
      skip: (q.page - 1) * q.size,
      take: q.size,
    }),
  ]);
  if (search?.kind === 'exact') {
    // Finding a customer by their whole number is a use of contact data: it is audited, without the number.
    await audit(prisma, actor, {
      action: 'CONTACT_SEARCH',
      entity: 'Customer',
      entityId: rows.length === 1 ? rows[0]!.id : null,
      after: { via: 'search', matched: total },
    });
  }
  return { items: rows.map(toListItem), total, more, page: q.page, size: q.size };
}

/**
 * Whether the user may see a customer, and with unmasked contact data. Users with
 * `customer:read:any` see every customer of the organisation, masked; anyone else only
 * customers on a task assigned to them, unmasked while one of those tasks is open and the user has
 * signed the current confidentiality agreement (R-CONF-2). `ownOpenTask` is the task part alone.
 */
async function access(
  db: Tx,
  user: SessionUser,
  customerId: string,
): Promise<{ customer: Customer; unmasked: boolean; ownOpenTask: boolean }> {
  const customer = await db.customer.findFirst({
    where: { id: customerId, organizationId: user.organizationId },
  });
  if (!customer) throw notFound('Customer');
  const tasks = await db.task.findMany({
    where: { customerId, assigneeId: user.id, organizationId: user.organizationId },
    select: { status: true },
  });
  if (!can(user.role, 'customer:read:any') && tasks.length === 0)
    throw forbidden('This customer is not on any of your tasks');
  const ownOpenTask = tasks.some((t) => isTaskOpen(t.status));
  const unmasked = showsFullContact({
    grantedByObject: ownOpenTask,
    signed: ownOpenTask && (await hasSignedCurrent(db, user)),
  });
  return { customer, unmasked, ownOpenTask };
}

export async function getCustomer(
  prisma: PrismaClient,
  actor: Actor,
  user: SessionUser,
  id: string,
): Promise<TCustomerDetail> {
  const { customer, unmasked } = await access(prisma, user, id);
  const [visits, tasks] = await Promise.all([
    prisma.visitRecord.findMany({
      where: { customerId: id, organizationId: user.organizationId },
      orderBy: [{ startedAt: 'desc' }, { id: 'desc' }],
      take: 200,
    }),
    prisma.task.findMany({
      where: { customerId: id, organizationId: user.organizationId },
      orderBy: [{ dueDate: 'desc' }, { id: 'desc' }],
      take: 200,
    }),
  ]);
  const userIds = [...new Set([...visits.map((v) => v.callerId), ...tasks.map((t) => t.assigneeId)])];
  const names = new Map(
    (
      await prisma.user.findMany({
        where: { id: { in: userIds }, organizationId: user.organizationId },
        select: { id: true, name: true },
      })
    ).map((u) => [u.id, u.name]),
  );
  if (unmasked) {
    await audit(prisma, actor, {
      action: 'CONTACT_READ',
      entity: 'Customer',
      entityId: id,
      after: { via: 'detail', fields: customer.email ? ['phone', 'email'] : ['phone'] },
    });
  }
  const c = toCustomer(customer, !unmasked);
  return {
    ...c,
    consent: {
      refusesVisits: c.refusesVisits,
      refusedAt: c.refusedAt,
      preferredChannel: c.preferredChannel,
      preferredTimeFrom: c.preferredTimeFrom,
      preferredTimeTo: c.preferredTimeTo,
      consentNote: c.consentNote,
    },
    visits: visits.map((v) => ({
      id: v.id,
      taskId: v.taskId,
      startedAt: v.startedAt.toISOString(),
      outcome: v.outcome,
      satisfaction: v.satisfaction,
      channel: v.channel,
      callerId: v.callerId,
      callerName: names.get(v.callerId) ?? null,
      opinions: v.opinions,
      suggestions: v.suggestions,
      amendmentCount: v.amendmentCount,
    })),
    tasks: tasks.map((t) => ({
      id: t.id,
      status: t.status,
      dueDate: dateToDay(t.dueDate),
      purpose: t.purpose,
      channel: t.channel,
      assigneeId: t.assigneeId,
      assigneeName: names.get(t.assigneeId) ?? null,
    })),
  };
}

/**
 * Full phone and e-mail: for a caller with an open task on the customer, or users allowed to reveal
 * contacts as the reveal policy asks (a reason, or an approved request); never before the current
 * confidentiality agreement is signed (R-CONF-2..4). Audited with how it was allowed.
 */
export async function revealContact(
  prisma: PrismaClient,
  actor: Actor,
  user: SessionUser,
  id: string,
  reason?: string,
): Promise<{ phone: string; email: string | null }> {
  return prisma.$transaction(async (tx) => {
    const { customer, ownOpenTask } = await access(tx, user, id);
    const { via } = await checkReveal(tx, actor, { customerId: id, ownOpenTask, reason });
    await audit(tx, actor, {
      action: 'CONTACT_READ',
      entity: 'Customer',
      entityId: id,
      after: {
        via: 'reveal',
        allowed: via,
        ...(via === 'REASON' ? { reason: reason?.trim() } : {}),
        fields: customer.email ? ['phone', 'email'] : ['phone'],
      },
    });
    return { phone: customer.phone, email: customer.email };
  });
}

function validPhone(raw: string): string {
  const p = checkPhone(raw);
  if (!p.ok) throw invalid('The phone number is not valid', [{ path: 'phone', message: p.message }]);
  return p.phone;
}

function checkTimeWindow(from: string | null, to: string | null) {
  if ((from === null) !== (to === null))
    throw invalid('A preferred time window needs both ends', [
      {
        path: from === null ? 'preferredTimeFrom' : 'preferredTimeTo',
        message: 'required with the other end',
      },
    ]);
  if (from !== null && to !== null && from >= to)
    throw invalid('The preferred time window ends before it starts', [
      { path: 'preferredTimeTo', message: 'must be later than preferredTimeFrom' },
    ]);
}

function checkDates(enrolledAt: Date | null, completedAt: Date | null) {
  if (enrolledAt && completedAt && completedAt < enrolledAt)
    throw invalid('The completion date is before the enrolment date', [
      { path: 'completedAt', message: 'must not be before enrolledAt' },
    ]);
}

const PHONE_TAKEN = () =>
  conflict('A customer with this phone number already exists', { field: 'phone', reason: 'PHONE_TAKEN' });

export async function createCustomer(
  prisma: PrismaClient,
  actor: Actor,
  user: SessionUser,
  body: z.output<typeof ZCustomerCreate>,
): Promise<TCustomer> {
  const phone = validPhone(body.phone);
  const from = body.preferredTimeFrom ?? null;
  const to = body.preferredTimeTo ?? null;
  checkTimeWindow(from, to);
  const enrolledAt = body.enrolledAt ? dayToDate(body.enrolledAt) : null;
  const completedAt = body.completedAt ? dayToDate(body.completedAt) : null;
  checkDates(enrolledAt, completedAt);
  return prisma.$transaction(async (tx) => {
    const taken = await tx.customer.findFirst({
      where: { organizationId: user.organizationId, phone },
      select: { id: true },
    });
    if (taken) throw PHONE_TAKEN();
    const refuses = body.refusesVisits ?? false;
    const customer = await tx.customer.create({
      data: {
        organizationId: user.organizationId,
        name: body.name,
        phone,
        email: body.email ?? null,
        segment: body.segment,
        tier: body.tier,
        programme: body.programme ?? null,
        enrolledAt,
        completedAt,
        notes: body.notes ?? null,
        refusesVisits: refuses,
        refusedAt: refuses ? actor.now : null,
        preferredChannel: body.preferredChannel ?? null,
        preferredTimeFrom: from,
        preferredTimeTo: to,
        consentNote: body.consentNote ?? null,
        language: body.language === 'en' ? 'en' : null,
      },
    });
    await audit(tx, actor, {
      action: 'CUSTOMER_CREATED',
      entity: 'Customer',
      entityId: customer.id,
      after: toCustomer(customer, false),
    });
    // The creator typed the number in: echo it back as it is stored.
    return toCustomer(customer, false);
  });
}

const CONSENT_FIELDS = [
  'refusesVisits',
  'refusedAt',
  'preferredChannel',
  'preferredTimeFrom',
  'preferredTimeTo',
  'consentNote',
] as const;
const EDITABLE = [
  'name',
  'phone',
  'email',
  'segment',
  'tier',
  'programme',
  'enrolledAt',
  'completedAt',
  'notes',
  'language',
  ...CONSENT_FIELDS,
] as const;
type Editable = (typeof EDITABLE)[number];

const comparable = (v: unknown) => (v instanceof Date ? v.toISOString() : (v ?? null));
const jsonValue = (k: Editable, v: unknown) =>
  v instanceof Date
    ? k === 'enrolledAt' || k === 'completedAt'
      ? dateToDay(v)
      : v.toISOString()
    : (v ?? null);

export async function updateCustomer(
  prisma: PrismaClient,
  actor: Actor,
  user: SessionUser,
  id: string,
  body: z.output<typeof ZCustomerPatch>,
): Promise<TCustomerDetail> {
  await prisma.$transaction(async (tx) => {
    const cur = await tx.customer.findFirst({ where: { id, organizationId: user.organizationId } });
    if (!cur) throw notFound('Customer');
    if (body.version !== undefined && body.version !== cur.version) throw staleVersion(cur.version);

    const next: Partial<Record<Editable, unknown>> = {};
    if (body.name !== undefined) next.name = body.name;
    if (body.phone !== undefined) next.phone = validPhone(body.phone);
    if (body.email !== undefined) next.email = body.email;
    if (body.segment !== undefined) next.segment = body.segment;
    if (body.tier !== undefined) next.tier = body.tier;
    if (body.programme !== undefined) next.programme = body.programme;
    if (body.enrolledAt !== undefined) next.enrolledAt = body.enrolledAt ? dayToDate(body.enrolledAt) : null;
    if (body.completedAt !== undefined)
      next.completedAt = body.completedAt ? dayToDate(body.completedAt) : null;
    if (body.notes !== undefined) next.notes = body.notes;
    if (body.refusesVisits !== undefined) next.refusesVisits = body.refusesVisits;
    if (body.preferredChannel !== undefined) next.preferredChannel = body.preferredChannel;
    if (body.preferredTimeFrom !== undefined) next.preferredTimeFrom = body.preferredTimeFrom;
    if (body.preferredTimeTo !== undefined) next.preferredTimeTo = body.preferredTimeTo;
    if (body.consentNote !== undefined) next.consentNote = body.consentNote;
    if (body.language !== undefined) next.language = body.language === 'en' ? 'en' : null;
    if (body.refusesVisits !== undefined && body.refusesVisits !== cur.refusesVisits)
      next.refusedAt = body.refusesVisits ? actor.now : null;

    const merged = { ...cur, ...next } as Customer;
    checkTimeWindow(merged.preferredTimeFrom, merged.preferredTimeTo);
    checkDates(merged.enrolledAt, merged.completedAt);

    const changed = (Object.keys(next) as Editable[]).filter(
      (k) => comparable(next[k]) !== comparable(cur[k]),
    );
    if (changed.length === 0) return;
    if (changed.includes('phone')) {
      const taken = await tx.customer.findFirst({
        where: { organizationId: user.organizationId, phone: merged.phone, id: { not: id } },
        select: { id: true },
      });
      if (taken) throw PHONE_TAKEN();
    }
    const data = Object.fromEntries(
      changed.map((k) => [k, next[k]]),
    ) as Prisma.CustomerUpdateManyMutationInput;
    const res = await tx.customer.updateMany({
      where: { id, version: cur.version },
      data: { ...data, version: { increment: 1 } },
    });
    if (res.count === 0) {
      const now = await tx.customer.findUnique({ where: { id }, select: { version: true } });
      throw staleVersion(now?.version ?? cur.version);
    }
    const diff = (keys: readonly Editable[]) => ({
      before: Object.fromEntries(keys.map((k) => [k, jsonValue(k, cur[k])])),
      after: Object.fromEntries(keys.map((k) => [k, jsonValue(k, next[k])])),
    });
    await audit(tx, actor, {
      action: 'CUSTOMER_UPDATED',
      entity: 'Customer',
      entityId: id,
      ...diff(changed),
    });
    const consentChanged = changed.filter((k) => (CONSENT_FIELDS as readonly string[]).includes(k));
    if (consentChanged.length > 0) {
      await audit(tx, actor, {
        action: 'CONSENT_CHANGED',
        entity: 'Customer',
        entityId: id,
        ...diff(consentChanged),
      });
    }
  });
  return getCustomer(prisma, actor, user, id);
}

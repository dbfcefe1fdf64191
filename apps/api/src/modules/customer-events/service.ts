// Customer events (docs/product.md#customer-events): what happened to a customer — a discharge, a
// surgery, a closed complaint — on a day of the organisation's calendar. Entered on the customer
// page, posted by other systems or raised by the app itself; the cadence rules follow up on them.
// An event is never deleted: it is cancelled, with a reason, and the follow-ups it called for are
// withdrawn (docs/rules.md#r-cad-1-cadence-rules).
import {
  can,
  type TCustomerEvent,
  type TCustomerEventCreate,
  type TCustomerEventKind,
  type TCustomerEventSource,
  type TPage,
  type ZCustomerEventCancel,
  type ZCustomerEventListQuery,
} from '@huifang/contracts';
import { dateToDay, dayIn, dayToDate, isEventDayAllowed } from '@huifang/domain';
import type { z } from 'zod';
import type { CustomerEvent } from '../../db/generated/client.ts';
import type { Prisma, PrismaClient, Tx } from '../../db/prisma.ts';
import type { Actor, AnyActor } from '../../lib/actor.ts';
import { audit } from '../../lib/audit.ts';
import { conflict, notFound, ruleViolation, staleVersion } from '../../lib/errors.ts';
import { peopleOf } from '../../lib/people.ts';
import type { SessionUser } from '../../plugins/auth.ts';
import { customerScope } from '../customers/service.ts';

type Db = PrismaClient | Tx;
type Row = CustomerEvent & { customer: { id: string; name: string } };
const INCLUDE = { customer: { select: { id: true, name: true } } } as const;

/** Events of the customers the user may see: all of the organisation's, or a caller's assigned ones. */
function eventScope(user: SessionUser): Prisma.CustomerEventWhereInput {
  if (can(user.role, 'customer:read:any')) return { organizationId: user.organizationId };
  return { organizationId: user.organizationId, customer: customerScope(user) };
}

async function present(db: Db, rows: Row[]): Promise<TCustomerEvent[]> {
  const person = await peopleOf(
    db,
    rows.flatMap((r) => [r.createdById, r.cancelledById]),
  );
  return rows.map((r) => ({
    id: r.id,
    customer: r.customer,
    kind: r.kind as TCustomerEventKind,
    day: dateToDay(r.day),
    source: r.source as TCustomerEventSource,
    externalId: r.externalId,
    note: r.note,
    createdBy: person(r.createdById),
    createdAt: r.createdAt.toISOString(),
    cancelled: r.cancelledAt
      ? { at: r.cancelledAt.toISOString(), by: person(r.cancelledById), reason: r.cancelReason ?? '' }
      : null,
    version: r.version,
  }));
}

export async function listCustomerEvents(
  prisma: PrismaClient,
  actor: Actor,
  q: z.output<typeof ZCustomerEventListQuery>,
): Promise<TPage<TCustomerEvent>> {
  const and: Prisma.CustomerEventWhereInput[] = [eventScope(actor.user)];
  if (q.customerId) and.push({ customerId: q.customerId });
  if (q.kind) and.push({ kind: q.kind });
  if (q.source) and.push({ source: q.source });
  if (q.from) and.push({ day: { gte: dayToDate(q.from) } });
  if (q.to) and.push({ day: { lte: dayToDate(q.to) } });
  if (!q.includeCancelled) and.push({ cancelledAt: null });
  const where: Prisma.CustomerEventWhereInput = { AND: and };
  const [total, rows] = await Promise.all([
    prisma.customerEvent.count({ where }),
    prisma.customerEvent.findMany({
      where,
      include: INCLUDE,
      orderBy: [{ day: 'desc' }, { id: 'desc' }],
      skip: (q.page - 1) * q.size,
      take: q.size,
    }),
  ]);
  return { items: await present(prisma, rows), total, page: q.page, size: q.size };
}

/** The fields that make two postings of one external id the same event. */
const sameEvent = (row: CustomerEvent, e: NewEvent) =>
  row.customerId === e.customerId &&
  row.kind === e.kind &&
  dateToDay(row.day) === e.day &&
  (row.note ?? null) === (e.note ?? null);

export interface NewEvent extends TCustomerEventCreate {
  source: TCustomerEventSource;
  /** the integration key it came with (source API) */
  apiKeyId?: string;
}

/**
 * Records an event, or answers with the one already recorded under the same external id (and
 * source): `created` says which. The same external id with other content is a 409 CONFLICT, never
 * an overwrite. 404 for a customer of another organisation (or out of a caller's sight); 422 for a
 * day after today in the organisation's timezone.
 */
export async function recordCustomerEvent(
  db: Tx,
  actor: AnyActor,
  e: NewEvent,
  timezone: string,
): Promise<{ event: TCustomerEvent; created: boolean }> {
  const today = dayIn(actor.now, timezone);
  if (!isEventDayAllowed(e.day, today))
    throw ruleViolation('An event cannot be dated after today', {
      field: 'day',
      reason: 'FUTURE_DAY',
      today,
    });
  // whoever may record events sees every customer of the organisation (customer:write, a ticket's closing)
  const customer = await db.customer.findFirst({
    where: { id: e.customerId, organizationId: actor.organizationId },
    select: { id: true },
  });
  if (!customer) throw notFound('Customer');
  const existing = async () => {
    if (!e.externalId) return null;
    const row = await db.customerEvent.findUnique({
      where: {
        organizationId_source_externalId: {
          organizationId: actor.organizationId,
          source: e.source,
          externalId: e.externalId,
        },
      },
      include: INCLUDE,
    });
    if (!row) return null;
    if (!sameEvent(row, e))
      throw conflict('An event with this external id was recorded with other content', {
        reason: 'EXTERNAL_ID_REUSED',
        eventId: row.id,
      });
    return row;
  };
  const before = await existing();
  if (before) return { event: (await present(db, [before]))[0]!, created: false };
  const row = await db.customerEvent.create({
    data: {
      organizationId: actor.organizationId,
      customerId: e.customerId,
      kind: e.kind,
      day: dayToDate(e.day),
      source: e.source,
      externalId: e.externalId ?? null,
      note: e.note || null,
      createdById: actor.user?.id ?? null,
      apiKeyId: e.apiKeyId ?? null,
      createdAt: actor.now,
    },
    include: INCLUDE,
  });
  await audit(db, actor, {
    action: 'CUSTOMER_EVENT_CREATE',
    entity: 'CustomerEvent',
    entityId: row.id,
    after: {
      customerId: row.customerId,
      kind: row.kind,
      day: e.day,
      source: row.source,
      ...(e.apiKeyId ? { apiKeyId: e.apiKeyId } : {}),
    },
  });
  return { event: (await present(db, [row]))[0]!, created: true };
}

/**
 * `recordCustomerEvent` for a request (a user's, or another system's with its key): a second
 * posting of one external id that raced the first reads it back.
 */
export async function createCustomerEvent(
  prisma: PrismaClient,
  actor: AnyActor,
  e: NewEvent,
  timezone: string,
): Promise<{ event: TCustomerEvent; created: boolean }> {
  try {
    return await prisma.$transaction((tx) => recordCustomerEvent(tx, actor, e, timezone));
  } catch (err) {
    if ((err as { code?: string }).code !== 'P2002' || !e.externalId) throw err;
    return prisma.$transaction((tx) => recordCustomerEvent(tx, actor, e, timezone));
  }
}

/** Cancels an event with a reason (409 STALE_VERSION on a stale version, 409 CONFLICT when already cancelled). */
export async function cancelCustomerEvent(
  prisma: PrismaClient,
  actor: Actor,
  id: string,
  body: z.output<typeof ZCustomerEventCancel>,
): Promise<TCustomerEvent> {
  return prisma.$transaction(async (tx) => {
    const row = await tx.customerEvent.findFirst({ where: { id, ...eventScope(actor.user) } });
    if (!row) throw notFound('Event');
    if (row.cancelledAt) throw conflict('This event is already cancelled');
    if (row.version !== body.version) throw staleVersion(row.version);
    const done = await tx.customerEvent.updateMany({
      where: { id, version: body.version, cancelledAt: null },
      data: {
        cancelledAt: actor.now,
        cancelledById: actor.user.id,
        cancelReason: body.reason,
        version: { increment: 1 },
      },
    });
    if (done.count === 0) throw staleVersion(row.version + 1);
    await audit(tx, actor, {
      action: 'CUSTOMER_EVENT_CANCEL',
      entity: 'CustomerEvent',
      entityId: id,
      before: { cancelled: false },
      after: { cancelled: true, reason: body.reason },
    });
    const after = await tx.customerEvent.findUniqueOrThrow({ where: { id }, include: INCLUDE });
    return (await present(tx, [after]))[0]!;
  });
}

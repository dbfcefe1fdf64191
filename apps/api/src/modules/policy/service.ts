// Organisation policy (docs/rules.md#policy-defaults): thresholds, business hours, SLA hours, escalation, ticket routing.
import {
  TICKET_CATEGORIES,
  type TPolicy,
  type TPolicyPatch,
  type TTicketRoutes,
  type TTicketRoutesPut,
  ZBusinessHours,
  ZSlaHours,
} from '@huifang/contracts';
import type { BusinessCalendar } from '@huifang/domain';
import type { Prisma, PrismaClient, Tx } from '../../db/prisma.ts';
import type { Actor } from '../../lib/actor.ts';
import { audit } from '../../lib/audit.ts';
import { ruleViolation, staleVersion } from '../../lib/errors.ts';

type PolicyRow = Awaited<ReturnType<Tx['orgPolicy']['upsert']>>;

const DEFAULT_BUSINESS_HOURS = { start: '09:00', end: '18:00', weekdays: [1, 2, 3, 4, 5], holidays: [] };
const DEFAULT_SLA_HOURS = { LOW: 40, MEDIUM: 16, HIGH: 8, CRITICAL: 4 };

/** The policy row of an organisation, created with the defaults when missing. */
export async function policyRow(db: Tx, organizationId: string): Promise<PolicyRow> {
  return db.orgPolicy.upsert({ where: { organizationId }, create: { organizationId }, update: {} });
}

/** Stored JSON read defensively: a malformed value falls back to the defaults. */
export function parsePolicy(row: PolicyRow): TPolicy {
  const hours = ZBusinessHours.safeParse(row.businessHours);
  const sla = ZSlaHours.safeParse(row.slaHours);
  return {
    passThreshold: row.passThreshold,
    appealWindowDays: row.appealWindowDays,
    businessHours: hours.success ? hours.data : DEFAULT_BUSINESS_HOURS,
    slaHours: sla.success ? sla.data : DEFAULT_SLA_HOURS,
    escalateToManagementAfterHours: row.escalateToManagementAfterHours,
    version: row.version,
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function calendarOf(policy: TPolicy, tz: string): BusinessCalendar {
  return { tz, ...policy.businessHours };
}

/** The policy and the business calendar of an organisation. */
export async function loadPolicy(
  db: Tx,
  organizationId: string,
  tz: string,
): Promise<{ policy: TPolicy; calendar: BusinessCalendar }> {
  const policy = parsePolicy(await policyRow(db, organizationId));
  return { policy, calendar: calendarOf(policy, tz) };
}

export async function getPolicy(prisma: PrismaClient, actor: Actor): Promise<TPolicy> {
  const user = actor.user;
  return parsePolicy(await policyRow(prisma, user.organizationId));
}

export async function updatePolicy(prisma: PrismaClient, actor: Actor, body: TPolicyPatch): Promise<TPolicy> {
  const user = actor.user;
  const { version, ...changes } = body;
  if (Object.keys(changes).length === 0) throw ruleViolation('Nothing to change');
  return prisma.$transaction(async (tx) => {
    const before = await policyRow(tx, user.organizationId);
    const data: Prisma.OrgPolicyUpdateManyMutationInput = {
      ...changes,
      businessHours: changes.businessHours as Prisma.InputJsonValue | undefined,
      slaHours: changes.slaHours as Prisma.InputJsonValue | undefined,
      version: { increment: 1 },
    };
    const { count } = await tx.orgPolicy.updateMany({
      where: { organizationId: user.organizationId, version: version ?? before.version },
      data,
    });
    if (count === 0) throw staleVersion(before.version);
    const after = await tx.orgPolicy.findUniqueOrThrow({ where: { organizationId: user.organizationId } });
    await audit(tx, actor, {
      action: 'POLICY_UPDATE',
      entity: 'OrgPolicy',
      entityId: user.organizationId,
      before: parsePolicy(before),
      after: parsePolicy(after),
    });
    return parsePolicy(after);
  });
}

export async function getTicketRoutes(prisma: PrismaClient, actor: Actor): Promise<TTicketRoutes> {
  const user = actor.user;
  const [routes, departments] = await Promise.all([
    prisma.ticketRoute.findMany({ where: { organizationId: user.organizationId } }),
    prisma.department.findMany({
      where: { organizationId: user.organizationId },
      select: { id: true, name: true, kind: true },
      orderBy: { createdAt: 'asc' },
    }),
  ]);
  const names = new Map(departments.map((d) => [d.id, d.name]));
  const order = (c: string) => TICKET_CATEGORIES.indexOf(c as (typeof TICKET_CATEGORIES)[number]);
  return {
    routes: routes
      .sort((a, b) => order(a.category) - order(b.category))
      .map((r) => ({
        category: r.category,
        department: { id: r.departmentId, name: names.get(r.departmentId) ?? '' },
      })),
    departments,
  };
}

export async function putTicketRoutes(
  prisma: PrismaClient,
  actor: Actor,
  body: TTicketRoutesPut,
): Promise<TTicketRoutes> {
  const user = actor.user;
  const categories = body.routes.map((r) => r.category);
  const missing = TICKET_CATEGORIES.filter((c) => !categories.includes(c));
  if (missing.length || new Set(categories).size !== categories.length) {
    throw ruleViolation('Give every category exactly once', { field: 'routes', missing });
  }
  const departmentIds = [...new Set(body.routes.map((r) => r.departmentId))];
  const found = await prisma.department.count({
    where: { organizationId: user.organizationId, id: { in: departmentIds } },
  });
  if (found !== departmentIds.length) throw ruleViolation('Unknown department', { field: 'routes' });
  await prisma.$transaction(async (tx) => {
    const before = await tx.ticketRoute.findMany({ where: { organizationId: user.organizationId } });
    await tx.ticketRoute.deleteMany({ where: { organizationId: user.organizationId } });
    await tx.ticketRoute.createMany({
      data: body.routes.map((r) => ({ organizationId: user.organizationId, ...r })),
    });
    await audit(tx, actor, {
      action: 'TICKET_ROUTES_UPDATE',
      entity: 'TicketRoute',
      entityId: user.organizationId,
      before: before.map((r) => ({ category: r.category, departmentId: r.departmentId })),
      after: body.routes,
    });
  });
  return getTicketRoutes(prisma, actor);
}

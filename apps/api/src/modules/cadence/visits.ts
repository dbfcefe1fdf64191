// The rules' visits the daily run did not make, or took back (docs/rules.md#r-cad-6-contact-policy):
// suppressed (the customer is not to be contacted, or the cap leaves no day in the window), postponed
// (the cap, an open task, nobody to take it) and withdrawn, each with its reason, for the lead.
import type { TCadenceVisit, TCadenceVisitQuery, TPage } from '@huifang/contracts';
import { dayIn } from '@huifang/domain';
import { Prisma } from '../../db/generated/client.ts';
import type { PrismaClient } from '../../db/prisma.ts';
import type { Actor } from '../../lib/actor.ts';

const NOT_MADE = ['SUPPRESSED', 'POSTPONED', 'WITHDRAWN'];

export async function listCadenceVisits(
  prisma: PrismaClient,
  actor: Actor,
  q: TCadenceVisitQuery,
): Promise<TPage<TCadenceVisit>> {
  const org = await prisma.organization.findUniqueOrThrow({
    where: { id: actor.organizationId },
    select: { timezone: true },
  });
  const today = dayIn(actor.now, org.timezone);
  const where = Prisma.join(
    [
      Prisma.sql`v."organizationId" = ${actor.organizationId}::uuid`,
      q.status ? Prisma.sql`v.status = ${q.status}` : Prisma.sql`v.status IN (${Prisma.join(NOT_MADE)})`,
      ...(q.reason ? [Prisma.sql`v.reason = ${q.reason}`] : []),
      ...(q.ruleId ? [Prisma.sql`v."ruleId" = ${q.ruleId}::uuid`] : []),
      ...(q.open === true ? [Prisma.sql`v."windowEnd" >= ${today}::date`] : []),
      ...(q.open === false ? [Prisma.sql`v."windowEnd" < ${today}::date`] : []),
    ],
    ' AND ',
  );
  const rows = await prisma.$queryRaw<
    Array<
      Omit<TCadenceVisit, 'rule' | 'customer'> & {
        ruleId: string;
        ruleName: string;
        customerId: string;
        customerName: string;
        total: number;
      }
    >
  >`
    SELECT v.id::text AS id, v.status, v.reason, v."taskId"::text AS "taskId",
           to_char(v."dueDay", 'YYYY-MM-DD') AS "dueDay", to_char(v."windowEnd", 'YYYY-MM-DD') AS "windowEnd",
           to_char(v."notBefore", 'YYYY-MM-DD') AS "notBefore",
           to_char(v."updatedAt" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "updatedAt",
           r.id::text AS "ruleId", COALESCE(r.active->>'name', r.draft->>'name') AS "ruleName",
           c.id::text AS "customerId", c.name AS "customerName",
           e.kind AS "eventKind", to_char(e.day, 'YYYY-MM-DD') AS "eventDay",
           (SELECT count(*)::int FROM "CadenceVisit" v WHERE ${where}) AS total
      FROM "CadenceVisit" v
      JOIN "CadenceRule" r ON r.id = v."ruleId"
      JOIN "Customer" c ON c.id = v."customerId"
      JOIN "CustomerEvent" e ON e.id = v."eventId"
     WHERE ${where}
     ORDER BY v."dueDay" DESC, v.id DESC
     LIMIT ${q.size} OFFSET ${(q.page - 1) * q.size}`;
  const total =
    rows[0]?.total ??
    (
      await prisma.$queryRaw<
        Array<{ n: number }>
      >`SELECT count(*)::int AS n FROM "CadenceVisit" v WHERE ${where}`
    )[0]!.n;
  return {
    total,
    page: q.page,
    size: q.size,
    items: rows.map(({ ruleId, ruleName, customerId, customerName, total: _t, ...v }) => ({
      ...v,
      rule: { id: ruleId, name: ruleName },
      customer: { id: customerId, name: customerName },
    })),
  };
}

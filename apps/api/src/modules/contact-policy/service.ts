// The contact policy (docs/rules.md#r-cad-6-contact-policy): one row per organisation, the defaults
// until someone changes them. Read by everyone signed in (a caller's queue shows the quiet hours),
// changed by an administrator or a manager, with a version check.
import { can, type TContactPolicy, type TContactPolicyPatch } from '@huifang/contracts';
import {
  addDays,
  type ContactPolicyValues,
  contactPolicyProblems,
  DEFAULT_CONTACT_POLICY,
  NOT_A_CONTACT_OUTCOMES,
  startOfDay,
} from '@huifang/domain';
import type { PrismaClient, Tx } from '../../db/prisma.ts';
import type { Actor } from '../../lib/actor.ts';
import { audit } from '../../lib/audit.ts';
import { invalid, staleVersion } from '../../lib/errors.ts';
import { peopleOf } from '../../lib/people.ts';

/** The organisation's policy values: its row, or the defaults when it has none. */
export async function contactPolicyOf(
  db: PrismaClient | Tx,
  organizationId: string,
): Promise<ContactPolicyValues> {
  const row = await db.contactPolicy.findUnique({ where: { organizationId } });
  return row
    ? {
        maxContacts: row.maxContacts,
        windowDays: row.windowDays,
        quietFrom: row.quietFrom,
        quietTo: row.quietTo,
      }
    : { ...DEFAULT_CONTACT_POLICY };
}

/**
 * The days (organisation time) of each customer's contacts in the policy's window ending `today`:
 * every logged attempt but a wrong number (R-CAD-6), one entry per contact.
 */
export async function contactDaysOf(
  db: PrismaClient | Tx,
  org: { id: string; timezone: string },
  policy: Pick<ContactPolicyValues, 'windowDays'>,
  customerIds: readonly string[],
  today: string,
): Promise<Map<string, string[]>> {
  const since = startOfDay(addDays(today, 1 - policy.windowDays), org.timezone);
  const contacts = new Map<string, string[]>();
  for (const r of await db.$queryRaw<Array<{ customerId: string; day: string }>>`
      SELECT "customerId"::text AS "customerId",
             to_char(("startedAt" AT TIME ZONE ${org.timezone})::date, 'YYYY-MM-DD') AS day
        FROM "VisitRecord"
       WHERE "organizationId" = ${org.id}::uuid AND "customerId" = ANY(${[...customerIds]}::uuid[])
         AND "startedAt" >= ${since} AND outcome::text <> ALL(${[...NOT_A_CONTACT_OUTCOMES]}::text[])`)
    contacts.set(r.customerId, [...(contacts.get(r.customerId) ?? []), r.day]);
  return contacts;
}

export async function getContactPolicy(db: PrismaClient | Tx, actor: Actor): Promise<TContactPolicy> {
  const row = await db.contactPolicy.findUnique({ where: { organizationId: actor.organizationId } });
  const person = await peopleOf(db, [row?.updatedById]);
  const values = await contactPolicyOf(db, actor.organizationId);
  return {
    ...values,
    version: row?.version ?? 0,
    updatedAt: row?.updatedAt.toISOString() ?? null,
    updatedBy: person(row?.updatedById),
    canEdit: can(actor.user.role, 'contact-policy:write'),
  };
}

export async function updateContactPolicy(
  prisma: PrismaClient,
  actor: Actor,
  patch: TContactPolicyPatch,
): Promise<TContactPolicy> {
  return prisma.$transaction(async (tx) => {
    const organizationId = actor.organizationId;
    const row = await tx.contactPolicy.findUnique({ where: { organizationId } });
    const current = row?.version ?? 0;
    if (patch.version !== current) throw staleVersion(current);
    const before = await contactPolicyOf(tx, organizationId);
    const after: ContactPolicyValues = {
      maxContacts: patch.maxContacts ?? before.maxContacts,
      windowDays: patch.windowDays ?? before.windowDays,
      quietFrom: patch.quietFrom === undefined ? before.quietFrom : patch.quietFrom,
      quietTo: patch.quietTo === undefined ? before.quietTo : patch.quietTo,
    };
    const problems = contactPolicyProblems(after);
    if (problems.length) throw invalid('The contact policy is not valid', problems);
    const data = { ...after, updatedById: actor.user.id, updatedAt: actor.now };
    if (row) {
      // the version in the WHERE: a change that raced this one leaves nothing to update
      const done = await tx.contactPolicy.updateMany({
        where: { organizationId, version: current },
        data: { ...data, version: { increment: 1 } },
      });
      if (done.count === 0) throw staleVersion(current + 1);
    } else {
      const made = await tx.contactPolicy.createMany({
        data: [{ organizationId, ...data, version: 1 }],
        skipDuplicates: true,
      });
      if (made.count === 0) throw staleVersion(1);
    }
    await audit(tx, actor, {
      action: 'CONTACT_POLICY_UPDATE',
      entity: 'ContactPolicy',
      entityId: organizationId,
      before,
      after,
    });
    return getContactPolicy(tx, actor);
  });
}

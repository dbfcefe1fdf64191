// Shared set-up of the ticket tests: demo records to raise tickets from, and departments.

import type { TestContext } from '../../../test/helper.ts';
import type { PrismaClient } from '../../db/prisma.ts';

export async function ticketFixtures(prisma: PrismaClient) {
  const users = Object.fromEntries(
    (await prisma.user.findMany({ select: { id: true, email: true } })).map((u) => [u.email, u.id]),
  ) as Record<string, string>;
  const depts = Object.fromEntries(
    (await prisma.department.findMany({ select: { id: true, kind: true } })).map((d) => [d.kind, d.id]),
  ) as Record<string, string>;
  /** a completed visit record of the caller, not yet used by another test when `skip` differs */
  const visitOf = async (email: string, skip = 0) =>
    prisma.visitRecord.findFirstOrThrow({
      where: { callerId: users[email], outcome: 'COMPLETED' },
      orderBy: { startedAt: 'desc' },
      skip,
      select: { id: true, customerId: true, callerId: true },
    });
  return { users, depts, visitOf };
}

/** Raises a TEACHING ticket from caller1's record and returns its id. */
export async function raise(
  t: TestContext,
  visitId: string,
  extra: Record<string, unknown> = {},
  email = 'caller1@demo.local',
): Promise<{ id: string; version: number; number: number }> {
  const res = await t.as(email, {
    method: 'POST',
    url: '/api/tickets',
    payload: {
      sourceVisitId: visitId,
      category: 'TEACHING',
      severity: 'HIGH',
      title: '课程进度太快',
      description: '学员反映第三周课程进度太快，跟不上。',
      ...extra,
    },
  });
  if (res.statusCode !== 201) throw new Error(`raise failed: ${res.statusCode} ${res.body}`);
  return res.json();
}

export const act = (t: TestContext, email: string, id: string, action: string, payload: object = {}) =>
  t.as(email, { method: 'POST', url: `/api/tickets/${id}/${action}`, payload });

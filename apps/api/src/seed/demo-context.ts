import type { Tx } from '../db/prisma.ts';
import type { Actor } from '../lib/actor.ts';

/** What the demo seed hands to the parts that add supervision and ticket data. */
export interface DemoContext {
  orgId: string;
  /** "today" of the demo data */
  now: Date;
  tz: string;
  /** a demo user's id by e-mail */
  users: (email: string) => string;
}

/** A demo user acting at `at`, as the services expect it (no session: the seed acts for them). */
export async function demoActor(tx: Tx, demo: DemoContext, email: string, at: Date): Promise<Actor> {
  const u = await tx.user.findUniqueOrThrow({
    where: { id: demo.users(email) },
    select: { id: true, email: true, name: true, role: true, title: true, departmentId: true, teamId: true },
  });
  return {
    user: { ...u, organizationId: demo.orgId, timezone: demo.tz, sessionId: 'demo-seed' },
    organizationId: demo.orgId,
    now: at,
    ip: null,
    requestId: 'demo-seed',
  };
}

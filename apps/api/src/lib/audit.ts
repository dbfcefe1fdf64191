import type { Prisma, Tx } from '../db/prisma.ts';
import type { AnyActor } from './actor.ts';

export interface AuditEntry {
  action: string;
  entity: string;
  entityId?: string | null;
  before?: unknown;
  after?: unknown;
}

/** Writes one audit row in the caller's transaction: who acted (a user, or a job), from where, when. */
export async function audit(db: Tx, actor: AnyActor, entry: AuditEntry): Promise<void> {
  await db.auditLog.create({
    data: {
      organizationId: actor.organizationId,
      actorId: actor.user?.id ?? null,
      action: entry.action,
      entity: entry.entity,
      entityId: entry.entityId ?? null,
      before: toJson(entry.before),
      after: toJson(entry.after),
      ip: actor.ip,
      createdAt: actor.now,
    },
  });
}

function toJson(value: unknown): Prisma.InputJsonValue | undefined {
  if (value === undefined || value === null) return undefined;
  return JSON.parse(JSON.stringify(value)) as Prisma.InputJsonValue;
}

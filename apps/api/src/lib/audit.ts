import type { FastifyRequest } from 'fastify';
import type { Prisma, Tx } from '../db/prisma.ts';

export interface AuditEntry {
  action: string;
  entity: string;
  entityId?: string | null;
  before?: unknown;
  after?: unknown;
}

/** Writes one audit row in the caller's transaction, with the acting user and their address. */
export async function audit(db: Tx, req: FastifyRequest, entry: AuditEntry): Promise<void> {
  const user = req.user;
  if (!user) throw new Error('audit() needs an authenticated request');
  await db.auditLog.create({
    data: {
      organizationId: user.organizationId,
      actorId: user.id,
      action: entry.action,
      entity: entry.entity,
      entityId: entry.entityId ?? null,
      before: toJson(entry.before),
      after: toJson(entry.after),
      ip: req.ip,
    },
  });
}

function toJson(value: unknown): Prisma.InputJsonValue | undefined {
  if (value === undefined || value === null) return undefined;
  return JSON.parse(JSON.stringify(value)) as Prisma.InputJsonValue;
}

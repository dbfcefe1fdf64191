// Integration keys (docs/api.md#integrations): another system posts customer events with one. The
// key is random (32 bytes), shown once when made; only its SHA-256 is kept (as session tokens are),
// with its first characters to tell keys apart. Revoking is immediate and final.
import { randomBytes } from 'node:crypto';
import { API_KEY_SCOPES, type TApiKey, type TApiKeyCreated, type TApiKeyScope } from '@huifang/contracts';
import type { ApiKey } from '../../db/generated/client.ts';
import type { PrismaClient, Tx } from '../../db/prisma.ts';
import type { Actor } from '../../lib/actor.ts';
import { audit } from '../../lib/audit.ts';
import { conflict, notFound } from '../../lib/errors.ts';
import { peopleOf } from '../../lib/people.ts';
import { tokenHash } from '../../plugins/auth.ts';

/** `hf_` + 43 characters of base64url: the prefix shown is its first 11 characters. */
export const KEY_PREFIX_LENGTH = 11;

async function present(db: PrismaClient | Tx, rows: ApiKey[]): Promise<TApiKey[]> {
  const person = await peopleOf(
    db,
    rows.map((r) => r.createdById),
  );
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    prefix: r.prefix,
    scopes: API_KEY_SCOPES.filter((s) => r.scopes.includes(s)),
    createdBy: person(r.createdById),
    createdAt: r.createdAt.toISOString(),
    lastUsedAt: r.lastUsedAt?.toISOString() ?? null,
    revokedAt: r.revokedAt?.toISOString() ?? null,
  }));
}

export async function listApiKeys(prisma: PrismaClient, actor: Actor): Promise<{ items: TApiKey[] }> {
  const rows = await prisma.apiKey.findMany({
    where: { organizationId: actor.organizationId },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
  });
  return { items: await present(prisma, rows) };
}

export async function createApiKey(
  prisma: PrismaClient,
  actor: Actor,
  name: string,
  scopes: readonly TApiKeyScope[] = ['EVENTS'],
): Promise<TApiKeyCreated> {
  const key = `hf_${randomBytes(32).toString('base64url')}`;
  return prisma.$transaction(async (tx) => {
    const row = await tx.apiKey.create({
      data: {
        organizationId: actor.organizationId,
        name,
        prefix: key.slice(0, KEY_PREFIX_LENGTH),
        hash: tokenHash(key),
        scopes: API_KEY_SCOPES.filter((s) => scopes.includes(s)),
        createdById: actor.user.id,
        createdAt: actor.now,
      },
    });
    // the key itself is never written anywhere but the answer
    await audit(tx, actor, {
      action: 'API_KEY_CREATE',
      entity: 'ApiKey',
      entityId: row.id,
      after: { name, prefix: row.prefix, scopes: row.scopes },
    });
    return { apiKey: (await present(tx, [row]))[0]!, key };
  });
}

export async function revokeApiKey(prisma: PrismaClient, actor: Actor, id: string): Promise<TApiKey> {
  return prisma.$transaction(async (tx) => {
    const row = await tx.apiKey.findFirst({ where: { id, organizationId: actor.organizationId } });
    if (!row) throw notFound('Key');
    if (row.revokedAt) throw conflict('This key is already revoked');
    const done = await tx.apiKey.update({
      where: { id },
      data: { revokedAt: actor.now, revokedById: actor.user.id },
    });
    await audit(tx, actor, {
      action: 'API_KEY_REVOKE',
      entity: 'ApiKey',
      entityId: id,
      after: { name: row.name, prefix: row.prefix },
    });
    return (await present(tx, [done]))[0]!;
  });
}

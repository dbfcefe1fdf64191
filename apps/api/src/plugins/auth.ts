import { createHash, randomBytes } from 'node:crypto';
import { can, type TApiKeyScope, type TPermission, type TRole } from '@huifang/contracts';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { AppConfig } from '../config.ts';
import { type PrismaClient, poolOf } from '../db/prisma.ts';
import { AppError } from '../lib/errors.ts';

export const SESSION_COOKIE = 'hf_session';

export interface SessionUser {
  id: string;
  organizationId: string;
  timezone: string;
  email: string;
  name: string;
  role: TRole;
  /** job title (职务), separate from the role; approval chains may name it */
  title: string | null;
  departmentId: string | null;
  teamId: string | null;
  sessionId: string;
}

/** Another system posting with an integration key (docs/api.md#integrations). */
export interface Integration {
  keyId: string;
  name: string;
  organizationId: string;
  timezone: string;
  /** what the key may do (EVENTS, RECORDINGS) */
  scopes: string[];
}

declare module 'fastify' {
  interface FastifyRequest {
    user: SessionUser | null;
    integration: Integration | null;
    /** an `Authorization: Bearer` key was sent that is unknown or revoked */
    badKey: boolean;
  }
  interface FastifyContextConfig {
    /** reachable without a session */
    public?: boolean;
    /** reachable with an integration key holding this scope instead of a session (docs/api.md#integrations) */
    integration?: TApiKeyScope;
    /** the session's role must hold at least one of these */
    permission?: TPermission | readonly TPermission[];
    /** an analytics' screen: admitted a few at a time (lib/admission.ts, app.ts) */
    analytics?: boolean;
  }
}

interface SessionRow {
  expiresAt: Date;
  lastSeenAt: Date;
  active: boolean;
  id: string;
  organizationId: string;
  timezone: string;
  email: string;
  name: string;
  role: TRole;
  title: string | null;
  departmentId: string | null;
  teamId: string | null;
}

const SESSION_SQL = `
  SELECT s."expiresAt", s."lastSeenAt", u.active,
         u.id::text AS id, u."organizationId"::text AS "organizationId", o.timezone,
         u.email, u.name, u.role::text AS role, u.title,
         u."departmentId"::text AS "departmentId", u."teamId"::text AS "teamId"
    FROM "Session" s
    JOIN "User" u ON u.id = s."userId"
    JOIN "Organization" o ON o.id = u."organizationId"
   WHERE s.id = $1`;

export const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');

/** Sessions live in PostgreSQL, so any number of API processes can serve the same user. */
export const authPlugin = fp<{ prisma: PrismaClient; config: AppConfig }>(async (app, { prisma, config }) => {
  app.decorateRequest('user', null);
  app.decorateRequest('integration', null);
  app.decorateRequest('badKey', false);
  const pool = poolOf(prisma);

  app.addHook('onRequest', async (req) => {
    // Only the API asks who is calling: the app's files (index.html, its scripts and styles) are the
    // same for everyone, and reading the session for each of a page's sixty files queued the page's
    // first API requests behind as many lookups (docs/performance.md#web). Decided on the matched
    // route, as below; a path no route matches (the app's own pages, a 404) reads none either.
    if (!(req.routeOptions.url ?? '').startsWith('/api/')) return;
    const token = req.cookies[SESSION_COOKIE];
    if (!token) {
      const bearer = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
      if (bearer) await readIntegrationKey(req, bearer);
      return;
    }
    const id = tokenHash(token);
    // One prepared statement (session ⋈ user ⋈ organisation) on every authenticated request,
    // straight through the pool: the ORM's `include` sent three, and its per-query cost was a
    // third of the caller queue's throughput (BENCHMARKS.md).
    const { rows } = await pool.query<SessionRow>({
      name: 'hf_session_read',
      text: SESSION_SQL,
      values: [id],
    });
    const u = rows[0];
    if (!u || u.expiresAt <= req.now || !u.active) return;
    req.user = {
      id: u.id,
      organizationId: u.organizationId,
      timezone: u.timezone,
      email: u.email,
      name: u.name,
      role: u.role,
      title: u.title,
      departmentId: u.departmentId,
      teamId: u.teamId,
      sessionId: id,
    };
    // Sliding expiry, written at most every few minutes rather than on every request.
    if (req.now.getTime() - u.lastSeenAt.getTime() > 5 * 60_000) {
      await prisma.session.update({
        where: { id },
        data: { lastSeenAt: req.now, expiresAt: new Date(req.now.getTime() + config.sessionTtlMs) },
      });
    }
  });

  /** An integration key: known, not revoked; its last use is written at most once a minute. */
  async function readIntegrationKey(req: FastifyRequest, key: string): Promise<void> {
    const row = await prisma.apiKey.findUnique({
      where: { hash: tokenHash(key) },
      select: {
        id: true,
        name: true,
        organizationId: true,
        revokedAt: true,
        lastUsedAt: true,
        scopes: true,
        organization: { select: { timezone: true } },
      },
    });
    if (!row || row.revokedAt) {
      req.badKey = true;
      return;
    }
    req.integration = {
      keyId: row.id,
      name: row.name,
      organizationId: row.organizationId,
      timezone: row.organization.timezone,
      scopes: row.scopes,
    };
    if (!row.lastUsedAt || req.now.getTime() - row.lastUsedAt.getTime() > 60_000)
      await prisma.apiKey.update({ where: { id: row.id }, data: { lastUsedAt: req.now } });
  }

  // Every /api route needs a session unless it says `config: { public: true }`, and the
  // session's role must hold the route's permission. Per-object checks live in services.
  // Checked before the body is validated, so a forbidden caller learns nothing of its shape.
  app.addHook('onRequest', async (req) => {
    // Decide on the matched route, never on the raw URL: the router decodes the path, so
    // `/%61pi/users` reaches the `/api/users` handler while its raw URL does not start with /api/.
    if (req.is404) return;
    const route = req.routeOptions.url ?? '';
    if (!route.startsWith('/api/') || route.startsWith('/api/docs')) return;
    const cfg = req.routeOptions.config;
    if (cfg?.public) return;
    if (req.badKey) throw new AppError('UNAUTHENTICATED', 'Unknown or revoked key');
    if (req.integration) {
      if (cfg?.integration && req.integration.scopes.includes(cfg.integration)) return;
      throw new AppError(
        'FORBIDDEN',
        cfg?.integration
          ? `This key does not hold the ${cfg.integration} scope`
          : 'An integration key may only post customer events or upload recordings',
      );
    }
    if (!req.user) throw new AppError('UNAUTHENTICATED', 'Please sign in');
    const needed = cfg?.permission;
    if (needed === undefined) return;
    const list = typeof needed === 'string' ? [needed] : needed;
    if (!list.some((p) => can(req.user!.role, p))) {
      throw new AppError('FORBIDDEN', 'You do not have permission to do this');
    }
  });
});

export async function startSession(
  prisma: PrismaClient,
  config: AppConfig,
  req: FastifyRequest,
  reply: FastifyReply,
  userId: string,
): Promise<void> {
  const token = randomBytes(32).toString('base64url');
  await prisma.session.create({
    data: {
      id: tokenHash(token),
      userId,
      expiresAt: new Date(req.now.getTime() + config.sessionTtlMs),
      createdAt: req.now,
      lastSeenAt: req.now,
      ip: req.ip,
      userAgent: req.headers['user-agent']?.slice(0, 300) ?? null,
    },
  });
  reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: config.production,
    maxAge: Math.floor(config.sessionTtlMs / 1000),
  });
}

export async function endSession(
  prisma: PrismaClient,
  req: FastifyRequest,
  reply: FastifyReply,
): Promise<void> {
  if (req.user) await prisma.session.deleteMany({ where: { id: req.user.sessionId } });
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
}

export function requireUser(req: FastifyRequest): SessionUser {
  if (!req.user) throw new AppError('UNAUTHENTICATED', 'Please sign in');
  return req.user;
}

export type { FastifyInstance };

// Who acts, for which organisation, and when: every service takes one of these instead of the
// HTTP request, so a rule never reads the machine's clock (docs/api.md#time).
import { randomUUID } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { SessionUser } from '../plugins/auth.ts';
import { AppError } from './errors.ts';

/**
 * The source of "now": the system clock in production, a pinned one in tests. `systemClock` is the
 * one place the API reads the machine's clock; everything else is handed the instant it read.
 */
export type Clock = () => Date;
export const systemClock: Clock = () => new Date();

/** A signed-in user acting through a request. */
export interface Actor {
  user: SessionUser;
  organizationId: string;
  /** the instant of the request: read once, used for every rule it touches */
  now: Date;
  ip: string | null;
  requestId: string;
}

/** A scheduled job (escalation, month close, remediation) acting for an organisation. */
export interface SystemActor {
  user: null;
  organizationId: string;
  now: Date;
  ip: null;
  requestId: string;
}

export type AnyActor = Actor | SystemActor;

declare module 'fastify' {
  interface FastifyRequest {
    /** the instant the request arrived, from the app's clock */
    now: Date;
  }
}

/** The request's actor; 401 when nobody is signed in. */
export function actorOf(req: FastifyRequest): Actor {
  const user = req.user;
  if (!user) throw new AppError('UNAUTHENTICATED', 'Please sign in');
  return {
    user,
    organizationId: user.organizationId,
    now: req.now,
    ip: req.ip ?? null,
    requestId: String(req.id),
  };
}

/** The actor a job runs as for one organisation, at the instant the job was given. */
export function systemActor(organizationId: string, now: Date, job: string): SystemActor {
  return { user: null, organizationId, now, ip: null, requestId: `${job}:${randomUUID()}` };
}

import { existsSync } from 'node:fs';
import path from 'node:path';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { ERROR_CODES } from '@huifang/contracts';
import Fastify, {
  type FastifyError,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
} from 'fastify';
import {
  hasZodFastifySchemaValidationErrors,
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { AppConfig } from './config.ts';
import { isDatabaseBusy, type PrismaClient } from './db/prisma.ts';
import { type Clock, systemClock } from './lib/actor.ts';
import { Admission, admitFor } from './lib/admission.ts';
import { AppError } from './lib/errors.ts';
import { type Messenger, messengerFor } from './lib/messages.ts';
import { API_TAGS, withOperationDocs } from './lib/openapi.ts';
import { authRoutes } from './modules/auth/routes.ts';
import { healthRoutes } from './modules/health/routes.ts';
import { managerFigures } from './modules/kpi/dashboards.ts';
import { authPlugin, SESSION_COOKIE } from './plugins/auth.ts';
import { cleanInput } from './plugins/input-hygiene.ts';
import { securityPlugin } from './plugins/security.ts';
import { liveFigures } from './presenters/kpi-counts.ts';
import { qualityFigures } from './presenters/quality-dashboard.ts';
import { registerDomainRoutes } from './routes.ts';

declare module 'fastify' {
  interface FastifyInstance {
    prisma: PrismaClient;
    /**
     * The analytics' own small pool (dashboards, the live month's KPI): at most a few heavy
     * statements at once, with a statement timeout, so that callers never wait behind them for a
     * connection (docs/performance.md, mixed load). The main pool when none is given (tests).
     */
    analytics: PrismaClient;
    /** the analytics' requests, as many at once as the analytics' pool has connections (lib/admission.ts) */
    analyticsAdmission: Admission;
    config: AppConfig;
    /** where "now" comes from: jobs and requests read it once and pass it on */
    clock: Clock;
    /** every route with its access rule, for the role matrix test and the docs */
    routeTable: RouteEntry[];
    /** e-mails and SMS to customers (lib/messages.ts) */
    messenger: Messenger;
  }
}

export interface RouteEntry {
  method: string;
  url: string;
  public: boolean;
  permission: readonly string[] | null;
}

export type App = FastifyInstance;

/** PostgreSQL's data exceptions (class 22: out of range, invalid text …), as Prisma reports them. */
function isDataException(error: unknown): boolean {
  const e = error as {
    code?: string;
    meta?: { driverAdapterError?: { cause?: { originalCode?: string; kind?: string } } };
  };
  // P2000 too long, P2007 data validation, P2020 out of range, P2023 inconsistent column data
  if (['P2000', 'P2007', 'P2020', 'P2023'].includes(e.code ?? '')) return true;
  return (e.meta?.driverAdapterError?.cause?.originalCode ?? '').startsWith('22');
}

export async function buildApp(opts: {
  prisma: PrismaClient;
  /** the analytics' pool (server.ts makes one); the main pool when absent */
  analytics?: PrismaClient;
  config: AppConfig;
  /** where request logs go (stdout by default); tests read them */
  logStream?: NodeJS.WritableStream;
  /** where "now" comes from (the system clock by default); tests pin it */
  clock?: Clock;
  /** how e-mails and SMS go out (from the configuration by default); tests may watch it */
  messenger?: Messenger;
}): Promise<FastifyInstance> {
  const { prisma, config } = opts;
  const clock = opts.clock ?? systemClock;
  const app = Fastify({
    logger: {
      level: config.logLevel,
      ...(opts.logStream ? { stream: opts.logStream } : {}),
      // Request logs carry the id, method and route, never query strings, bodies or
      // addresses: searches and forms hold names and phone numbers.
      serializers: {
        req: (req) => ({ id: req.id, method: req.method, url: req.url.split('?')[0] }),
        res: (res) => ({ statusCode: res.statusCode }),
      },
      redact: ['req.headers.cookie', 'req.headers.authorization'],
    },
    trustProxy: config.trustProxy,
    bodyLimit: 2 * 1024 * 1024,
    // Fastify's own refusals before routing (a path parameter too long, a malformed URL) in the
    // documented error shape, without echoing the path (it may hold names or numbers).
    frameworkErrors: (error: FastifyError, _req: FastifyRequest, reply: FastifyReply) => {
      const status = error.statusCode && error.statusCode < 500 ? error.statusCode : 400;
      void reply
        .code(status)
        .send({ error: { code: 'BAD_REQUEST', message: 'The request path is not valid' } });
    },
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorate('prisma', prisma);
  app.decorate('analytics', opts.analytics ?? prisma);
  liveFigures.maxAgeMs = config.liveFiguresMaxAgeMs;
  qualityFigures.maxAgeMs = config.liveFiguresMaxAgeMs;
  managerFigures.maxAgeMs = config.liveFiguresMaxAgeMs;
  app.decorate('config', config);
  app.decorate('clock', clock);
  app.decorate('messenger', opts.messenger ?? messengerFor(config, app.log));
  // One instant per request: every rule the request touches judges it at the same "now".
  app.decorateRequest('now', null as unknown as Date);
  app.addHook('onRequest', async (req) => {
    req.now = clock();
  });
  app.addHook('preValidation', cleanInput);
  const routeTable: RouteEntry[] = [];
  app.decorate('routeTable', routeTable);
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/') || route.url.startsWith('/api/docs')) return;
    const cfg = route.config as { public?: boolean; permission?: string | readonly string[] } | undefined;
    const perm = cfg?.permission;
    for (const method of [route.method].flat()) {
      if (method === 'HEAD') continue;
      routeTable.push({
        method,
        url: route.url,
        public: cfg?.public === true,
        permission: perm === undefined ? null : typeof perm === 'string' ? [perm] : perm,
      });
    }
  });

  app.setErrorHandler((error: FastifyError | AppError, req, reply) => {
    if (error instanceof AppError) {
      if (error.status === 503) void reply.header('retry-after', '2');
      return reply
        .status(error.status)
        .send({ error: { code: error.code, message: error.message, details: error.details } });
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      return reply.status(400).send({
        error: {
          code: 'VALIDATION',
          message: 'The request is not valid',
          details: error.validation.map((v) => ({
            path: v.instancePath.replace(/^\//, '').replace(/\//g, '.'),
            message: v.message,
            in: error.validationContext,
          })),
        },
      });
    }
    const prismaCode = (error as { code?: string }).code;
    if (prismaCode === 'P2025') {
      return reply.status(404).send({ error: { code: 'NOT_FOUND', message: 'Not found' } });
    }
    if (prismaCode === 'P2002') {
      return reply.status(409).send({ error: { code: 'CONFLICT', message: 'This already exists' } });
    }
    if (isDatabaseBusy(error)) {
      // Every connection busy for longer than the wait: say so and when to come back, not 500.
      req.log.warn({ err: error }, 'database saturated');
      return reply
        .status(503)
        .header('retry-after', '2')
        .send({ error: { code: 'UNAVAILABLE', message: 'The service is busy; try again in a moment' } });
    }
    if (isDataException(error)) {
      // A value the schemas let through but the database cannot hold (out of range, not valid
      // text): the request's fault, and its transaction rolled back. Logged, to tighten a schema.
      req.log.warn({ err: error }, 'database refused a value of the request');
      return reply
        .status(400)
        .send({ error: { code: 'VALIDATION', message: 'A value in the request cannot be stored' } });
    }
    const status = error.statusCode ?? 500;
    if (status >= 500) {
      req.log.error({ err: error }, 'request failed');
      return reply
        .status(status)
        .send({ error: { code: 'INTERNAL', message: 'Something went wrong on our side' } });
    }
    const code =
      status === 413
        ? 'PAYLOAD_TOO_LARGE'
        : status === 415
          ? 'UNSUPPORTED_MEDIA_TYPE'
          : status === 429
            ? 'RATE_LIMITED'
            : 'BAD_REQUEST';
    return reply.status(status).send({ error: { code, message: error.message } });
  });

  app.setNotFoundHandler((req, reply) => {
    if (
      req.url.startsWith('/api/') ||
      req.method !== 'GET' ||
      !existsSync(path.join(config.webDist, 'index.html'))
    ) {
      return reply
        .status(404)
        .send({ error: { code: 'NOT_FOUND', message: `No route ${req.method} ${req.url.split('?')[0]}` } });
    }
    // Client-side routes of the SPA
    return reply.type('text/html').sendFile('index.html', config.webDist);
  });

  await app.register(cookie);
  await app.register(multipart, { limits: { fileSize: 20 * 1024 * 1024, files: 1 } });
  await app.register(securityPlugin);
  // The analytics' requests (routes with `config.analytics`) a few at a time, from before their
  // session is read (that read is much of what a dashboard answered from shared figures costs) until
  // their answer is written; after the security headers, so a busy answer has them too. A request
  // with no session cookie and no key is refused by the auth hooks at once, never queued
  // (lib/admission.ts, docs/performance.md#mixed-load).
  app.decorate('analyticsAdmission', new Admission(config.analyticsPool.size, config.dbPool.waitMs));
  app.addHook('onRequest', async (req, reply) => {
    if (req.routeOptions.config?.analytics !== true) return;
    if (!req.cookies[SESSION_COOKIE] && !req.headers.authorization) return;
    await admitFor(app.analyticsAdmission, reply.raw);
  });
  await app.register(authPlugin, { prisma, config });

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Huifang API',
        version: '0.1.0',
        description: `Follow-up visits as a supervised closed loop. Errors: { error: { code, message, details } } with ${Object.entries(
          ERROR_CODES,
        )
          .map(([c, s]) => `${c}=${s}`)
          .join(', ')}.`,
      },
      tags: API_TAGS.map(({ name, description }) => ({ name, description })),
      components: {
        securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'hf_session' } },
      },
      security: [{ session: [] }],
    },
    transform: withOperationDocs(jsonSchemaTransform),
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });

  await app.register(healthRoutes, { prefix: '/api' });
  await app.register(authRoutes, { prefix: '/api' });
  await registerDomainRoutes(app);

  if (existsSync(config.webDist)) {
    await app.register(fastifyStatic, {
      root: config.webDist,
      wildcard: false,
      index: ['index.html'],
      // the build's brotli and gzip copies, to browsers that accept them
      preCompressed: true,
      // hashed assets never change under their name; the page that names them is always checked
      setHeaders: (reply, filePath) => {
        const hashed = filePath.startsWith(path.join(config.webDist, 'assets') + path.sep);
        void reply.header('cache-control', hashed ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
  }
  return app;
}

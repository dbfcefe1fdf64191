import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import fp from 'fastify-plugin';
import { AppError } from '../lib/errors.ts';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Security headers (helmet), a rate limiter for the routes that ask for one, and CSRF
 * protection for cookie-authenticated mutations: browsers mark cross-site requests with
 * Sec-Fetch-Site and Origin, and such a request is refused; the session cookie is also
 * SameSite=Lax (docs/decisions/004-csrf.md).
 */
export const securityPlugin = fp(async (app) => {
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // antd writes its styles at run time
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        connectSrc: ["'self'"],
        fontSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: null,
      },
    },
    crossOriginEmbedderPolicy: false,
  });

  await app.register(rateLimit, {
    global: false,
    hook: 'preHandler',
    errorResponseBuilder: (_req, ctx) =>
      new AppError(
        'RATE_LIMITED',
        `Too many attempts; try again in ${Math.ceil(ctx.ttl / 1000)} s`,
        undefined,
        429,
      ),
  });

  app.addHook('onRequest', async (req) => {
    // Every mutation is checked, whatever its path looks like before the router decodes it.
    if (SAFE.has(req.method)) return;
    const site = req.headers['sec-fetch-site'];
    if (typeof site === 'string' && site !== 'same-origin' && site !== 'none') {
      throw new AppError('FORBIDDEN', 'Cross-site request refused', { reason: 'CSRF' });
    }
    const origin = req.headers.origin;
    if (typeof origin === 'string' && origin !== 'null') {
      let host: string;
      try {
        host = new URL(origin).host;
      } catch {
        throw new AppError('FORBIDDEN', 'Cross-site request refused', { reason: 'CSRF' });
      }
      if (host !== req.headers.host) {
        throw new AppError('FORBIDDEN', 'Cross-site request refused', { reason: 'CSRF' });
      }
    } else if (origin === 'null') {
      throw new AppError('FORBIDDEN', 'Cross-site request refused', { reason: 'CSRF' });
    }
  });
});

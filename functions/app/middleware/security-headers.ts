import type { MiddlewareHandler } from 'hono';
import { secureHeaders } from 'hono/secure-headers';

/**
 * The same strict headers on every response of the origin, pages, JSON, errors and `/_local`
 * alike: browsers warn when some responses ask for an origin-keyed agent cluster and others do
 * not. Our pages load only our own stylesheet and script, and no page may be framed
 * (`frame-ancestors 'none'`, and an X-Frame-Options that says the same). A route may set its own
 * policy (overwrite is off), which only the local outbox's email view does.
 */
export const securityHeaders = (): MiddlewareHandler =>
  secureHeaders({
    overwrite: false,
    contentSecurityPolicy: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'"],
      imgSrc: ["'self'", 'data:'],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
      baseUri: ["'none'"],
      objectSrc: ["'none'"],
    },
    xFrameOptions: 'DENY',
    referrerPolicy: 'no-referrer',
    crossOriginResourcePolicy: 'same-origin',
    originAgentCluster: '?1',
  });

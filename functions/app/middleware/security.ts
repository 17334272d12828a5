import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { csrf } from 'hono/csrf';
import { secureHeaders } from 'hono/secure-headers';
import { PayloadTooLargeError } from '../../domain/errors';

export const MAX_BODY_BYTES = 64 * 1024;
/** CSV imports only: 1,000 rows of clients are about 60–80 KB. */
export const IMPORT_BODY_BYTES = 256 * 1024;

/**
 * Strict headers on every response: our pages load only our own stylesheet and script. A route
 * may set its own policy (overwrite is off), which only the local outbox viewer does.
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
    referrerPolicy: 'no-referrer',
    crossOriginResourcePolicy: 'same-origin',
  });

/** Pages behind a token are private: never cached, never indexed. */
export const privatePage = (): MiddlewareHandler => async (c, next) => {
  await next();
  c.header('cache-control', 'no-store');
  c.header('x-robots-tag', 'noindex, nofollow');
};

export const limitBody = (maxSize = MAX_BODY_BYTES): MiddlewareHandler =>
  bodyLimit({
    maxSize,
    onError: () => {
      throw new PayloadTooLargeError(
        `The request is larger than ${Math.round(maxSize / 1024)} KB.`,
      );
    },
  });

/**
 * Form posts must come from our own pages (Origin or Sec-Fetch-Site). The RFC 8058 one-click
 * unsubscribe is exempt: mail providers send it from their servers, with no Origin. So is
 * `/api/*`, which accepts only JSON (a cross-site page cannot send JSON without a CORS
 * preflight, which we never grant) and answers anything else with 415.
 */
export const formOrigin = (baseUrl: string): MiddlewareHandler => {
  const allowed = new URL(baseUrl).origin;
  const check = csrf({
    origin: (origin, c) => origin === allowed || origin === new URL(c.req.url).origin,
  });
  return async (c, next) => {
    if (c.req.path.startsWith('/api/')) return next();
    if (c.req.method === 'POST' && c.req.path.startsWith('/unsubscribe/')) return next();
    return check(c, next);
  };
};

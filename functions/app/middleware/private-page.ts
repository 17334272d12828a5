import type { MiddlewareHandler } from 'hono';

/** Pages behind a token or a session are private: never cached, never indexed. */
export const privatePage = (): MiddlewareHandler => async (c, next) => {
  await next();
  c.header('cache-control', 'no-store');
  c.header('x-robots-tag', 'noindex, nofollow');
};

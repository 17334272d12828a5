import { Hono } from 'hono';
import type { Logger } from '../log';
import { errorResponse, NOT_FOUND, onError } from './error-response';
import { securityHeaders } from './middleware/security-headers';

/**
 * The app every group is mounted in: the same security headers on every response, and the one
 * `onError` and `notFound`, which answer in the shape of the group the request was for (a page
 * where no group said otherwise).
 */
export function siteApp(log: Logger): Hono {
  const app = new Hono();
  app.use(securityHeaders());
  app.notFound((c) => errorResponse(c, NOT_FOUND));
  app.onError(onError(log));
  return app;
}

import type { Context, MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { UnauthorizedError } from '../../domain/errors';
import { practiceForApiKey } from '../../services/api-keys';
import type { ServiceContext } from '../../services/context';
import { SESSION_COOKIE, sessionFromCookie } from '../../services/practitioner-auth';
import type { Practice } from '../../store/practice-repo';

export type ApiEnv = { Variables: { practice: Practice } };

/**
 * JSON routes of a practice: `Authorization: Bearer <key>` or, where `allowKey` is false or no
 * key is sent, the practitioner's session cookie. A bearer header that is present but wrong is
 * refused even with a valid cookie beside it. Without either: 401 JSON.
 *
 * Cookie-authenticated calls need no CSRF token: `/api/*` takes only JSON (or text/csv on the
 * import route) and DELETE/PATCH, none of which a cross-site page can send without a CORS
 * preflight, which is never granted; and the cookie is SameSite=Lax.
 */
export const requireApiPractice =
  (
    ctx: ServiceContext,
    options: { allowKey: boolean } = { allowKey: true },
  ): MiddlewareHandler<ApiEnv> =>
  async (c, next) => {
    const authorization = c.req.header('authorization');
    if (authorization !== undefined && options.allowKey) {
      const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
      if (!match?.[1])
        throw new UnauthorizedError('Send the API key as: Authorization: Bearer <key>.');
      c.set('practice', await practiceForApiKey(ctx, match[1]));
    } else {
      const session = await sessionFromCookie(ctx, getCookie(c, SESSION_COOKIE));
      if (!session) {
        throw new UnauthorizedError(
          options.allowKey
            ? 'Send an API key (Authorization: Bearer <key>) or sign in.'
            : 'Sign in to your practice to manage API keys.',
        );
      }
      c.set('practice', session.practice);
    }
    c.header('cache-control', 'no-store');
    await next();
  };

export const apiPractice = (c: Context<ApiEnv>) => c.get('practice');

import type { Context, MiddlewareHandler } from 'hono';
import { UnauthorizedError } from '../../domain/errors';
import type { Practice } from '../../domain/practice';
import { practiceForApiKey } from '../../services/api-keys';
import type { ServiceContext } from '../../services/context';
import { sessionFromCookie } from '../../services/practitioner-auth';
import { sessionCookie } from '../session-cookie';

export type ApiEnv = { Variables: { practice: Practice } };

/**
 * JSON routes of a practice: `Authorization: Bearer <key>` or, without that header, the
 * practitioner's session cookie. A request with an Authorization header is judged by it alone:
 * a wrong one is refused even with a valid cookie beside it, and where keys are not accepted
 * (`allowKey: false`, managing keys) it is refused outright. Without either: 401 JSON.
 * Cookie-authenticated calls get the same-origin check of their group.
 */
export const requireApiPractice =
  (
    ctx: ServiceContext,
    options: { allowKey: boolean } = { allowKey: true },
  ): MiddlewareHandler<ApiEnv> =>
  async (c, next) => {
    const authorization = c.req.header('authorization');
    if (authorization !== undefined) {
      if (!options.allowKey) {
        throw new UnauthorizedError('API keys are managed by a signed-in practitioner, not a key.');
      }
      const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
      if (!match?.[1])
        throw new UnauthorizedError('Send the API key as: Authorization: Bearer <key>.');
      c.set('practice', await practiceForApiKey(ctx, match[1]));
    } else {
      const cookie = sessionCookie(ctx.practice.secureCookies).read(c);
      const session = await sessionFromCookie(ctx, cookie);
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

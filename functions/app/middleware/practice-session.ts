import type { Context, MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import type { ServiceContext } from '../../services/context';
import {
  type PracticeSession,
  SESSION_COOKIE,
  sessionFromCookie,
} from '../../services/practitioner-auth';

export type PracticeEnv = { Variables: { session: PracticeSession } };

/** Pages behind sign-in: without a live session the practitioner is sent to the sign-in page. */
export const requirePracticeSession =
  (ctx: ServiceContext): MiddlewareHandler<PracticeEnv> =>
  async (c, next) => {
    const session = await sessionFromCookie(ctx, getCookie(c, SESSION_COOKIE));
    if (!session) return c.redirect('/practice/login', 303);
    c.set('session', session);
    c.header('cache-control', 'no-store');
    await next();
  };

export const practiceOf = (c: Context<PracticeEnv>) => c.get('session').practice;

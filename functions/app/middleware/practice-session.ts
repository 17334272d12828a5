import type { Context, MiddlewareHandler } from 'hono';
import type { ServiceContext } from '../../services/context';
import { type PracticeSession, sessionFromCookie } from '../../services/practitioner-auth';
import { sessionCookie } from '../session-cookie';

export type PracticeEnv = { Variables: { session: PracticeSession } };

/** Pages behind sign-in: without a live session the practitioner is sent to the sign-in page. */
export const requirePracticeSession =
  (ctx: ServiceContext): MiddlewareHandler<PracticeEnv> =>
  async (c, next) => {
    const cookie = sessionCookie(ctx.practice.secureCookies).read(c);
    const session = await sessionFromCookie(ctx, cookie);
    if (!session) return c.redirect('/practice/login', 303);
    c.set('session', session);
    await next();
  };

export const practiceOf = (c: Context<PracticeEnv>) => c.get('session').practice;

import { Hono } from 'hono';
import type { ServiceContext } from '../../services/context';
import { checkLoginToken, completeLogin } from '../../services/practitioner-auth';
import { magicLinkPage } from '../pages/practice-pages';
import { sessionCookie } from '../session-cookie';

/** `GET /login/:token` shows a button (scanners prefetch links); its POST opens a session. */
export function loginLinkRoutes(ctx: ServiceContext): Hono {
  const app = new Hono();
  const cookie = sessionCookie(ctx.practice.secureCookies);

  app.get('/:token', (c) => {
    checkLoginToken(ctx, c.req.param('token'));
    return c.html(magicLinkPage());
  });

  app.post('/:token', async (c) => {
    const session = await completeLogin(ctx, c.req.param('token'));
    cookie.write(c, session.cookie, session.maxAgeSeconds);
    return c.redirect('/practice', 303);
  });

  return app;
}

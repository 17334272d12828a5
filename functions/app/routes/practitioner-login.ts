import { Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { ServiceContext } from '../../services/context';
import {
  checkLoginToken,
  completeLogin,
  loginRequestSchema,
  requestLogin,
  SESSION_COOKIE,
  sessionFromCookie,
  signOut,
} from '../../services/practitioner-auth';
import { spendAddressLimit } from '../middleware/rate-limit';
import { magicLinkPage, practiceLoginPage } from '../pages/practice-pages';
import { fieldDetails, parseWith, readForm, readJson } from '../parse-input';

/**
 * Magic-link sign-in: `POST /api/practitioners/login` (JSON) or the form at `/practice/login`
 * emails a link; `GET /login/:token` shows a button, its POST opens a session.
 */
export function practitionerLoginRoutes(ctx: ServiceContext): Hono {
  const app = new Hono();

  app.get('/practice/login', (c) => c.html(practiceLoginPage(c.req.query('sent') === '1')));

  app.post('/practice/login', async (c) => {
    const parsed = loginRequestSchema.safeParse({ email: (await readForm(c)).email });
    if (!parsed.success) return c.html(practiceLoginPage(false, fieldDetails(parsed.error)), 400);
    await spendAddressLimit(ctx, c, 'login');
    await requestLogin(ctx, parsed.data.email);
    return c.redirect('/practice/login?sent=1', 303);
  });

  app.post('/api/practitioners/login', async (c) => {
    const { email } = parseWith(loginRequestSchema, await readJson(c));
    await spendAddressLimit(ctx, c, 'login');
    await requestLogin(ctx, email);
    return c.json({ status: 'sent' }, 202);
  });

  app.get('/login/:token', (c) => {
    checkLoginToken(ctx, c.req.param('token'));
    c.header('cache-control', 'no-store');
    return c.html(magicLinkPage());
  });

  app.post('/login/:token', async (c) => {
    const { cookie, maxAgeSeconds } = await completeLogin(ctx, c.req.param('token'));
    setCookie(c, SESSION_COOKIE, cookie, {
      httpOnly: true,
      secure: ctx.practice.secureCookies,
      sameSite: 'Lax',
      path: '/',
      maxAge: maxAgeSeconds,
    });
    return c.redirect('/practice', 303);
  });

  app.post('/practice/logout', async (c) => {
    const session = await sessionFromCookie(ctx, getCookie(c, SESSION_COOKIE));
    if (session) await signOut(ctx, session);
    deleteCookie(c, SESSION_COOKIE, { path: '/', secure: ctx.practice.secureCookies });
    return c.redirect('/practice/login', 303);
  });

  return app;
}

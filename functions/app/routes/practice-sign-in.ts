import { Hono } from 'hono';
import type { ServiceContext } from '../../services/context';
import {
  loginRequestSchema,
  requestLogin,
  sessionFromCookie,
  signOut,
} from '../../services/practitioner-auth';
import { spendAddressLimit } from '../middleware/rate-limit';
import { practiceLoginPage } from '../pages/practice-pages';
import { fieldDetails, readForm } from '../parse-input';
import { sessionCookie } from '../session-cookie';

/**
 * `/practice/login` (the form that emails a sign-in link) and `/practice/logout`: the practice
 * pages that need no session.
 */
export function practiceSignInRoutes(ctx: ServiceContext): Hono {
  const app = new Hono();
  const cookie = sessionCookie(ctx.practice.secureCookies);

  app.get('/login', (c) => c.html(practiceLoginPage(c.req.query('sent') === '1')));

  app.post('/login', async (c) => {
    const parsed = loginRequestSchema.safeParse({ email: (await readForm(c)).email });
    if (!parsed.success) return c.html(practiceLoginPage(false, fieldDetails(parsed.error)), 400);
    await spendAddressLimit(ctx, c, 'login');
    await requestLogin(ctx, parsed.data.email);
    return c.redirect('/practice/login?sent=1', 303);
  });

  app.post('/logout', async (c) => {
    const session = await sessionFromCookie(ctx, cookie.read(c));
    if (session) await signOut(ctx, session);
    cookie.clear(c);
    return c.redirect('/practice/login', 303);
  });

  return app;
}

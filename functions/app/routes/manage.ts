import { Hono } from 'hono';
import type { ServiceContext } from '../../services/context';
import { applyManageAction, manageSchema } from '../../services/manage';
import { loadManageView } from '../../services/manage-view';
import { signOutEverywhere } from '../../services/privacy';
import { accessByToken } from '../../services/subscriber-access';
import { managePage } from '../pages/manage-page';
import { signedOutPage } from '../pages/privacy-pages';
import { fieldDetails, readForm } from '../parse-input';

/**
 * `GET/POST /manage/:token`: pause, resume, pace, hour and time zone; `POST …/sign-out` makes
 * every link sent so far stop working and mails a fresh set.
 */
export function manageRoutes(ctx: ServiceContext): Hono {
  const app = new Hono();
  const signOutUrl = (path: string) => `${path.replace(/\/$/, '')}/sign-out`;

  app.get('/:token', async (c) => {
    const access = await accessByToken(ctx, c.req.param('token'), 'manage');
    const view = await loadManageView(ctx, access);
    return c.html(
      managePage(view, signOutUrl(c.req.path), { saved: c.req.query('saved') === '1' }),
    );
  });

  app.post('/:token', async (c) => {
    const token = c.req.param('token');
    const access = await accessByToken(ctx, token, 'manage');
    const parsed = manageSchema.safeParse(await readForm(c));
    if (!parsed.success) {
      const view = await loadManageView(ctx, access);
      const details = fieldDetails(parsed.error);
      return c.html(managePage(view, signOutUrl(c.req.path), { details }), 400);
    }
    await applyManageAction(ctx, access, parsed.data);
    return c.redirect(`/manage/${token}?saved=1`, 303);
  });

  app.post('/:token/sign-out', async (c) => {
    const access = await accessByToken(ctx, c.req.param('token'), 'manage');
    await signOutEverywhere(ctx, access);
    return c.html(signedOutPage());
  });

  return app;
}

import { Hono } from 'hono';
import { html } from 'hono/html';
import type { ServiceContext } from '../../services/context';
import { deleteEverything, signOutEverywhere } from '../../services/privacy';
import { accessByToken } from '../../services/subscriber-access';
import { page } from '../pages/layout';
import { messagePage } from '../pages/message-page';

/**
 * The person's own privacy controls: sign out of every link (`POST /manage/:token/sign-out`) and
 * delete everything (`GET /journal/:token/delete` asks, the POST does it).
 */
export function privacyRoutes(ctx: ServiceContext): Hono {
  const app = new Hono();

  app.post('/manage/:token/sign-out', async (c) => {
    const access = await accessByToken(ctx, c.req.param('token'), 'manage');
    await signOutEverywhere(ctx, access);
    return c.html(
      messagePage('Signed out of all links', [
        'Every link in your earlier emails has stopped working, this page’s included.',
        'We have emailed you a fresh set of links; the course carries on as before.',
      ]),
    );
  });

  app.get('/journal/:token/delete', async (c) => {
    await accessByToken(ctx, c.req.param('token'), 'journal');
    const journal = c.req.path.replace(/\/delete$/, '');
    return c.html(
      page(
        'Delete everything',
        html`<h1>Delete everything?</h1>
<p>This deletes your answers, your settings, the record of what was sent to you, and every link, at once and for good. No more emails will come, apart from one confirming the deletion.</p>
<p>If you want to keep your words, <a href="${journal}/export">download them first</a>.</p>
<form method="post">
  <button type="submit">Yes, delete everything</button>
</form>
<p><a href="${journal}">No, take me back to my journal</a></p>`,
      ),
    );
  });

  app.post('/journal/:token/delete', async (c) => {
    const access = await accessByToken(ctx, c.req.param('token'), 'journal');
    await deleteEverything(ctx, access);
    return c.html(
      messagePage('Everything has been deleted', [
        'Your answers, settings and links are gone. A short email confirms it.',
        'Thank you for the time you gave to this.',
      ]),
    );
  });

  return app;
}

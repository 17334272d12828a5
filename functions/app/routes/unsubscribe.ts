import { Hono } from 'hono';
import { html } from 'hono/html';
import type { ServiceContext } from '../../services/context';
import { stopAllMail } from '../../services/stop-mail';
import { accessByToken } from '../../services/subscriber-access';
import { page } from '../pages/layout';
import { messagePage } from '../pages/message-page';

/**
 * `GET /unsubscribe/:token` shows a button; `POST` unsubscribes at once, whether from that
 * button or from a mail client's RFC 8058 one-click request (`List-Unsubscribe=One-Click`).
 */
export function unsubscribeRoutes(ctx: ServiceContext): Hono {
  const app = new Hono();

  app.get('/unsubscribe/:token', async (c) => {
    const access = await accessByToken(ctx, c.req.param('token'), 'unsubscribe');
    if (access.subscriber.status === 'unsubscribed') {
      return c.html(messagePage('You’re unsubscribed', ['No more course emails will be sent.']));
    }
    return c.html(
      page(
        'Unsubscribe',
        html`<h1>Stop the course emails?</h1>
<p>Press the button and no more stages will be sent. Your journal stays yours: its link keeps working.</p>
<form method="post"><button type="submit">Unsubscribe</button></form>`,
      ),
    );
  });

  app.post('/unsubscribe/:token', async (c) => {
    const access = await accessByToken(ctx, c.req.param('token'), 'unsubscribe');
    if (access.subscriber.status !== 'unsubscribed') {
      await stopAllMail(ctx, access.subscriber.subscriberId, 'unsubscribed');
    }
    return c.html(
      messagePage('You’re unsubscribed', [
        'No more course emails will be sent. If this was a mistake, sign up again at any time and you will carry on where you left off.',
      ]),
    );
  });

  return app;
}

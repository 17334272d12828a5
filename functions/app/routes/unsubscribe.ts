import { Hono } from 'hono';
import type { ServiceContext } from '../../services/context';
import { stopAllMail } from '../../services/stop-mail';
import { accessByToken } from '../../services/subscriber-access';
import {
  alreadyUnsubscribedPage,
  unsubscribedPage,
  unsubscribePage,
} from '../pages/unsubscribe-pages';

/**
 * `GET /unsubscribe/:token` shows a button; `POST` unsubscribes at once, whether from that
 * button or from a mail client's RFC 8058 one-click request (`List-Unsubscribe=One-Click`).
 */
export function unsubscribeRoutes(ctx: ServiceContext): Hono {
  const app = new Hono();

  app.get('/:token', async (c) => {
    const access = await accessByToken(ctx, c.req.param('token'), 'unsubscribe');
    if (access.subscriber.status === 'unsubscribed') return c.html(alreadyUnsubscribedPage());
    return c.html(unsubscribePage());
  });

  app.post('/:token', async (c) => {
    const access = await accessByToken(ctx, c.req.param('token'), 'unsubscribe');
    if (access.subscriber.status !== 'unsubscribed') {
      await stopAllMail(ctx, access.subscriber.subscriberId, 'unsubscribed');
    }
    return c.html(unsubscribedPage());
  });

  return app;
}

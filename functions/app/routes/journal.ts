import { Hono } from 'hono';
import type { ServiceContext } from '../../services/context';
import { exportSubscriberData } from '../../services/export-data';
import { loadJournal } from '../../services/journal';
import { accessByToken } from '../../services/subscriber-access';
import { journalPage } from '../pages/journal-page';

/** `GET /journal/:token`: the person's own answers, by stage; `…/export`: all their data as JSON. */
export function journalRoutes(ctx: ServiceContext): Hono {
  const app = new Hono();

  app.get('/journal/:token', async (c) => {
    const access = await accessByToken(ctx, c.req.param('token'), 'journal');
    const courses = await loadJournal(ctx, access);
    const { subscriberId, tokenVersion } = access.subscriber;
    const here = c.req.path.replace(/\/$/, '');
    return c.html(
      journalPage(courses, {
        manageUrl: ctx.links.manage(subscriberId, tokenVersion),
        exportUrl: `${here}/export`,
        deleteUrl: `${here}/delete`,
      }),
    );
  });

  app.get('/journal/:token/export', async (c) => {
    const access = await accessByToken(ctx, c.req.param('token'), 'journal');
    c.header('content-disposition', 'attachment; filename="mend-journal.json"');
    return c.json(await exportSubscriberData(ctx, access));
  });

  return app;
}

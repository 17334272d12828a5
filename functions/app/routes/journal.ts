import { Hono } from 'hono';
import type { ServiceContext } from '../../services/context';
import { exportSubscriberData } from '../../services/export-data';
import { loadJournal } from '../../services/journal';
import { lookUpPair } from '../../services/pair-lookup';
import { deleteEverything } from '../../services/privacy';
import { accessByToken } from '../../services/subscriber-access';
import { loadTogether } from '../../services/together';
import { journalPage } from '../pages/journal-page';
import { deletedPage, deletePage } from '../pages/privacy-pages';
import { togetherPage } from '../pages/together-page';

/**
 * `GET /journal/:token`: the person's own answers, by stage; `…/export`: all their data as JSON;
 * `…/delete`: asks, and its POST deletes everything.
 */
export function journalRoutes(ctx: ServiceContext): Hono {
  const app = new Hono();
  const journalAt = (path: string) => path.replace(/\/(delete|export|together)?\/?$/, '');

  app.get('/:token', async (c) => {
    const access = await accessByToken(ctx, c.req.param('token'), 'journal');
    const [courses, pair] = await Promise.all([
      loadJournal(ctx, access),
      lookUpPair(ctx, access.subscriber.subscriberId),
    ]);
    const { subscriberId, tokenVersion } = access.subscriber;
    const here = journalAt(c.req.path);
    return c.html(
      journalPage(courses, {
        manageUrl: ctx.links.manage(subscriberId, tokenVersion),
        exportUrl: `${here}/export`,
        deleteUrl: `${here}/delete`,
        partnerUrl: ctx.links.partner(subscriberId, tokenVersion),
        togetherUrl: pair.standing.kind === 'together' ? `${here}/together` : undefined,
      }),
    );
  });

  app.get('/:token/together', async (c) => {
    const access = await accessByToken(ctx, c.req.param('token'), 'journal');
    const { subscriberId, tokenVersion } = access.subscriber;
    const view = await loadTogether(ctx, access);
    return c.html(
      togetherPage(view, {
        journalUrl: journalAt(c.req.path),
        partnerUrl: ctx.links.partner(subscriberId, tokenVersion),
      }),
    );
  });

  app.get('/:token/export', async (c) => {
    const access = await accessByToken(ctx, c.req.param('token'), 'journal');
    c.header('content-disposition', 'attachment; filename="mend-journal.json"');
    return c.json(await exportSubscriberData(ctx, access));
  });

  app.get('/:token/delete', async (c) => {
    await accessByToken(ctx, c.req.param('token'), 'journal');
    return c.html(deletePage(journalAt(c.req.path)));
  });

  app.post('/:token/delete', async (c) => {
    const access = await accessByToken(ctx, c.req.param('token'), 'journal');
    await deleteEverything(ctx, access);
    return c.html(deletedPage());
  });

  return app;
}

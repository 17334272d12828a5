import { Hono } from 'hono';
import { answerSchema, loadReflection, saveAnswer } from '../../services/answers';
import type { ServiceContext } from '../../services/context';
import { accessByToken } from '../../services/subscriber-access';
import { reflectPage } from '../pages/reflect-page';
import { fieldDetails, readForm } from '../parse-input';

/** `GET/POST /reflect/:token`: one question, and the person's answer to it. */
export function reflectRoutes(ctx: ServiceContext): Hono {
  const app = new Hono();

  app.get('/reflect/:token', async (c) => {
    const access = await accessByToken(ctx, c.req.param('token'), 'reflect');
    const view = await loadReflection(ctx, access);
    const { subscriberId, tokenVersion } = access.subscriber;
    return c.html(
      reflectPage(view, {
        journalUrl: ctx.links.journal(subscriberId, tokenVersion),
        saved: c.req.query('saved') === '1',
      }),
    );
  });

  app.post('/reflect/:token', async (c) => {
    const token = c.req.param('token');
    const access = await accessByToken(ctx, token, 'reflect');
    const form = await readForm(c);
    const parsed = answerSchema.safeParse({ answer: form.answer });
    const { subscriberId, tokenVersion } = access.subscriber;
    const journalUrl = ctx.links.journal(subscriberId, tokenVersion);
    if (!parsed.success) {
      const view = await loadReflection(ctx, access);
      return c.html(
        reflectPage(view, { journalUrl, draft: form.answer, details: fieldDetails(parsed.error) }),
        400,
      );
    }
    await saveAnswer(ctx, access, parsed.data.answer, form.share === 'on');
    return c.redirect(`/reflect/${token}?saved=1`, 303);
  });

  return app;
}

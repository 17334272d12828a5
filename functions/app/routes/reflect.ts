import { Hono } from 'hono';
import { answerSchema, openReflection, saveAnswer } from '../../services/answers';
import type { ServiceContext } from '../../services/context';
import { reflectPage } from '../pages/reflect-page';
import { fieldDetails, readForm } from '../parse-input';

/** `GET/POST /reflect/:token`: one question, and the person's answer to it. */
export function reflectRoutes(ctx: ServiceContext): Hono {
  const app = new Hono();

  app.get('/:token', async (c) => {
    const { access, view } = await openReflection(ctx, c.req.param('token'));
    const { subscriberId, tokenVersion } = access.subscriber;
    return c.html(
      reflectPage(view, {
        journalUrl: ctx.links.journal(subscriberId, tokenVersion),
        partnerUrl: view.partnerSharing && ctx.links.partner(subscriberId, tokenVersion),
        saved: c.req.query('saved') === '1',
      }),
    );
  });

  app.post('/:token', async (c) => {
    const token = c.req.param('token');
    const opened = await openReflection(ctx, token);
    const form = await readForm(c);
    const parsed = answerSchema.safeParse({ answer: form.answer });
    const { subscriberId, tokenVersion } = opened.access.subscriber;
    const journalUrl = ctx.links.journal(subscriberId, tokenVersion);
    if (!parsed.success) {
      return c.html(
        reflectPage(opened.view, {
          journalUrl,
          partnerUrl: opened.view.partnerSharing && ctx.links.partner(subscriberId, tokenVersion),
          draft: form.answer,
          details: fieldDetails(parsed.error),
        }),
        400,
      );
    }
    await saveAnswer(ctx, opened, parsed.data.answer, {
      practice: form.share === 'on',
      partner: form.sharePartner === 'on',
    });
    return c.redirect(`/reflect/${token}?saved=1`, 303);
  });

  return app;
}

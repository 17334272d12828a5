import { Hono } from 'hono';
import { RateLimitedError } from '../../domain/errors';
import type { ServiceContext } from '../../services/context';
import { invitePartner, inviteSchema, withdrawInvitation } from '../../services/partner-invite';
import { loadPartnerView } from '../../services/partner-view';
import { accessByToken } from '../../services/subscriber-access';
import { unpair } from '../../services/unpair';
import { partnerPage, unpairedPage } from '../pages/partner-page';
import { fieldDetails, readForm } from '../parse-input';

/**
 * `GET /partner/:token`: the person's side of a pair; `POST …/invite`, `…/withdraw` and
 * `…/unpair` (one click, from every page a paired person reads). The token is the person's own:
 * nothing here names a pair, so nothing here can reach another pair.
 */
export function partnerRoutes(ctx: ServiceContext): Hono {
  const app = new Hono();
  const here = (token: string) => `/partner/${token}`;
  const access = (token: string) => accessByToken(ctx, token, 'partner');

  app.get('/:token', async (c) => {
    const token = c.req.param('token');
    const view = await loadPartnerView(ctx, await access(token));
    const notice = c.req.query('sent') === '1' ? 'Invitation sent.' : undefined;
    return c.html(partnerPage(view, here(token), { notice }));
  });

  app.post('/:token/invite', async (c) => {
    const token = c.req.param('token');
    const person = await access(token);
    const form = await readForm(c);
    const parsed = inviteSchema.safeParse(form);
    if (!parsed.success) {
      const view = await loadPartnerView(ctx, person);
      const details = fieldDetails(parsed.error);
      return c.html(partnerPage(view, here(token), { values: form, details }), 400);
    }
    try {
      await invitePartner(ctx, person, parsed.data);
    } catch (error) {
      if (!(error instanceof RateLimitedError)) throw error;
      const view = await loadPartnerView(ctx, person);
      return c.html(partnerPage(view, here(token), { values: form, notice: error.message }), 429);
    }
    return c.redirect(`${here(token)}?sent=1`, 303);
  });

  app.post('/:token/withdraw', async (c) => {
    const token = c.req.param('token');
    await withdrawInvitation(ctx, await access(token));
    return c.redirect(here(token), 303);
  });

  app.post('/:token/unpair', async (c) => {
    const person = await access(c.req.param('token'));
    await unpair(ctx, person);
    const { subscriberId, tokenVersion } = person.subscriber;
    return c.html(unpairedPage(ctx.links.journal(subscriberId, tokenVersion)));
  });

  return app;
}

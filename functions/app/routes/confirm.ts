import { Hono } from 'hono';
import { InvalidLinkError } from '../../domain/errors';
import { verifyToken } from '../../domain/tokens';
import {
  type Choices,
  confirmSignup,
  consentSchema,
  findPendingSignup,
  partnerConsentSchema,
} from '../../services/confirm';
import type { ServiceContext } from '../../services/context';
import { stillOpenPairInvitation } from '../../services/pair-join';
import { alreadyConfirmedPage, confirmedPage, confirmPage } from '../pages/confirm-pages';
import { consentPage } from '../pages/consent-page';
import { partnerInvitationPage } from '../pages/partner-invitation-page';
import { fieldDetails, readForm } from '../parse-input';

/** `GET /confirm/:token` shows a button; only the POST changes anything (scanners prefetch GETs). */
export function confirmRoutes(ctx: ServiceContext): Hono {
  const app = new Hono();

  function claims(token: string) {
    const { subscriberId, nonce } = verifyToken(token, 'confirm', ctx.secret, ctx.clock.now());
    if (!nonce) throw new InvalidLinkError();
    return { subscriberId, nonce };
  }

  app.get('/:token', async (c) => {
    const { subscriberId, nonce } = claims(c.req.param('token'));
    const signup = await findPendingSignup(ctx, subscriberId, nonce);
    if (signup === 'already-confirmed') return c.html(alreadyConfirmedPage());
    const courseTitle = ctx.catalog.compiled(signup.courseId).title;
    if (signup.invitation) return c.html(consentPage(signup, signup.invitation, courseTitle));
    if (signup.partner) {
      await stillOpenPairInvitation(ctx, signup);
      return c.html(partnerInvitationPage(signup, courseTitle));
    }
    return c.html(confirmPage(courseTitle, signup.sendHour, signup.timeZone));
  });

  app.post('/:token', async (c) => {
    const { subscriberId, nonce } = claims(c.req.param('token'));
    const signup = await findPendingSignup(ctx, subscriberId, nonce);
    if (signup === 'already-confirmed') return c.html(alreadyConfirmedPage());
    let consent: Choices | undefined;
    const title = ctx.catalog.compiled(signup.courseId).title;
    if (signup.invitation) {
      const form = await readForm(c);
      const parsed = consentSchema.safeParse(form);
      if (!parsed.success) {
        return c.html(
          consentPage(signup, signup.invitation, title, form, fieldDetails(parsed.error)),
          400,
        );
      }
      consent = parsed.data;
    } else if (signup.partner) {
      const form = await readForm(c);
      const parsed = partnerConsentSchema.safeParse(form);
      if (!parsed.success) {
        return c.html(partnerInvitationPage(signup, title, form, fieldDetails(parsed.error)), 400);
      }
      consent = parsed.data;
    }
    const outcome = await confirmSignup(ctx, subscriberId, nonce, consent);
    return c.html(outcome === 'already-confirmed' ? alreadyConfirmedPage() : confirmedPage());
  });

  return app;
}

import { Hono } from 'hono';
import { html } from 'hono/html';
import { InvalidLinkError } from '../../domain/errors';
import { verifyToken } from '../../domain/tokens';
import {
  type Consent,
  confirmSignup,
  consentSchema,
  findPendingSignup,
} from '../../services/confirm';
import type { ServiceContext } from '../../services/context';
import { consentPage } from '../pages/consent-page';
import { page } from '../pages/layout';
import { messagePage } from '../pages/message-page';
import { fieldDetails, readForm } from '../parse-input';

const ALREADY = messagePage('You’re already in', [
  'This address is confirmed and the course is under way. Each email has links to your journal and to your settings.',
]);

/** `GET /confirm/:token` shows a button; only the POST changes anything (scanners prefetch GETs). */
export function confirmRoutes(ctx: ServiceContext): Hono {
  const app = new Hono();

  function claims(token: string) {
    const { subscriberId, nonce } = verifyToken(token, 'confirm', ctx.secret, ctx.clock.now());
    if (!nonce) throw new InvalidLinkError();
    return { subscriberId, nonce };
  }

  app.get('/confirm/:token', async (c) => {
    const { subscriberId, nonce } = claims(c.req.param('token'));
    const signup = await findPendingSignup(ctx, subscriberId, nonce);
    if (signup === 'already-confirmed') return c.html(ALREADY);
    const courseTitle = ctx.catalog.compiled(signup.courseId).title;
    if (signup.invitation) return c.html(consentPage(signup, courseTitle));
    return c.html(
      page(
        'Confirm your place',
        html`<h1>One last step</h1>
<p>Press the button to confirm your address and begin <strong>${courseTitle}</strong>. Your welcome email arrives within a few minutes; after that, one stage every few days at ${String(signup.sendHour).padStart(2, '0')}:00 (${signup.timeZone}).</p>
<form method="post">
  <button type="submit">Confirm and begin</button>
</form>`,
      ),
    );
  });

  app.post('/confirm/:token', async (c) => {
    const { subscriberId, nonce } = claims(c.req.param('token'));
    const signup = await findPendingSignup(ctx, subscriberId, nonce);
    if (signup === 'already-confirmed') return c.html(ALREADY);
    let consent: Consent | undefined;
    if (signup.invitation) {
      const form = await readForm(c);
      const parsed = consentSchema.safeParse(form);
      if (!parsed.success) {
        const title = ctx.catalog.compiled(signup.courseId).title;
        return c.html(consentPage(signup, title, form, fieldDetails(parsed.error)), 400);
      }
      consent = parsed.data;
    }
    const outcome = await confirmSignup(ctx, subscriberId, nonce, consent);
    if (outcome === 'already-confirmed') return c.html(ALREADY);
    return c.html(
      messagePage('You’re in', [
        'Thank you. Your welcome email is on its way and should arrive within a few minutes.',
        'Every email has a link to your private journal, to pause or change your pace, and to unsubscribe.',
      ]),
    );
  });

  return app;
}

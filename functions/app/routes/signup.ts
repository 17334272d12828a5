import { Hono } from 'hono';
import type { ServiceContext } from '../../services/context';
import { subscribe, subscriptionSchema } from '../../services/subscribe';
import type { MailTiming } from '../mail-timing';
import { spendAddressLimit } from '../middleware/rate-limit';
import { checkInboxPage, signupPage } from '../pages/signup-page';
import { fieldDetails, readForm } from '../parse-input';

const FORM_FIELDS = ['email', 'name', 'perspective', 'sendHour', 'timezone'] as const;

/** `POST /subscribe` (the form on `/`) and the page it sends a person to. */
export function signupRoutes(ctx: ServiceContext, timing: MailTiming): Hono {
  const app = new Hono();

  app.post('/', async (c) => {
    const form = await readForm(c);
    const input = Object.fromEntries(
      FORM_FIELDS.filter((field) => form[field] !== undefined).map((field) => [field, form[field]]),
    );
    const parsed = subscriptionSchema.safeParse(input);
    if (!parsed.success) {
      const sendHour = Number(form.sendHour);
      return c.html(
        signupPage(
          ctx.catalog.compiled(ctx.defaultCourseId).title,
          { ...form, sendHour: Number.isInteger(sendHour) ? sendHour : undefined },
          fieldDetails(parsed.error),
        ),
        400,
      );
    }
    await spendAddressLimit(ctx, c, 'signup');
    await timing.run(ctx, (inner) => subscribe(inner, parsed.data));
    return c.redirect('/subscribe/check-inbox', 303);
  });

  app.get('/check-inbox', (c) => c.html(checkInboxPage()));

  return app;
}

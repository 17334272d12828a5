import { Hono } from 'hono';
import type { ServiceContext } from '../../services/context';
import { subscribe, subscriptionSchema } from '../../services/subscribe';
import { spendAddressLimit } from '../middleware/rate-limit';
import { checkInboxPage, signupPage } from '../pages/signup-page';
import { fieldDetails, parseWith, readForm, readJson } from '../parse-input';

const FORM_FIELDS = ['email', 'name', 'perspective', 'sendHour', 'timezone'] as const;

/** `GET /`, `POST /subscribe` (the form) and `POST /api/subscriptions` (JSON). */
export function signupRoutes(ctx: ServiceContext): Hono {
  const app = new Hono();
  const courseTitle = () => ctx.catalog.compiled(ctx.defaultCourseId).title;

  app.get('/', (c) => c.html(signupPage(courseTitle())));

  app.post('/subscribe', async (c) => {
    const form = await readForm(c);
    const input = Object.fromEntries(
      FORM_FIELDS.filter((field) => form[field] !== undefined).map((field) => [field, form[field]]),
    );
    const parsed = subscriptionSchema.safeParse(input);
    if (!parsed.success) {
      const sendHour = Number(form.sendHour);
      return c.html(
        signupPage(
          courseTitle(),
          { ...form, sendHour: Number.isInteger(sendHour) ? sendHour : undefined },
          fieldDetails(parsed.error),
        ),
        400,
      );
    }
    await spendAddressLimit(ctx, c, 'signup');
    await subscribe(ctx, parsed.data);
    return c.redirect('/subscribe/check-inbox', 303);
  });

  app.get('/subscribe/check-inbox', (c) => c.html(checkInboxPage()));

  app.post('/api/subscriptions', async (c) => {
    const input = parseWith(subscriptionSchema, await readJson(c));
    await spendAddressLimit(ctx, c, 'signup');
    await subscribe(ctx, input);
    return c.json({ status: 'pending' }, 202);
  });

  return app;
}

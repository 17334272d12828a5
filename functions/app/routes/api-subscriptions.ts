import { Hono } from 'hono';
import * as z from 'zod/mini';
import type { ServiceContext } from '../../services/context';
import { subscribe, subscriptionSchema } from '../../services/subscribe';
import { documented } from '../api-docs';
import type { MailTiming } from '../mail-timing';
import { spendAddressLimit } from '../middleware/rate-limit';
import { parseWith, readJson } from '../parse-input';

/** `POST /api/subscriptions`: the sign-up form's JSON twin. */
export function apiSubscriptionRoutes(ctx: ServiceContext, timing: MailTiming): Hono {
  const app = new Hono();

  app.post(
    '/',
    documented({
      summary: 'Start a sign-up; the same answer whether or not the address is known.',
      auth: 'none',
      body: { type: 'json', schema: subscriptionSchema },
      ok: [
        { status: 202, description: 'Pending', schema: z.object({ status: z.literal('pending') }) },
      ],
      errors: [400, 403, 415, 429],
    }),
    async (c) => {
      const input = parseWith(subscriptionSchema, await readJson(c));
      await spendAddressLimit(ctx, c, 'signup');
      await timing.run(ctx, (inner) => subscribe(inner, input));
      return c.json({ status: 'pending' }, 202);
    },
  );

  return app;
}

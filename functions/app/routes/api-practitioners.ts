import { Hono } from 'hono';
import * as z from 'zod/mini';
import type { ServiceContext } from '../../services/context';
import { loginRequestSchema, requestLogin } from '../../services/practitioner-auth';
import { documented } from '../api-docs';
import { spendAddressLimit } from '../middleware/rate-limit';
import { parseWith, readJson } from '../parse-input';

/** `POST /api/practitioners/login`: emails a practitioner a one-use sign-in link. */
export function apiPractitionerRoutes(ctx: ServiceContext): Hono {
  const app = new Hono();

  app.post(
    '/login',
    documented({
      summary: 'Email a one-use sign-in link to a practitioner.',
      auth: 'none',
      body: { type: 'json', schema: loginRequestSchema },
      ok: [{ status: 202, description: 'Sent', schema: z.object({ status: z.literal('sent') }) }],
      errors: [400, 403, 415, 429],
    }),
    async (c) => {
      const { email } = parseWith(loginRequestSchema, await readJson(c));
      await spendAddressLimit(ctx, c, 'login');
      await requestLogin(ctx, email);
      return c.json({ status: 'sent' }, 202);
    },
  );

  return app;
}

import { Hono } from 'hono';
import * as z from 'zod/mini';
import { createApiKey, listApiKeys, newApiKeySchema, revokeApiKey } from '../../services/api-keys';
import type { ServiceContext } from '../../services/context';
import { documented } from '../api-docs';
import { type ApiEnv, apiPractice, requireApiPractice } from '../middleware/api-auth';
import { apiKeySummary, createdApiKey } from '../openapi-schemas';
import { parseWith, readJson } from '../parse-input';

/**
 * `POST/GET /api/keys`, `DELETE /api/keys/:id`: a signed-in practitioner's API keys. Only the
 * session may manage keys, so a leaked key cannot mint more of itself.
 */
export function apiKeyRoutes(ctx: ServiceContext): Hono<ApiEnv> {
  const app = new Hono<ApiEnv>();
  app.use('*', requireApiPractice(ctx, { allowKey: false }));

  app.post(
    '/',
    documented({
      summary:
        'Create an API key (signed-in practitioners only), optionally named and expiring. The key is shown once.',
      auth: 'session',
      body: { type: 'json', schema: newApiKeySchema, optional: true },
      ok: [{ status: 201, description: 'Created', schema: createdApiKey }],
      errors: [400, 401, 403, 415],
    }),
    async (c) => {
      const input = parseWith(newApiKeySchema, await readJson(c, { empty: {} }));
      return c.json(await createApiKey(ctx, apiPractice(c), input), 201);
    },
  );

  app.get(
    '/',
    documented({
      summary:
        'List the practice’s API keys: name, prefix, created, expiry and last use; never the key or its hash.',
      auth: 'session',
      ok: [
        { status: 200, description: 'Keys', schema: z.object({ keys: z.array(apiKeySummary) }) },
      ],
      errors: [401],
    }),
    async (c) => c.json({ keys: await listApiKeys(ctx, apiPractice(c).practiceId) }),
  );

  app.delete(
    '/:id',
    documented({
      summary: 'Revoke an API key; it stops working at once.',
      auth: 'session',
      ok: [
        {
          status: 200,
          description: 'Revoked',
          schema: z.object({ id: z.string(), revoked: z.literal(true) }),
        },
      ],
      errors: [401, 403, 404],
    }),
    async (c) => {
      await revokeApiKey(ctx, apiPractice(c).practiceId, c.req.param('id'));
      return c.json({ id: c.req.param('id'), revoked: true });
    },
  );

  return app;
}

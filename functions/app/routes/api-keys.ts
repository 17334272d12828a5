import { Hono } from 'hono';
import { UnsupportedMediaTypeError, ValidationError } from '../../domain/errors';
import { createApiKey, listApiKeys, revokeApiKey } from '../../services/api-keys';
import type { ServiceContext } from '../../services/context';
import { type ApiEnv, apiPractice, requireApiPractice } from '../middleware/api-auth';
import { createApiKeySchema } from '../openapi-schemas';
import { parseWith } from '../parse-input';

/**
 * `POST/GET /api/keys`, `DELETE /api/keys/:id`: a signed-in practitioner's API keys. Only the
 * session may manage keys, so a leaked key cannot mint more of itself.
 */
export function apiKeyRoutes(ctx: ServiceContext): Hono<ApiEnv> {
  const app = new Hono<ApiEnv>();
  app.use('/api/keys', requireApiPractice(ctx, { allowKey: false }));
  app.use('/api/keys/*', requireApiPractice(ctx, { allowKey: false }));

  app.post('/api/keys', async (c) => {
    // JSON only (an empty body is fine), like every other /api route.
    if (!/^application\/(?:[\w.+-]+\+)?json\b/i.test(c.req.header('content-type') ?? '')) {
      throw new UnsupportedMediaTypeError('Send JSON with Content-Type: application/json.');
    }
    const text = (await c.req.text()).trim();
    let body: unknown = {};
    try {
      if (text !== '') body = JSON.parse(text);
    } catch {
      throw new ValidationError('The body is not valid JSON.', { body: 'Malformed JSON.' });
    }
    parseWith(createApiKeySchema, body);
    const { id, key, prefix, createdAt } = await createApiKey(ctx, apiPractice(c));
    return c.json({ id, key, prefix, createdAt }, 201);
  });

  app.get('/api/keys', async (c) =>
    c.json({ keys: await listApiKeys(ctx, apiPractice(c).practiceId) }),
  );

  app.delete('/api/keys/:id', async (c) => {
    await revokeApiKey(ctx, apiPractice(c).practiceId, c.req.param('id'));
    return c.json({ id: c.req.param('id'), revoked: true });
  });

  return app;
}

import { Hono } from 'hono';
import { createApiKey, listApiKeys, revokeApiKey } from '../../services/api-keys';
import type { ServiceContext } from '../../services/context';
import { type PracticeEnv, practiceOf } from '../middleware/practice-session';
import { apiKeysPage } from '../pages/practice-tools-pages';

/** `/practice/keys`: the dashboard's page to create, list and revoke API keys. */
export function practiceKeyRoutes(ctx: ServiceContext): Hono<PracticeEnv> {
  const app = new Hono<PracticeEnv>();

  app.get('/', async (c) => c.html(apiKeysPage(await listApiKeys(ctx, practiceOf(c).practiceId))));

  app.post('/', async (c) => {
    const practice = practiceOf(c);
    const created = await createApiKey(ctx, practice);
    // Rendered, not redirected: this response is the only place the key ever appears.
    return c.html(apiKeysPage(await listApiKeys(ctx, practice.practiceId), { created }), 201);
  });

  app.post('/:id/revoke', async (c) => {
    const practice = practiceOf(c);
    await revokeApiKey(ctx, practice.practiceId, c.req.param('id'));
    return c.html(
      apiKeysPage(await listApiKeys(ctx, practice.practiceId), {
        notice: 'Key revoked. It stopped working at once.',
      }),
    );
  });

  return app;
}

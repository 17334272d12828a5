import { Hono } from 'hono';
import { createApiKey, listApiKeys, newApiKeySchema, revokeApiKey } from '../../services/api-keys';
import type { ServiceContext } from '../../services/context';
import { type PracticeEnv, practiceOf } from '../middleware/practice-session';
import { type ApiKeysPageOptions, apiKeysPage } from '../pages/api-keys-page';
import { fieldDetails, readForm } from '../parse-input';

/** `/practice/keys`: the dashboard's page to create, list and revoke API keys. */
export function practiceKeyRoutes(ctx: ServiceContext): Hono<PracticeEnv> {
  const app = new Hono<PracticeEnv>();
  const render = async (practiceId: string, options?: ApiKeysPageOptions) =>
    apiKeysPage(await listApiKeys(ctx, practiceId), ctx.clock.now(), options);

  app.get('/', async (c) => c.html(await render(practiceOf(c).practiceId)));

  app.post('/', async (c) => {
    const practice = practiceOf(c);
    const form = await readForm(c);
    const filled = Object.entries(form).filter(
      ([field, value]) => ['name', 'expiresInDays'].includes(field) && value.trim() !== '',
    );
    const parsed = newApiKeySchema.safeParse(Object.fromEntries(filled));
    if (!parsed.success) {
      const details = fieldDetails(parsed.error);
      return c.html(await render(practice.practiceId, { details, values: form }), 400);
    }
    const created = await createApiKey(ctx, practice, parsed.data);
    // Rendered, not redirected: this response is the only place the key ever appears.
    return c.html(await render(practice.practiceId, { created }), 201);
  });

  app.post('/:id/revoke', async (c) => {
    const practice = practiceOf(c);
    await revokeApiKey(ctx, practice.practiceId, c.req.param('id'));
    const notice = 'Key revoked. It stopped working at once.';
    return c.html(await render(practice.practiceId, { notice }));
  });

  return app;
}

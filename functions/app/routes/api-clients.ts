import { Hono } from 'hono';
import { UnsupportedMediaTypeError } from '../../domain/errors';
import { applyClientAction } from '../../services/client-actions';
import type { ServiceContext } from '../../services/context';
import { enrollClient, enrollClientSchema } from '../../services/enroll-client';
import { importClients, readImport } from '../../services/import-clients';
import { clientDetail, listClientRows } from '../../services/practice-clients';
import { type ApiEnv, apiPractice, requireApiPractice } from '../middleware/api-auth';
import { openApiDocument } from '../openapi';
import { clientPatchSchema } from '../openapi-schemas';
import { parseWith, readJson } from '../parse-input';

const CSV_TYPE = /^text\/csv\b/i;

/**
 * A practice's clients over JSON (`/api/clients*`), with an API key or the session cookie, and
 * `GET /api/openapi.json`. Every lookup is scoped by the caller's practice: another practice's
 * client id is simply not found (404).
 */
export function apiClientRoutes(ctx: ServiceContext, baseUrl: string): Hono<ApiEnv> {
  const app = new Hono<ApiEnv>();
  let document: ReturnType<typeof openApiDocument> | undefined;
  app.get('/api/openapi.json', (c) => {
    document ??= openApiDocument(baseUrl);
    return c.json(document);
  });

  app.use('/api/clients', requireApiPractice(ctx));
  app.use('/api/clients/*', requireApiPractice(ctx));

  app.post('/api/clients', async (c) => {
    const input = parseWith(enrollClientSchema, await readJson(c));
    const { outcome, clientId } = await enrollClient(ctx, apiPractice(c), input);
    return c.json({ clientId, outcome }, outcome === 'invited' ? 201 : 200);
  });

  app.get('/api/clients', async (c) =>
    c.json({ clients: await listClientRows(ctx, apiPractice(c).practiceId) }),
  );

  // Registered before `/api/clients/:id` so `import` is never taken for a client id.
  app.post('/api/clients/import', async (c) => {
    // The one /api route that is not JSON: it takes the CSV file itself.
    if (!CSV_TYPE.test(c.req.header('content-type') ?? '')) {
      throw new UnsupportedMediaTypeError('Send the CSV file with Content-Type: text/csv.');
    }
    const parsed = readImport(await c.req.text());
    return c.json(await importClients(ctx, apiPractice(c), parsed));
  });

  app.get('/api/clients/:id', async (c) => {
    const { row, stages } = await clientDetail(ctx, apiPractice(c).practiceId, c.req.param('id'));
    return c.json({ client: row, stages });
  });

  app.patch('/api/clients/:id', async (c) => {
    const practice = apiPractice(c);
    const action = parseWith(clientPatchSchema, await readJson(c));
    await applyClientAction(ctx, practice, c.req.param('id'), action);
    return c.json((await clientDetail(ctx, practice.practiceId, c.req.param('id'))).row);
  });

  app.delete('/api/clients/:id', async (c) => {
    const practice = apiPractice(c);
    await applyClientAction(ctx, practice, c.req.param('id'), { action: 'end' });
    return c.json((await clientDetail(ctx, practice.practiceId, c.req.param('id'))).row);
  });

  return app;
}

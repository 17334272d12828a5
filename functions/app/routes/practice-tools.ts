import { Hono } from 'hono';
import { stream } from 'hono/streaming';
import { UnsupportedMediaTypeError, ValidationError } from '../../domain/errors';
import { createApiKey, listApiKeys, revokeApiKey } from '../../services/api-keys';
import type { ServiceContext } from '../../services/context';
import { importClients, readImport } from '../../services/import-clients';
import {
  type PracticeEnv,
  practiceOf,
  requirePracticeSession,
} from '../middleware/practice-session';
import {
  apiKeysPage,
  importFailed,
  importIntro,
  importPageFrame,
  importProgress,
  importTable,
} from '../pages/practice-tools-pages';

/**
 * The dashboard's tools beside the client list: API keys (`/practice/keys`) and CSV upload
 * (`POST /practice/clients/import`). Forms here go through the same CSRF origin check as all.
 */
export function practiceToolRoutes(ctx: ServiceContext): Hono<PracticeEnv> {
  const app = new Hono<PracticeEnv>();
  app.use('/practice/keys', requirePracticeSession(ctx));
  app.use('/practice/keys/*', requirePracticeSession(ctx));
  app.use('/practice/clients/import', requirePracticeSession(ctx));

  app.get('/practice/keys', async (c) =>
    c.html(apiKeysPage(await listApiKeys(ctx, practiceOf(c).practiceId))),
  );

  app.post('/practice/keys', async (c) => {
    const practice = practiceOf(c);
    const created = await createApiKey(ctx, practice);
    // Rendered, not redirected: this response is the only place the key ever appears.
    return c.html(apiKeysPage(await listApiKeys(ctx, practice.practiceId), created), 201);
  });

  app.post('/practice/keys/:id/revoke', async (c) => {
    const practice = practiceOf(c);
    await revokeApiKey(ctx, practice.practiceId, c.req.param('id'));
    return c.html(
      apiKeysPage(
        await listApiKeys(ctx, practice.practiceId),
        undefined,
        'Key revoked. It stopped working at once.',
      ),
    );
  });

  app.post('/practice/clients/import', async (c) => {
    const practice = practiceOf(c);
    if (!/^multipart\/form-data\b/i.test(c.req.header('content-type') ?? '')) {
      throw new UnsupportedMediaTypeError('Upload the CSV file from the form on your dashboard.');
    }
    let file: unknown;
    try {
      file = (await c.req.parseBody()).file;
    } catch (cause) {
      throw new ValidationError(
        'The upload could not be read.',
        { file: 'Malformed upload.' },
        { cause },
      );
    }
    if (!(file instanceof File) || file.size === 0) {
      throw new ValidationError('Choose a CSV file to upload.', { file: 'Choose a CSV file.' });
    }
    const parsed = readImport(await file.text());
    const total = parsed.rows.length;
    const every = Math.max(10, Math.ceil(total / 20));
    const { head, tail } = await importPageFrame();

    // Streamed so a person sees "Processed n of N" grow while a large file is enrolled. Locally
    // (and behind any streaming proxy) that shows at once; API Gateway's HTTP API buffers the
    // whole Lambda response, so there the page arrives complete at the end instead.
    c.header('content-type', 'text/html; charset=utf-8');
    return stream(c, async (out) => {
      await out.write(head);
      await out.write(String(await importIntro(total)));
      let done = 0;
      try {
        const report = await importClients(ctx, practice, parsed, async (_row, count) => {
          done = count;
          if (count % every === 0 && count < total) {
            await out.write(String(await importProgress(count, total)));
          }
        });
        await out.write(String(await importProgress(total, total)));
        await out.write(String(await importTable(report.totals, report.rows)));
      } catch (error) {
        ctx.log.error('import failed part way', {
          practice: practice.practiceId,
          done,
          error: error instanceof Error ? error.name : 'unknown',
        });
        await out.write(String(await importFailed(done)));
      }
      await out.write(tail);
    });
  });

  return app;
}

import { Hono } from 'hono';
import { stream } from 'hono/streaming';
import { ValidationError } from '../../domain/errors';
import type { ServiceContext } from '../../services/context';
import { importClients, readImport } from '../../services/import-clients';
import { UnsupportedMediaTypeError } from '../http-errors';
import { type PracticeEnv, practiceOf } from '../middleware/practice-session';
import {
  importFailed,
  importIntro,
  importPageFrame,
  importProgress,
  importTable,
} from '../pages/import-report-pages';

async function uploadedFile(c: { req: { parseBody(): Promise<Record<string, unknown>> } }) {
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
  return file;
}

/** `POST /practice/clients/import`: the dashboard's CSV upload, answered with a streamed report. */
export function practiceImportRoutes(ctx: ServiceContext): Hono<PracticeEnv> {
  const app = new Hono<PracticeEnv>();

  app.post('/', async (c) => {
    const practice = practiceOf(c);
    if (!/^multipart\/form-data\b/i.test(c.req.header('content-type') ?? '')) {
      throw new UnsupportedMediaTypeError('Upload the CSV file from the form on your dashboard.');
    }
    const parsed = readImport(await (await uploadedFile(c)).text());
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

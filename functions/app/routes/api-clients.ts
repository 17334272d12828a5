import { Hono } from 'hono';
import * as z from 'zod/mini';
import { applyClientAction } from '../../services/client-actions';
import type { ServiceContext } from '../../services/context';
import { enrollClient, enrollClientSchema } from '../../services/enroll-client';
import { enrollPair, enrollPairSchema } from '../../services/enroll-pair';
import { importClients, readImport } from '../../services/import-clients';
import { clientDetail, listClientRows } from '../../services/practice-clients';
import { documented } from '../api-docs';
import { UnsupportedMediaTypeError } from '../http-errors';
import { type ApiEnv, apiPractice, requireApiPractice } from '../middleware/api-auth';
import {
  clientDetailBody,
  clientPatchSchema,
  clientRow,
  enrollPairResult,
  enrollResult,
  importReportBody,
} from '../openapi-schemas';
import { parseWith, readJson } from '../parse-input';
import { CLIENT_ID } from '../route-params';

const CSV_TYPE = /^text\/csv\b/i;

/**
 * A practice's clients over JSON (`/api/clients…`), with an API key or the session cookie. Every
 * lookup is scoped by the caller's practice: another practice's client id is simply not found.
 */
export function apiClientRoutes(ctx: ServiceContext): Hono<ApiEnv> {
  const app = new Hono<ApiEnv>();
  app.use('*', requireApiPractice(ctx));

  app.post(
    '/',
    documented({
      summary: 'Enroll a client: they get an invitation needing their consent.',
      auth: 'practice',
      body: { type: 'json', schema: enrollClientSchema },
      ok: [
        { status: 201, description: 'Invited', schema: enrollResult },
        {
          status: 200,
          description: 'Already enrolled, or declined (nothing sent)',
          schema: enrollResult,
        },
      ],
      errors: [400, 401, 403, 415, 429],
    }),
    async (c) => {
      const input = parseWith(enrollClientSchema, await readJson(c));
      const { outcome, clientId } = await enrollClient(ctx, apiPractice(c), input);
      return c.json({ clientId, outcome }, outcome === 'invited' ? 201 : 200);
    },
  );

  app.post(
    '/pairs',
    documented({
      summary:
        'Enroll two new clients as a pair: each consents to their own invitation; they are paired once both accept.',
      auth: 'practice',
      body: { type: 'json', schema: enrollPairSchema },
      ok: [{ status: 202, description: 'Both invited', schema: enrollPairResult }],
      errors: [400, 401, 403, 409, 415, 429],
    }),
    async (c) => {
      const input = parseWith(enrollPairSchema, await readJson(c));
      const { clientIds } = await enrollPair(ctx, apiPractice(c), input);
      return c.json({ status: 'invited', clientIds }, 202);
    },
  );

  app.get(
    '/',
    documented({
      summary: 'List the practice’s clients with progress.',
      auth: 'practice',
      ok: [
        { status: 200, description: 'Clients', schema: z.object({ clients: z.array(clientRow) }) },
      ],
      errors: [401],
    }),
    async (c) => c.json({ clients: await listClientRows(ctx, apiPractice(c).practiceId) }),
  );

  app.post(
    '/import',
    documented({
      summary:
        'Enroll up to 1,000 clients from CSV (header email,name,cadenceDays,startDate); a per-row report. A re-upload adds no one twice.',
      auth: 'practice',
      body: {
        type: 'csv',
        description: 'email,name,cadenceDays,startDate, then one client a row (RFC 4180 quoting).',
      },
      ok: [{ status: 200, description: 'Report', schema: importReportBody }],
      errors: [400, 401, 403, 413, 415],
    }),
    async (c) => {
      // The one /api route that is not JSON: it takes the CSV file itself.
      if (!CSV_TYPE.test(c.req.header('content-type') ?? '')) {
        throw new UnsupportedMediaTypeError('Send the CSV file with Content-Type: text/csv.');
      }
      const parsed = readImport(await c.req.text());
      return c.json(await importClients(ctx, apiPractice(c), parsed));
    },
  );

  app.get(
    `/${CLIENT_ID}`,
    documented({
      summary:
        'One client with the answers they shared (never the others), and how their pair stands.',
      auth: 'practice',
      ok: [{ status: 200, description: 'Client', schema: clientDetailBody }],
      errors: [401, 404],
    }),
    async (c) => {
      const { row, stages, pair } = await clientDetail(
        ctx,
        apiPractice(c).practiceId,
        c.req.param('id'),
      );
      return c.json({ client: row, stages, ...(pair && { pair }) });
    },
  );

  app.patch(
    `/${CLIENT_ID}`,
    documented({
      summary: 'Pause, resume or re-pace a client’s enrollment.',
      auth: 'practice',
      body: { type: 'json', schema: clientPatchSchema },
      ok: [{ status: 200, description: 'Updated', schema: clientRow }],
      errors: [400, 401, 403, 404, 409, 415],
    }),
    async (c) => {
      const practice = apiPractice(c);
      const action = parseWith(clientPatchSchema, await readJson(c));
      await applyClientAction(ctx, practice, c.req.param('id'), action);
      return c.json((await clientDetail(ctx, practice.practiceId, c.req.param('id'))).row);
    },
  );

  app.delete(
    `/${CLIENT_ID}`,
    documented({
      summary: 'End a client’s enrollment; the client is told by email.',
      auth: 'practice',
      ok: [{ status: 200, description: 'Ended', schema: clientRow }],
      errors: [401, 403, 404, 409],
    }),
    async (c) => {
      const practice = apiPractice(c);
      await applyClientAction(ctx, practice, c.req.param('id'), { action: 'end' });
      return c.json((await clientDetail(ctx, practice.practiceId, c.req.param('id'))).row);
    },
  );

  return app;
}

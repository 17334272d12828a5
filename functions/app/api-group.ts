import type { Hono } from 'hono';
import type { ServiceContext } from '../services/context';
import { jsonGroup } from './groups';
import type { MailTiming } from './mail-timing';
import { UPLOAD_BODY_BYTES } from './middleware/body-limit';
import { bearerKeyCall } from './middleware/same-origin';
import { apiClientRoutes } from './routes/api-clients';
import { apiKeyRoutes } from './routes/api-keys';
import { apiPractitionerRoutes } from './routes/api-practitioners';
import { apiSubscriptionRoutes } from './routes/api-subscriptions';

/**
 * The JSON API under `/api`: a CSV file may be larger, and a call with an API key needs no Origin
 * check. Its routes carry their own descriptions (`documented`), from which
 * `npm run build:templates` writes the OpenAPI document once, at build time
 * (`scripts/build-openapi.ts`), so the functions never turn zod schemas into JSON Schema.
 */
export function apiGroup(ctx: ServiceContext, baseUrl: string, signupTiming: MailTiming): Hono {
  const api = jsonGroup({
    baseUrl,
    uploads: { 'text/csv': UPLOAD_BODY_BYTES },
    exempt: bearerKeyCall,
  });
  api.route('/subscriptions', apiSubscriptionRoutes(ctx, signupTiming));
  api.route('/practitioners', apiPractitionerRoutes(ctx));
  api.route('/keys', apiKeyRoutes(ctx));
  api.route('/clients', apiClientRoutes(ctx));
  return api;
}

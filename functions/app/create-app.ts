import { Hono } from 'hono';
import type { ServiceContext } from '../services/context';
import { errorResponse, onError } from './error-response';
import {
  formOrigin,
  IMPORT_BODY_BYTES,
  limitBody,
  privatePage,
  securityHeaders,
} from './middleware/security';
import { apiClientRoutes } from './routes/api-clients';
import { apiKeyRoutes } from './routes/api-keys';
import { assetRoutes } from './routes/assets';
import { confirmRoutes } from './routes/confirm';
import { helpRoutes } from './routes/help';
import { journalRoutes } from './routes/journal';
import { type LocalControls, localRoutes } from './routes/local';
import { manageRoutes } from './routes/manage';
import { practiceRoutes } from './routes/practice';
import { practiceToolRoutes } from './routes/practice-tools';
import { practitionerLoginRoutes } from './routes/practitioner-login';
import { privacyRoutes } from './routes/privacy';
import { reflectRoutes } from './routes/reflect';
import { signupRoutes } from './routes/signup';
import { unsubscribeRoutes } from './routes/unsubscribe';

export interface AppOptions {
  baseUrl: string;
  /** Only `npm start` and the tests pass this; a deployed stack has no `/_local` routes. */
  local?: LocalControls;
}

const IMPORT_PATHS = new Set(['/api/clients/import', '/practice/clients/import']);

/** The whole HTTP surface of Mend, composed of one sub-app per resource. */
export function createApp(ctx: ServiceContext, options: AppOptions): Hono {
  const app = new Hono();
  app.use(securityHeaders());
  // CSV imports (up to 1,000 rows) get a larger body limit; every other route keeps 64 KB.
  const importBody = limitBody(IMPORT_BODY_BYTES);
  const otherBody = limitBody();
  app.use((c, next) =>
    c.req.method === 'POST' && IMPORT_PATHS.has(c.req.path)
      ? importBody(c, next)
      : otherBody(c, next),
  );
  app.use(formOrigin(options.baseUrl));
  for (const path of ['/confirm/*', '/reflect/*', '/journal/*', '/manage/*', '/unsubscribe/*']) {
    app.use(path, privatePage());
  }

  app.route('/', assetRoutes());
  app.route('/', signupRoutes(ctx));
  app.route('/', helpRoutes());
  app.route('/', confirmRoutes(ctx));
  app.route('/', reflectRoutes(ctx));
  app.route('/', journalRoutes(ctx));
  app.route('/', manageRoutes(ctx));
  app.route('/', privacyRoutes(ctx));
  app.route('/', practitionerLoginRoutes(ctx));
  // Before practiceRoutes, whose `/practice/clients/:id` would otherwise take `import` as an id.
  app.route('/', apiKeyRoutes(ctx));
  app.route('/', apiClientRoutes(ctx, options.baseUrl));
  app.route('/', practiceToolRoutes(ctx));
  app.route('/', practiceRoutes(ctx));
  app.route('/', unsubscribeRoutes(ctx));
  if (options.local) app.route('/_local', localRoutes(options.local));

  app.notFound((c) =>
    errorResponse(c, {
      status: 404,
      code: 'not_found',
      message: 'There is nothing at this address.',
    }),
  );
  app.onError(onError(ctx.log));
  return app;
}

import type { Hono } from 'hono';
import type { ServiceContext } from '../services/context';
import { apiGroup } from './api-group';
import { jsonGroup, pageGroup } from './groups';
import { MailTiming } from './mail-timing';
import { UPLOAD_BODY_BYTES } from './middleware/body-limit';
import { requirePracticeSession } from './middleware/practice-session';
import { type Exemption, oneClickUnsubscribe } from './middleware/same-origin';
import { confirmRoutes } from './routes/confirm';
import { helpRoutes } from './routes/help';
import { journalRoutes } from './routes/journal';
import { type LocalControls, localRoutes } from './routes/local';
import { loginLinkRoutes } from './routes/login-link';
import { manageRoutes } from './routes/manage';
import { partnerRoutes } from './routes/partner';
import { practiceRoutes } from './routes/practice';
import { practiceImportRoutes } from './routes/practice-import';
import { practiceKeyRoutes } from './routes/practice-keys';
import { practiceSignInRoutes } from './routes/practice-sign-in';
import { reflectRoutes } from './routes/reflect';
import { signupRoutes } from './routes/signup';
import { siteRoutes } from './routes/site';
import { unsubscribeRoutes } from './routes/unsubscribe';
import { servedOpenApi } from './served-openapi';
import { sessionCookie } from './session-cookie';
import { siteApp } from './site-app';

export interface AppOptions {
  baseUrl: string;
  /** Only `npm start` and the tests pass this; a deployed stack has no `/_local` routes. */
  local?: LocalControls;
}

/**
 * The whole HTTP surface of Mend: groups mounted by prefix, each carrying its rules (see
 * `groups.ts`), each holding one sub-app per resource. A route added to a resource's file
 * inherits its group's rules.
 */
export function createApp(ctx: ServiceContext, options: AppOptions): Hono {
  const { baseUrl } = options;
  const app = siteApp(ctx.log);
  // Both sign-up routes answer in the same time whether or not they sent mail.
  const signupTiming = new MailTiming();

  // JSON; its description was generated from these same routes at build time (`api-group.ts`).
  const api = apiGroup(ctx, baseUrl, signupTiming);
  const document = servedOpenApi(baseUrl, sessionCookie(ctx.practice.secureCookies).name);
  api.get('/openapi.json', (c) => c.json(document()));
  app.route('/api', api);

  // The practitioner's pages. Signing in and out answers before the session rule below it.
  const practice = pageGroup({
    baseUrl,
    private: true,
    uploads: { 'multipart/form-data': UPLOAD_BODY_BYTES },
  });
  practice.route('/', practiceSignInRoutes(ctx));
  practice.use('*', requirePracticeSession(ctx));
  practice.route('/', practiceRoutes(ctx));
  practice.route('/keys', practiceKeyRoutes(ctx));
  practice.route('/clients/import', practiceImportRoutes(ctx));
  app.route('/practice', practice);

  // Pages reached by a link in an email: private, and each under its own prefix.
  const tokenPages = (routes: Hono, exempt?: Exemption) =>
    pageGroup({ baseUrl, private: true, exempt }).route('/', routes);
  app.route('/confirm', tokenPages(confirmRoutes(ctx)));
  app.route('/reflect', tokenPages(reflectRoutes(ctx)));
  app.route('/journal', tokenPages(journalRoutes(ctx)));
  app.route('/manage', tokenPages(manageRoutes(ctx)));
  app.route('/partner', tokenPages(partnerRoutes(ctx)));
  app.route('/unsubscribe', tokenPages(unsubscribeRoutes(ctx), oneClickUnsubscribe));
  app.route('/login', tokenPages(loginLinkRoutes(ctx)));

  app.route('/subscribe', pageGroup({ baseUrl }).route('/', signupRoutes(ctx, signupTiming)));
  if (options.local) {
    app.route('/_local', jsonGroup({ baseUrl }).route('/', localRoutes(options.local)));
  }
  // Last, and only GETs: the sign-up page, assets and the health check.
  app.route('/', siteRoutes(ctx));
  app.route('/', helpRoutes());
  return app;
}

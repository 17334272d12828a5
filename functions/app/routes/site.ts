import { Hono } from 'hono';
import type { ServiceContext } from '../../services/context';
import { favicon } from '../assets/favicon';
import { quickExitScript } from '../assets/quick-exit-script';
import { stylesheet } from '../assets/stylesheet';
import { timezoneScript } from '../assets/timezone-script';
import { signupPage } from '../pages/signup-page';
import { QUICK_EXIT_SCRIPT } from '../quick-exit';

/**
 * What the site's root serves: the sign-up page, the stylesheet, the two small scripts, the
 * icon and the health check. Only GETs: this app is mounted at `/` without a group, so anything
 * that takes a body belongs in a group under its own prefix, where the rules for bodies apply.
 */
export function siteRoutes(ctx: ServiceContext): Hono {
  const app = new Hono();
  const cache = 'public, max-age=3600';
  app.get('/', (c) => c.html(signupPage(ctx.catalog.compiled(ctx.defaultCourseId).title)));
  app.get('/health', (c) => c.json({ status: 'ok' }));
  app.get('/assets/mend.css', (c) =>
    c.body(stylesheet, 200, { 'content-type': 'text/css; charset=utf-8', 'cache-control': cache }),
  );
  app.get('/assets/timezone.js', (c) =>
    c.body(timezoneScript, 200, {
      'content-type': 'text/javascript; charset=utf-8',
      'cache-control': cache,
    }),
  );
  app.get(QUICK_EXIT_SCRIPT, (c) =>
    c.body(quickExitScript, 200, {
      'content-type': 'text/javascript; charset=utf-8',
      'cache-control': cache,
    }),
  );
  app.get('/assets/favicon.svg', (c) =>
    c.body(favicon, 200, { 'content-type': 'image/svg+xml', 'cache-control': cache }),
  );
  app.get('/favicon.ico', (c) => c.redirect('/assets/favicon.svg', 301));
  return app;
}

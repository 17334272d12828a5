import { Hono } from 'hono';
import { stylesheet } from '../assets/stylesheet';
import { timezoneScript } from '../assets/timezone-script';

/** The stylesheet and the one small script, served from the bundle. */
export function assetRoutes(): Hono {
  const app = new Hono();
  const cache = 'public, max-age=3600';
  app.get('/assets/mend.css', (c) =>
    c.body(stylesheet, 200, { 'content-type': 'text/css; charset=utf-8', 'cache-control': cache }),
  );
  app.get('/assets/timezone.js', (c) =>
    c.body(timezoneScript, 200, {
      'content-type': 'text/javascript; charset=utf-8',
      'cache-control': cache,
    }),
  );
  app.get('/health', (c) => c.json({ status: 'ok' }));
  return app;
}

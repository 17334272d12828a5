import { Hono } from 'hono';
import { helpResources } from '../../help/resources';
import { helpPage } from '../pages/help-page';

/** `GET /help`: where to find help, the page every email's footer links to. */
export function helpRoutes(): Hono {
  const app = new Hono();
  app.get('/help', (c) => c.html(helpPage(helpResources)));
  return app;
}

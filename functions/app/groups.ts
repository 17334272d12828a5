import { Hono } from 'hono';
import type { ErrorShape } from './error-response';
import { limitBody, type UploadLimits } from './middleware/body-limit';
import { privatePage } from './middleware/private-page';
import { type Exemption, sameOrigin } from './middleware/same-origin';

export interface GroupRules {
  /** The deployment's own origin: the only one whose pages may change anything. */
  baseUrl: string;
  /** Upload content types the group takes above 64 KB (`{'text/csv': …}`). */
  uploads?: UploadLimits;
  /** What needs no Origin check here because it cannot come from our pages by design. */
  exempt?: Exemption;
  /** Pages behind a token or a session: never cached, never indexed. */
  private?: boolean;
}

/**
 * A group of routes under one prefix, carrying the rules its routes share, so that a route added
 * to it inherits them with no list to update: the shape its errors take, a body limit, the
 * same-origin check on anything that changes state and, for private pages, no caching or
 * indexing. Mount it with `app.route('/prefix', group)` in the app from `siteApp`, whose one
 * `onError` and `notFound` answer in the shape the group announces.
 */
function group(shape: ErrorShape, rules: GroupRules): Hono {
  const routes = new Hono();
  routes.use('*', async (c, next) => {
    c.set('errorShape', shape);
    await next();
  });
  // Outermost after the shape, so its headers reach the answers of the rules below too.
  if (rules.private) routes.use('*', privatePage());
  routes.use('*', limitBody(rules.uploads));
  routes.use('*', sameOrigin(rules.baseUrl, rules.exempt));
  return routes;
}

/** A group answering in JSON: `/api`, `/_local`. */
export const jsonGroup = (rules: GroupRules) => group('json', rules);

/** A group of HTML pages and the forms on them. */
export const pageGroup = (rules: GroupRules) => group('page', rules);

import type { Context, MiddlewareHandler } from 'hono';
import { CrossSiteRequestError } from '../http-errors';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export type Exemption = (c: Context) => boolean | Promise<boolean>;

/**
 * Every request that can change something must come from Mend's own pages, whatever its content
 * type. A browser says where a request comes from in `Sec-Fetch-Site`, which must be
 * `same-origin`, and in `Origin`, which must be the configured base URL's origin (never compared
 * with the request's own Host, which says nothing about the page). Under our `no-referrer` policy
 * a browser sends `Origin: null` with our own forms, so `null` counts only beside
 * `Sec-Fetch-Site: same-origin`. A request with neither header does not come from a browser, so
 * no one's cookies or network ride on it; it is answered like any API call. A group may exempt
 * what cannot come from its pages by design (`exempt`).
 */
export function sameOrigin(baseUrl: string, exempt?: Exemption): MiddlewareHandler {
  const allowed = new URL(baseUrl).origin;
  return async (c, next) => {
    if (SAFE_METHODS.has(c.req.method) || (await exempt?.(c))) return next();
    const site = c.req.header('sec-fetch-site');
    const origin = c.req.header('origin');
    const fromOurPage =
      site === undefined
        ? origin === undefined || origin === allowed
        : site === 'same-origin' &&
          (origin === undefined || origin === allowed || origin === 'null');
    if (!fromOurPage) throw new CrossSiteRequestError();
    return next();
  };
}

/**
 * A call that authenticates with an API key. A browser cannot add `Authorization` to another
 * site's request without a CORS preflight, which Mend never grants, and a request that carries
 * it is authenticated by it alone, never by a cookie beside it.
 */
export const bearerKeyCall: Exemption = (c) =>
  /^Bearer\s/i.test(c.req.header('authorization') ?? '');

/**
 * RFC 8058's one-click unsubscribe: mail providers POST `List-Unsubscribe=One-Click` from their
 * own servers, or from a webmail page on their own origin.
 */
export const oneClickUnsubscribe: Exemption = async (c) => {
  if (c.req.method !== 'POST') return false;
  try {
    return (await c.req.parseBody())['List-Unsubscribe'] === 'One-Click';
  } catch {
    return false;
  }
};

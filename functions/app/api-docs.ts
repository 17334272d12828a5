import type { MiddlewareHandler } from 'hono';
import type { RouterRoute } from 'hono/types';
import type * as z from 'zod/mini';

export type Auth = 'none' | 'session' | 'practice';

/** What the build-time document names; each deployment serves it with its own (`served-openapi.ts`). */
export const GENERATED_FOR = { baseUrl: 'https://mend.invalid', cookieName: 'mend_session' };

/** One `/api` route's entry in the OpenAPI document; method and path come from the route. */
export interface Operation {
  summary: string;
  auth: Auth;
  /** `optional` when an empty body is accepted too. */
  body?:
    | { type: 'json'; schema: z.ZodMiniType; optional?: true }
    | { type: 'csv'; description: string };
  ok: { status: number; description: string; schema: z.ZodMiniType }[];
  errors: number[];
}

const OPERATION = Symbol('operation');
type Documented = MiddlewareHandler & { [OPERATION]?: Operation };

/**
 * Describes the route it is the first handler of: `app.post('/', documented({…}), handler)`.
 * It does nothing at request time; the OpenAPI document is read from the routes that carry it,
 * so a route and its description are written, and changed, in one place.
 */
export function documented(operation: Operation): MiddlewareHandler {
  const passThrough: Documented = (_c, next) => next();
  passThrough[OPERATION] = operation;
  return passThrough;
}

export interface DocumentedRoute {
  method: string;
  /** Hono's path, e.g. `/clients/:id{…}`. */
  path: string;
  operation: Operation;
}

/** Every documented route of an app, with the path it has inside that app. */
export function documentedRoutes(app: { routes: RouterRoute[] }): DocumentedRoute[] {
  return app.routes.flatMap(({ method, path, handler }) => {
    const operation = (handler as Documented)[OPERATION];
    return operation ? [{ method: method.toLowerCase(), path, operation }] : [];
  });
}

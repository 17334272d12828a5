import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import {
  ConflictError,
  ErasureIncompleteError,
  ExpiredLinkError,
  InvalidLinkError,
  NotFoundError,
  RateLimitedError,
  TooManyRowsError,
  UnauthorizedError,
  ValidationError,
} from '../domain/errors';
import type { Logger } from '../log';
import { RequestRefusedError } from './http-errors';
import { errorPage } from './pages/error-page';

export interface HttpError {
  status: ContentfulStatusCode;
  code: string;
  message: string;
  details?: Record<string, string>;
}

/** How a group answers errors: JSON (`/api`, `/_local`) or a page (everything else). */
export type ErrorShape = 'json' | 'page';

declare module 'hono' {
  interface ContextVariableMap {
    /** Announced by the group a request is for (`groups.ts`); a page where none did. */
    errorShape?: ErrorShape;
  }
}

type ErrorClass = abstract new (...args: never[]) => Error;

/** Each domain error's status and code. The one place a domain error becomes HTTP. */
const DOMAIN_ERRORS: [ErrorClass, ContentfulStatusCode, string][] = [
  [ValidationError, 400, 'validation_failed'],
  [UnauthorizedError, 401, 'unauthorized'],
  [InvalidLinkError, 404, 'invalid_link'],
  [NotFoundError, 404, 'not_found'],
  [ConflictError, 409, 'conflict'],
  [ExpiredLinkError, 410, 'link_expired'],
  [TooManyRowsError, 413, 'payload_too_large'],
  [RateLimitedError, 429, 'rate_limited'],
  [ErasureIncompleteError, 503, 'erasure_incomplete'],
];

const INTERNAL: HttpError = {
  status: 500,
  code: 'internal_error',
  message: 'Something went wrong on our side. Nothing was changed; please try again.',
};

export const NOT_FOUND: HttpError = {
  status: 404,
  code: 'not_found',
  message: 'There is nothing at this address.',
};

/**
 * Any other client error Hono itself raises: its status, and words of ours (its own message is
 * for developers). A 403 says it is a refusal, not a cross-site form: that one is ours.
 */
function fromHono(error: HTTPException): HttpError | undefined {
  if (error.status >= 500) return undefined;
  const status = error.status as ContentfulStatusCode;
  if (status === 403) return { status, code: 'forbidden', message: 'You may not do this.' };
  return { status, code: 'bad_request', message: 'The request could not be understood.' };
}

/** An error as the status, code and message it is answered with. A raw message never leaks. */
export function toHttpError(error: unknown): HttpError {
  const known = DOMAIN_ERRORS.find(([type]) => error instanceof type);
  if (known && error instanceof Error) {
    const [, status, code] = known;
    const details = error instanceof ValidationError ? error.details : undefined;
    return { status, code, message: error.message, ...(details ? { details } : {}) };
  }
  if (error instanceof RequestRefusedError) {
    return {
      status: error.status as ContentfulStatusCode,
      code: error.code,
      message: error.message,
    };
  }
  return (error instanceof HTTPException && fromHono(error)) || INTERNAL;
}

/** The error in the shape its group announced: JSON `{"error": …}` or a page. */
export function errorResponse(c: Context, error: HttpError) {
  const { status, code, message, details } = error;
  if (c.get('errorShape') === 'json') {
    return c.json({ error: { code, message, ...(details ? { details } : {}) } }, status);
  }
  return c.html(errorPage(status, message, details), status);
}

export function onError(log: Logger) {
  return (error: unknown, c: Context) => {
    const http = toHttpError(error);
    if (http.status >= 500) {
      log.error('request failed', {
        path: c.req.routePath,
        method: c.req.method,
        error: error instanceof Error ? error.name : 'unknown',
        stack:
          error instanceof Error ? error.stack?.split('\n').slice(0, 6).join(' | ') : undefined,
      });
    }
    return errorResponse(c, http);
  };
}

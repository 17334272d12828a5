import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import {
  ConflictError,
  ErasureIncompleteError,
  ExpiredLinkError,
  InvalidLinkError,
  NotFoundError,
  PayloadTooLargeError,
  RateLimitedError,
  UnauthorizedError,
  UnsupportedMediaTypeError,
  ValidationError,
} from '../domain/errors';
import type { Logger } from '../log';
import { messagePage } from './pages/message-page';

export interface HttpError {
  status: ContentfulStatusCode;
  code: string;
  message: string;
  details?: Record<string, string>;
}

const INTERNAL: HttpError = {
  status: 500,
  code: 'internal_error',
  message: 'Something went wrong on our side. Nothing was changed; please try again.',
};

/** The one place an error becomes an HTTP status. A raw error message never reaches a response. */
export function toHttpError(error: unknown): HttpError {
  if (error instanceof ValidationError) {
    return {
      status: 400,
      code: 'validation_failed',
      message: error.message,
      details: error.details,
    };
  }
  if (error instanceof InvalidLinkError) {
    return { status: 404, code: 'invalid_link', message: error.message };
  }
  if (error instanceof ExpiredLinkError) {
    return { status: 410, code: 'link_expired', message: error.message };
  }
  if (error instanceof UnauthorizedError) {
    return { status: 401, code: 'unauthorized', message: error.message };
  }
  if (error instanceof NotFoundError)
    return { status: 404, code: 'not_found', message: error.message };
  if (error instanceof ConflictError)
    return { status: 409, code: 'conflict', message: error.message };
  if (error instanceof UnsupportedMediaTypeError) {
    return { status: 415, code: 'unsupported_media_type', message: error.message };
  }
  if (error instanceof PayloadTooLargeError) {
    return { status: 413, code: 'payload_too_large', message: error.message };
  }
  if (error instanceof RateLimitedError) {
    return { status: 429, code: 'rate_limited', message: error.message };
  }
  if (error instanceof ErasureIncompleteError) {
    return { status: 503, code: 'erasure_incomplete', message: error.message };
  }
  if (error instanceof HTTPException) {
    if (error.status === 403) {
      return {
        status: 403,
        code: 'forbidden',
        message: 'This form can only be sent from Mend’s own pages.',
      };
    }
    if (error.status === 413) {
      return { status: 413, code: 'payload_too_large', message: 'The request is too large.' };
    }
    if (error.status < 500) {
      return {
        status: error.status as ContentfulStatusCode,
        code: 'bad_request',
        message: 'The request could not be understood.',
      };
    }
  }
  return INTERNAL;
}

const PAGE_TITLES: Partial<Record<number, string>> = {
  400: 'Something needs fixing',
  401: 'Please sign in',
  403: 'Not allowed',
  404: 'This link doesn’t work',
  410: 'This link has expired',
  413: 'That was too much at once',
  415: 'That couldn’t be read',
  429: 'Please slow down',
  503: 'Please try again',
};

const PAGE_HINTS: Partial<Record<number, string>> = {
  404: 'If you copied it from an email, check that the whole link was copied. Links stop working after you sign out of all links or delete your data.',
  410: 'Confirmation links work for seven days. Sign up again from the home page to get a fresh one.',
};

export function errorResponse(c: Context, error: HttpError): Response | Promise<Response> {
  if (c.req.path.startsWith('/api/') || c.req.path.startsWith('/_local/')) {
    const { status, code, message, details } = error;
    return c.json({ error: { code, message, ...(details ? { details } : {}) } }, status);
  }
  const details = Object.values(error.details ?? {});
  const hint = PAGE_HINTS[error.status];
  return c.html(
    messagePage(PAGE_TITLES[error.status] ?? 'Something went wrong', [
      error.message,
      ...details,
      ...(hint ? [hint] : []),
    ]),
    error.status,
  );
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

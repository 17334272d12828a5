import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { PayloadTooLargeError } from '../http-errors';

export const MAX_BODY_BYTES = 64 * 1024;
/** CSV imports: 1,000 rows of clients are about 60–80 KB. */
export const UPLOAD_BODY_BYTES = 256 * 1024;

/** Upload content types (`text/csv`) a group takes above the usual limit, and their limit. */
export type UploadLimits = Record<string, number>;

function limit(maxSize: number): MiddlewareHandler {
  return bodyLimit({
    maxSize,
    onError: (c) => {
      // The rest of the body is never read, so this connection cannot carry another request:
      // say so, or a keep-alive client sends its next request into a socket that is closing.
      c.header('connection', 'close');
      throw new PayloadTooLargeError(
        `The request is larger than ${Math.round(maxSize / 1024)} KB.`,
      );
    },
  });
}

/**
 * Bodies of at most 64 KB, or of the larger size a group allows for an upload type. The type is
 * the sender's word, so a route that takes uploads still checks it before reading the body.
 */
export function limitBody(uploads: UploadLimits = {}): MiddlewareHandler {
  const usual = limit(MAX_BODY_BYTES);
  const byType = new Map(Object.entries(uploads).map(([type, bytes]) => [type, limit(bytes)]));
  return (c, next) => {
    const type = (c.req.header('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
    return (byType.get(type) ?? usual)(c, next);
  };
}

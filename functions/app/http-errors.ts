import { HTTPException } from 'hono/http-exception';

/**
 * A request refused for how it was sent (its size, its content type, the site that sent it),
 * not for what it asked. These exist only in HTTP, so they live here and not in `domain/`.
 */
export class RequestRefusedError extends HTTPException {
  override name = 'RequestRefusedError';
  constructor(
    status: 403 | 413 | 415,
    readonly code: string,
    message: string,
  ) {
    super(status, { message });
  }
}

export class UnsupportedMediaTypeError extends RequestRefusedError {
  override name = 'UnsupportedMediaTypeError';
  constructor(message: string) {
    super(415, 'unsupported_media_type', message);
  }
}

export class PayloadTooLargeError extends RequestRefusedError {
  override name = 'PayloadTooLargeError';
  constructor(message: string) {
    super(413, 'payload_too_large', message);
  }
}

/** A state-changing request that came from another site's page (a CSRF attempt). */
export class CrossSiteRequestError extends RequestRefusedError {
  override name = 'CrossSiteRequestError';
  constructor() {
    super(403, 'cross_site_request', 'This form can only be sent from Mend’s own pages.');
  }
}

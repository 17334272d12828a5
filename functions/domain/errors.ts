/**
 * Domain errors. Each says what went wrong in terms a person can act on; the HTTP layer maps
 * them to statuses in one place (`app/error-response.ts`).
 */
export class ValidationError extends Error {
  override name = 'ValidationError';
  constructor(
    message: string,
    readonly details: Record<string, string> = {},
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

export class InvalidLinkError extends Error {
  override name = 'InvalidLinkError';
  constructor(message = 'This link is not valid.', options?: ErrorOptions) {
    super(message, options);
  }
}

export class ExpiredLinkError extends Error {
  override name = 'ExpiredLinkError';
  constructor(message = 'This link has expired.', options?: ErrorOptions) {
    super(message, options);
  }
}

export class NotFoundError extends Error {
  override name = 'NotFoundError';
}

export class ConflictError extends Error {
  override name = 'ConflictError';
}

/** More rows than one upload may hold; the person splits the file. */
export class TooManyRowsError extends Error {
  override name = 'TooManyRowsError';
}

export class RateLimitedError extends Error {
  override name = 'RateLimitedError';
}

/**
 * Deleting a person's data stopped part-way (DynamoDB kept refusing some deletes). What is left
 * includes their profile, so the same link works to try again.
 */
export class ErasureIncompleteError extends Error {
  override name = 'ErasureIncompleteError';
  constructor(
    message = 'Not everything could be deleted just now. Please try again in a minute, from the same link.',
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** No credentials, or credentials that are not (or no longer) valid: an API key or a session. */
export class UnauthorizedError extends Error {
  override name = 'UnauthorizedError';
}

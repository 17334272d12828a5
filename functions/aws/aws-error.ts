/** An error answered by an AWS service, or the network on the way to it. */
export class AwsError extends Error {
  constructor(
    /** The service's error code, e.g. `ConditionalCheckFailedException`; `NetworkError` when no answer came. */
    override readonly name: string,
    message: string,
    /** The HTTP status, or 0 when no answer came. */
    readonly status: number,
    /** The decoded error body, for the few errors that carry data (e.g. the item that failed a condition). */
    readonly body: Record<string, unknown> = {},
  ) {
    super(message);
  }

  /** Worth trying again: throttling, the service's own faults, or no answer at all. */
  get retryable(): boolean {
    return this.status === 0 || this.status >= 500 || THROTTLING.has(this.name);
  }
}

const THROTTLING = new Set([
  'ThrottlingException',
  'ProvisionedThroughputExceededException',
  'RequestLimitExceeded',
  'TooManyRequestsException',
  'LimitExceededException',
]);

/**
 * The error code is in `x-amzn-errortype` (REST-JSON services such as SES v2) or in the body's
 * `__type` (JSON services such as DynamoDB), possibly prefixed with a namespace and `#`, possibly
 * followed by `:` and a URL.
 */
export function errorFromResponse(
  status: number,
  errorTypeHeader: string | undefined,
  body: Record<string, unknown>,
): AwsError {
  const raw = errorTypeHeader ?? String(body.__type ?? body.code ?? body.Code ?? 'UnknownError');
  const name = raw.split(':')[0]?.split('#').pop() || 'UnknownError';
  const message = String(body.message ?? body.Message ?? name);
  return new AwsError(name, message, status, body);
}

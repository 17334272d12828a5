/**
 * What a failed send means for delivery. SES v2 names its errors; anything unnamed that looks
 * like the network or a 5xx is transient. See docs/delivery.md for what each leads to.
 */
export type SendFailure =
  /** Slow down and try again later: the enrollment stays due, with backoff. */
  | 'throttled'
  /** SES or the network had a problem: try again later, with backoff. */
  | 'transient'
  /** SES refused this message or address: the subscriber is suppressed. */
  | 'rejected'
  /**
   * An identity is not verified (the sender still pending, or a sandbox recipient): the
   * operator's set-up, not the person. Nobody is suppressed; the stage is tried again later.
   */
  | 'configuration'
  /** SES found this one request bad: this message fails and is tried again later. */
  | 'message'
  /** The whole account cannot send: stop this run, touch no enrollment. */
  | 'account';

const THROTTLED = new Set([
  'TooManyRequestsException',
  'LimitExceededException',
  'ThrottlingException',
]);
const REJECTED = new Set(['MessageRejected']);
const MESSAGE = new Set(['BadRequestException']);
const ACCOUNT = new Set([
  'AccountSuspendedException',
  'SendingPausedException',
  'MailFromDomainNotVerifiedException',
  'NotFoundException',
]);
/** SES's MessageRejected text when an identity, not the message, fails its check. */
const NOT_VERIFIED = /\bnot verified\b/i;

/** Reads the SES v2 client's exceptions by their `name` (the service's error code). */
export function classifySendFailure(error: unknown): SendFailure {
  const name = error instanceof Error ? error.name : '';
  const message = error instanceof Error ? error.message : '';
  if (THROTTLED.has(name) || /maximum sending rate exceeded/i.test(message)) {
    return 'throttled';
  }
  if (REJECTED.has(name)) return NOT_VERIFIED.test(message) ? 'configuration' : 'rejected';
  if (MESSAGE.has(name)) return 'message';
  if (ACCOUNT.has(name)) return 'account';
  return 'transient';
}

/** Backoff for a stage that could not be sent: 2, 4, 8 … minutes, at most 2 hours. */
export function retryDelayMs(attempt: number): number {
  return Math.min(2 * 60_000 * 2 ** Math.max(0, attempt - 1), 2 * 3_600_000);
}

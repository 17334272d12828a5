import type { DispatchSummary } from './run-dispatch';

/**
 * The run finished, but SES would not send for reasons of the account's set-up (a paused account,
 * a sender identity still pending, a sandbox recipient not verified). Failing the invocation makes
 * Lambda count an error, which the heartbeat alarm sees without a custom metric.
 */
export class SendingBlockedError extends Error {
  override name = 'SendingBlockedError';
}

/** Throws `SendingBlockedError` when the run says sending is blocked; the summary otherwise. */
export function failIfSendingBlocked(summary: DispatchSummary): DispatchSummary {
  if (summary.stoppedEarly === 'account-blocked') {
    throw new SendingBlockedError('SES refused to send for the whole account; see the run log.');
  }
  if (summary.misconfigured > 0) {
    throw new SendingBlockedError(
      `SES refused ${summary.misconfigured} send(s) because an identity is not verified (a pending sender domain, or a recipient in the sandbox).`,
    );
  }
  return summary;
}

import { SESv2Client } from '@aws-sdk/client-sesv2';
import type { AwsClientSettings } from '../config/aws-settings';

/**
 * One attempt per call: every attempt to send must take a send slot of its own (the rate limit),
 * and a send the SDK retried by itself might already have been accepted by SES. The dispatcher's
 * own backoff owns retries instead (docs/delivery.md).
 */
export const SES_LIMITS = { maxAttempts: 1, connectionTimeoutMs: 2_000, requestTimeoutMs: 5_000 };

export function createSesClient(settings: AwsClientSettings): SESv2Client {
  return new SESv2Client({
    ...settings,
    maxAttempts: SES_LIMITS.maxAttempts,
    requestHandler: {
      connectionTimeout: SES_LIMITS.connectionTimeoutMs,
      requestTimeout: SES_LIMITS.requestTimeoutMs,
      throwOnRequestTimeout: true,
    },
  });
}

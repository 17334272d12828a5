import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { AwsClientSettings } from '../config/aws-settings';

/**
 * The SDK's standard retry strategy (with its retry budget), bounded so that one call's worst
 * case — every attempt timing out, plus the backoff between them — stays well inside the api
 * function's 10 s timeout and leaves time to answer with an error page. DynamoDB answers in
 * milliseconds; a request that has not answered in 1.5 s is better tried again.
 */
export const DYNAMO_LIMITS = {
  maxAttempts: 3,
  connectionTimeoutMs: 500,
  requestTimeoutMs: 1_500,
  /** The standard strategy waits at most 100 ms × 2^attempt (full jitter) between attempts. */
  maxBackoffMs: 100 * 2 + 100 * 4,
} as const;

/** The worst time one DynamoDB call can take before it gives up, in milliseconds. */
export function dynamoWorstCaseMs(limits = DYNAMO_LIMITS): number {
  return (
    limits.maxAttempts * (limits.connectionTimeoutMs + limits.requestTimeoutMs) +
    limits.maxBackoffMs
  );
}

/** The document client Mend's store uses: plain values in and out, undefined attributes left out. */
export function createDocumentClient(settings: AwsClientSettings): DynamoDBDocumentClient {
  const client = new DynamoDBClient({
    ...settings,
    maxAttempts: DYNAMO_LIMITS.maxAttempts,
    retryMode: 'standard',
    requestHandler: {
      connectionTimeout: DYNAMO_LIMITS.connectionTimeoutMs,
      requestTimeout: DYNAMO_LIMITS.requestTimeoutMs,
      // Without it the SDK only logs a warning and keeps waiting for the answer.
      throwOnRequestTimeout: true,
    },
  });
  return DynamoDBDocumentClient.from(client, {
    marshallOptions: { removeUndefinedValues: true },
  });
}

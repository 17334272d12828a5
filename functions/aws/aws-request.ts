import { setTimeout as sleep } from 'node:timers/promises';
import { AwsError, errorFromResponse } from './aws-error';
import type { Credentials } from './credentials';
import { type HttpAnswer, httpRequest } from './http-transport';
import { signV4 } from './sign-v4';

export interface AwsEndpoint {
  /** e.g. `https://dynamodb.eu-west-1.amazonaws.com`, or a local engine's URL. */
  url: string;
  region: string;
  /** The signing name: `dynamodb`, `ses`, `secretsmanager`. */
  service: string;
  credentials: Credentials;
  /** Per attempt. */
  timeoutMs: number;
}

export interface AwsCall {
  method: 'GET' | 'POST';
  path: string;
  headers: Record<string, string>;
  body: unknown;
}

const MAX_ATTEMPTS = 3;
const BASE_DELAY_MS = 50;

/**
 * One signed JSON call to an AWS service, tried up to three times with full-jitter backoff when
 * the answer is throttling, a server fault or no answer at all; any other error is thrown as an
 * `AwsError` named by the service's error code.
 */
export async function awsRequest(
  endpoint: AwsEndpoint,
  call: AwsCall,
): Promise<Record<string, unknown>> {
  const url = new URL(call.path, endpoint.url);
  const body = call.body === undefined ? '' : JSON.stringify(call.body);
  for (let attempt = 1; ; attempt++) {
    try {
      return await attemptOnce(endpoint, call, url, body);
    } catch (error) {
      if (!(error instanceof AwsError) || !error.retryable || attempt >= MAX_ATTEMPTS) throw error;
      await sleep(Math.random() * BASE_DELAY_MS * 2 ** attempt);
    }
  }
}

async function attemptOnce(
  endpoint: AwsEndpoint,
  call: AwsCall,
  url: URL,
  body: string,
): Promise<Record<string, unknown>> {
  const headers = signV4(
    { method: call.method, url, headers: call.headers, body },
    {
      service: endpoint.service,
      region: endpoint.region,
      credentials: endpoint.credentials,
      now: new Date(),
    },
  );
  let answer: HttpAnswer;
  try {
    answer = await httpRequest(url, {
      method: call.method,
      headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
      body,
      timeoutMs: endpoint.timeoutMs,
    });
  } catch (error) {
    const reason = error instanceof Error ? error.message : 'unknown';
    throw new AwsError('NetworkError', `No answer from ${endpoint.service}: ${reason}`, 0);
  }
  const decoded = decode(answer.text);
  if (answer.status < 200 || answer.status > 299) {
    const errorType = answer.headers['x-amzn-errortype'];
    throw errorFromResponse(
      answer.status,
      typeof errorType === 'string' ? errorType : undefined,
      decoded,
    );
  }
  return decoded;
}

function decode(text: string): Record<string, unknown> {
  if (!text) return {};
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  } catch {
    return { message: text.slice(0, 200) };
  }
}

import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { AwsError } from '../../functions/aws/aws-error';
import { type AwsEndpoint, awsRequest } from '../../functions/aws/aws-request';
import { LOCAL_CREDENTIALS } from '../../functions/aws/credentials';

type Answer = (request: IncomingMessage, response: ServerResponse) => void;

let close: (() => void) | undefined;
afterEach(() => close?.());

/** A service that answers each request with the next of `answers`, and counts them. */
async function service(
  ...answers: Answer[]
): Promise<{ endpoint: AwsEndpoint; calls: () => number }> {
  let calls = 0;
  const server = createServer((request, response) => {
    const answer = answers[Math.min(calls, answers.length - 1)] as Answer;
    calls += 1;
    request.resume().on('end', () => answer(request, response));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  close = () => {
    server.closeAllConnections();
    server.close();
  };
  return {
    endpoint: {
      url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      region: 'eu-west-1',
      service: 'dynamodb',
      credentials: LOCAL_CREDENTIALS,
      timeoutMs: 300,
    },
    calls: () => calls,
  };
}

const json =
  (status: number, body: unknown, headers: Record<string, string> = {}): Answer =>
  (_request, response) => {
    response.writeHead(status, { 'content-type': 'application/json', ...headers });
    response.end(JSON.stringify(body));
  };

const call = { method: 'POST' as const, path: '/', headers: {}, body: { a: 1 } };

async function failure(promise: Promise<unknown>): Promise<AwsError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AwsError);
  return error as AwsError;
}

describe('a signed call to an AWS service', () => {
  it('sends signed JSON and returns the decoded answer', async () => {
    let seen: IncomingMessage | undefined;
    const s = await service((request, response) => {
      seen = request;
      json(200, { ok: true })(request, response);
    });
    expect(await awsRequest(s.endpoint, call)).toEqual({ ok: true });
    expect(seen?.headers.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=local\//);
    expect(seen?.headers['x-amz-date']).toMatch(/^\d{8}T\d{6}Z$/);
  });

  it('tries again after a server fault or throttling, up to three attempts', async () => {
    const s = await service(
      json(500, { __type: 'InternalServerError' }),
      json(400, { __type: 'com.amazonaws.dynamodb.v20120810#ThrottlingException' }),
      json(200, { ok: 3 }),
    );
    expect(await awsRequest(s.endpoint, call)).toEqual({ ok: 3 });
    expect(s.calls()).toBe(3);

    const down = await service(json(503, { message: 'down' }));
    const error = await failure(awsRequest(down.endpoint, call));
    expect(error.status).toBe(503);
    expect(down.calls()).toBe(3);
  });

  it('names a client error by its code and does not try it again', async () => {
    const s = await service(
      json(400, {
        __type: 'com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException',
        message: 'The conditional request failed',
      }),
    );
    const error = await failure(awsRequest(s.endpoint, call));
    expect(error.name).toBe('ConditionalCheckFailedException');
    expect(error.message).toBe('The conditional request failed');
    expect(s.calls()).toBe(1);
  });

  it('reads the code of a REST-JSON error from its header (SES v2)', async () => {
    const s = await service(
      json(
        400,
        { message: 'Email address is not verified.' },
        {
          'x-amzn-ErrorType':
            'MessageRejected:http://internal.amazon.com/coral/com.amazonaws.sesv2/',
        },
      ),
    );
    const error = await failure(awsRequest(s.endpoint, call));
    expect(error.name).toBe('MessageRejected');
    expect(error.message).toBe('Email address is not verified.');
  });

  it('gives up on a service that does not answer in time, as a network error', async () => {
    const s = await service(() => {});
    const error = await failure(awsRequest(s.endpoint, call));
    expect(error.name).toBe('NetworkError');
    expect(error.status).toBe(0);
    expect(s.calls()).toBe(3);
  });
});

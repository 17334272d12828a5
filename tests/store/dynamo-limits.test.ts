import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import {
  createDocumentClient,
  DYNAMO_LIMITS,
  dynamoWorstCaseMs,
} from '../../functions/store/dynamo-client';
import { synthStack } from '../infra/synth-stack';
import { startCountingServer } from '../support/silent-server';

const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };

describe('DynamoDB calls are bounded', () => {
  it('a DynamoDB that never answers is tried three times, then given up within the worst case', {
    timeout: 20_000,
  }, async () => {
    const server = await startCountingServer();
    const db = createDocumentClient({
      region: 'eu-west-1',
      endpoint: server.endpoint,
      credentials,
    });
    const started = performance.now();
    try {
      await expect(
        db.send(new GetCommand({ TableName: 't', Key: { PK: 'a', SK: 'b' } })),
      ).rejects.toThrow();
      const elapsed = performance.now() - started;
      expect(server.requests()).toBe(DYNAMO_LIMITS.maxAttempts);
      expect(elapsed).toBeGreaterThanOrEqual(
        DYNAMO_LIMITS.maxAttempts * DYNAMO_LIMITS.requestTimeoutMs - 100,
      );
      expect(elapsed).toBeLessThan(dynamoWorstCaseMs() + 500);
    } finally {
      db.destroy();
      await server.stop();
    }
  });

  it("a throttled DynamoDB is retried by the SDK's standard strategy", async () => {
    const server = await startCountingServer((response) => {
      response.writeHead(400, { 'content-type': 'application/x-amz-json-1.0' });
      response.end(
        JSON.stringify({
          __type: 'com.amazonaws.dynamodb.v20120810#ThrottlingException',
          message: 'Rate of requests exceeds the allowed throughput.',
        }),
      );
    });
    const db = createDocumentClient({
      region: 'eu-west-1',
      endpoint: server.endpoint,
      credentials,
    });
    try {
      await expect(
        db.send(new GetCommand({ TableName: 't', Key: { PK: 'a', SK: 'b' } })),
      ).rejects.toMatchObject({ name: 'ThrottlingException' });
      expect(server.requests()).toBe(DYNAMO_LIMITS.maxAttempts);
    } finally {
      db.destroy();
      await server.stop();
    }
  });

  it('the worst case leaves the api function at least 3 s of its timeout to answer', () => {
    const { template } = synthStack();
    const [api] = Object.entries(template.findResources('AWS::Lambda::Function')).filter(([id]) =>
      id.startsWith('ApiFunction'),
    );
    const timeoutMs = Number(api?.[1].Properties.Timeout) * 1000;
    expect(timeoutMs - dynamoWorstCaseMs()).toBeGreaterThanOrEqual(3_000);
  });
});

import { createHash, createHmac } from 'node:crypto';
import { SignatureV4 } from '@smithy/signature-v4';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { signV4 } from '../../functions/aws/sign-v4';

const credentials = {
  accessKeyId: 'AKIDEXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY',
};

function bytes(data: string | ArrayBuffer | ArrayBufferView): string | Uint8Array {
  if (typeof data === 'string') return data;
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}

/** The hash the AWS SDK's signer expects: node:crypto behind its interface. */
class NodeHash {
  private readonly hash;
  constructor(secret?: string | ArrayBuffer | ArrayBufferView) {
    this.hash = secret === undefined ? createHash('sha256') : createHmac('sha256', bytes(secret));
  }
  update(data: string | ArrayBuffer | ArrayBufferView) {
    this.hash.update(bytes(data));
  }
  async digest() {
    return new Uint8Array(this.hash.digest());
  }
}

async function sdkAuthorization(
  url: URL,
  headers: Record<string, string>,
  body: string,
  now: Date,
  sessionToken?: string,
): Promise<string> {
  const signer = new SignatureV4({
    service: 'dynamodb',
    region: 'eu-west-1',
    credentials: { ...credentials, sessionToken },
    sha256: NodeHash,
    // As the SDK's DynamoDB client does: only S3 signs a payload-hash header.
    applyChecksum: false,
  });
  const signed = await signer.sign(
    {
      method: 'POST',
      protocol: url.protocol,
      hostname: url.hostname,
      port: url.port ? Number(url.port) : undefined,
      path: url.pathname,
      query: {},
      headers: { ...headers, host: url.host },
      body,
    },
    { signingDate: now },
  );
  return String(signed.headers.authorization);
}

describe('AWS Signature Version 4', () => {
  it('matches the get-vanilla example of the AWS SigV4 test suite', () => {
    const headers = signV4(
      { method: 'GET', url: new URL('https://example.amazonaws.com/'), headers: {}, body: '' },
      {
        service: 'service',
        region: 'us-east-1',
        credentials,
        now: new Date('2015-08-30T12:36:00Z'),
      },
    );
    expect(headers.authorization).toBe(
      'AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31',
    );
    expect(headers['x-amz-date']).toBe('20150830T123600Z');
  });

  it('signs DynamoDB calls exactly as the AWS SDK signer does, session token included', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.string({ maxLength: 200 }),
        fc.constantFrom('GetItem', 'PutItem', 'Query', 'UpdateItem'),
        fc.option(fc.stringMatching(/^[A-Za-z0-9+/=]{20,60}$/), { nil: undefined }),
        fc.date({ min: new Date('2020-01-01'), max: new Date('2035-01-01'), noInvalidDate: true }),
        fc.constantFrom('https://dynamodb.eu-west-1.amazonaws.com/', 'http://127.0.0.1:8123/'),
        async (body, operation, sessionToken, now, endpoint) => {
          const url = new URL(endpoint);
          const headers = {
            'content-type': 'application/x-amz-json-1.0',
            'x-amz-target': `DynamoDB_20120810.${operation}`,
          };
          const ours = signV4(
            { method: 'POST', url, headers, body },
            {
              service: 'dynamodb',
              region: 'eu-west-1',
              credentials: { ...credentials, sessionToken },
              now,
            },
          );
          expect(ours.authorization).toBe(
            await sdkAuthorization(url, headers, body, now, sessionToken),
          );
          if (sessionToken) expect(ours['x-amz-security-token']).toBe(sessionToken);
        },
      ),
      { numRuns: 60 },
    );
  });
});

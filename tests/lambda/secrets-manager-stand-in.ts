import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * The one stand-in among the tests: no local engine serves Secrets Manager, so this answers its
 * `GetSecretValue` call at the wire level (JSON 1.1 over HTTP, as AWS does) for one secret. The
 * bundles reach it through the SDK's own `AWS_ENDPOINT_URL_SECRETS_MANAGER`; everything else they
 * call is a real local engine.
 */
export interface SecretsManagerStandIn {
  endpoint: string;
  /** Each call as it arrived: target, signed-by key id and region, and the secret asked for. */
  calls: { target: string; authorization: string; secretId: unknown }[];
  stop(): Promise<void>;
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export async function startSecretsManagerStandIn(secret: {
  arn: string;
  value: string;
}): Promise<SecretsManagerStandIn> {
  const calls: SecretsManagerStandIn['calls'] = [];
  const server: Server = createServer(async (request, response) => {
    const target = String(request.headers['x-amz-target'] ?? '');
    const authorization = String(request.headers.authorization ?? '');
    let secretId: unknown;
    try {
      secretId = (JSON.parse(await readBody(request)) as { SecretId?: unknown }).SecretId;
    } catch {
      secretId = undefined;
    }
    calls.push({ target, authorization, secretId });
    const answer = (status: number, body: object) => {
      response.writeHead(status, { 'content-type': 'application/x-amz-json-1.1' });
      response.end(JSON.stringify(body));
    };
    if (target !== 'secretsmanager.GetSecretValue') {
      return answer(400, { __type: 'UnknownOperationException', message: target });
    }
    if (!authorization.startsWith('AWS4-HMAC-SHA256 Credential=')) {
      return answer(400, { __type: 'MissingAuthenticationTokenException', message: 'unsigned' });
    }
    if (secretId !== secret.arn) {
      return answer(400, {
        __type: 'ResourceNotFoundException',
        message: "Secrets Manager can't find the specified secret.",
      });
    }
    return answer(200, {
      ARN: secret.arn,
      Name: secret.arn.split(':').pop(),
      SecretString: secret.value,
      VersionId: '00000000-0000-4000-8000-000000000000',
      VersionStages: ['AWSCURRENT'],
      CreatedDate: 1_764_000_000,
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    calls,
    stop: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

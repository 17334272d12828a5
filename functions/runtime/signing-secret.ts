import * as z from 'zod/mini';
import { awsRequest } from '../aws/aws-request';
import type { Credentials } from '../aws/credentials';
import { awsEndpoint } from '../aws/endpoints';
import type { Env } from '../config/env';
import { ConfigError } from '../config/env';

const secretValue = z.string().check(z.minLength(32));

/** The token-signing secret: from the environment locally, from Secrets Manager in AWS. */
export async function loadSigningSecret(env: Env, credentials?: Credentials): Promise<string> {
  if (env.SIGNING_SECRET) return env.SIGNING_SECRET;
  const { SecretString } = await awsRequest(
    awsEndpoint('secretsmanager', { region: env.AWS_REGION, credentials }),
    {
      method: 'POST',
      path: '/',
      headers: {
        'content-type': 'application/x-amz-json-1.1',
        'x-amz-target': 'secretsmanager.GetSecretValue',
      },
      body: { SecretId: env.SIGNING_SECRET_ARN },
    },
  );
  const parsed = secretValue.safeParse(SecretString);
  if (!parsed.success) {
    throw new ConfigError('The signing secret in Secrets Manager must be at least 32 characters.');
  }
  return parsed.data;
}

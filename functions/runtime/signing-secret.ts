import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import * as z from 'zod/mini';
import type { Env } from '../config/env';
import { ConfigError } from '../config/env';

const secretValue = z.string().check(z.minLength(32));

/** The token-signing secret: from the environment locally, from Secrets Manager in AWS. */
export async function loadSigningSecret(env: Env): Promise<string> {
  if (env.SIGNING_SECRET) return env.SIGNING_SECRET;
  const client = new SecretsManagerClient({ region: env.AWS_REGION });
  const { SecretString } = await client.send(
    new GetSecretValueCommand({ SecretId: env.SIGNING_SECRET_ARN }),
  );
  const parsed = secretValue.safeParse(SecretString);
  if (!parsed.success) {
    throw new ConfigError('The signing secret in Secrets Manager must be at least 32 characters.');
  }
  return parsed.data;
}

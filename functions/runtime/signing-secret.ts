import * as z from 'zod/mini';
import type { AwsClientSettings } from '../config/aws-settings';
import type { Env } from '../config/env';
import { ConfigError } from '../config/env';
import { readSecretString } from '../store/secret-reader';

const secretValue = z.string().check(z.minLength(32));

/** The token-signing secret: from the environment locally, from Secrets Manager in AWS. */
export async function loadSigningSecret(
  env: Pick<Env, 'SIGNING_SECRET' | 'SIGNING_SECRET_ARN' | 'AWS_REGION'>,
  aws: Partial<AwsClientSettings> = {},
): Promise<string> {
  if (env.SIGNING_SECRET) return env.SIGNING_SECRET;
  const value = await readSecretString(env.SIGNING_SECRET_ARN ?? '', {
    region: env.AWS_REGION,
    ...aws,
  });
  const parsed = secretValue.safeParse(value);
  if (!parsed.success) {
    throw new ConfigError('The signing secret in Secrets Manager must be at least 32 characters.');
  }
  return parsed.data;
}

import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { AwsClientSettings } from '../config/aws-settings';

/** A secret's string value from Secrets Manager, read once at cold start. */
export async function readSecretString(
  secretId: string,
  settings: AwsClientSettings,
): Promise<string | undefined> {
  const client = new SecretsManagerClient(settings);
  try {
    const { SecretString } = await client.send(new GetSecretValueCommand({ SecretId: secretId }));
    return SecretString;
  } finally {
    client.destroy();
  }
}

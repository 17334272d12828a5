import type { AwsEndpoint } from './aws-request';
import { type Credentials, credentialsFromEnvironment } from './credentials';

/** The signing name of each service Mend calls, and the host name it answers on. */
const SERVICES = {
  dynamodb: { host: 'dynamodb', timeoutMs: 5_000 },
  ses: { host: 'email', timeoutMs: 10_000 },
  secretsmanager: { host: 'secretsmanager', timeoutMs: 5_000 },
} as const;

export interface EndpointOptions {
  region: string;
  /** A local engine's URL; the service's regional endpoint when absent. */
  url?: string;
  /** From Lambda's environment when absent. */
  credentials?: Credentials;
}

export function awsEndpoint(
  service: keyof typeof SERVICES,
  { region, url, credentials }: EndpointOptions,
): AwsEndpoint {
  const { host, timeoutMs } = SERVICES[service];
  return {
    url: url ?? `https://${host}.${region}.amazonaws.com`,
    region,
    service,
    credentials: credentials ?? credentialsFromEnvironment(),
    timeoutMs,
  };
}

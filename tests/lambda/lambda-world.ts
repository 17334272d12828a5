import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ensureTable, type LocalEngines, startEngines } from '../../functions/local/engines';
import { type OutboxEmail, readOutbox } from '../../functions/local/outbox';
import { type HttpApiResult, type HttpRequest, httpApiEvent } from './events';
import { buildBundle, type LambdaInstance, startLambda } from './lambda-process';
import { type SecretsManagerStandIn, startSecretsManagerStandIn } from './secrets-manager-stand-in';
import {
  type DeployedValues,
  type FunctionName,
  type FunctionSpec,
  stackFunctions,
} from './stack-functions';

export const REGION = 'eu-west-1';

export interface LambdaWorld {
  deployed: DeployedValues;
  secretValue: string;
  secrets: SecretsManagerStandIn;
  engines: LocalEngines;
  lambdas: Partial<Record<FunctionName, LambdaInstance>>;
  specs: Record<FunctionName, FunctionSpec>;
  bundles: Partial<Record<FunctionName, string>>;
  /** The SDK endpoint variables that point the functions at the local engines. */
  endpoints: Record<string, string>;
  /** Sends an HTTP API request to the api function and returns its answer. */
  http(request: HttpRequest): Promise<HttpApiResult>;
  /** Signs `address` up through the api function and confirms it: its first stage is then due. */
  signUpAndConfirm(address: string, choices?: Record<string, string>): Promise<void>;
  outbox(): Promise<OutboxEmail[]>;
  mailTo(address: string): Promise<OutboxEmail[]>;
  stop(): Promise<void>;
}

/**
 * The local engines, the Secrets Manager stand-in, and each named function built as the CDK
 * builds it and started as Lambda starts it, with the environment the template gives it.
 */
export async function startLambdaWorld(names: FunctionName[]): Promise<LambdaWorld> {
  const engines = await startEngines();
  await fetch(`${engines.sesEndpoint}/clear-store`, { method: 'POST' });
  const deployed: DeployedValues = {
    tableName: 'Mend-dev-DataTable-LAMBDATEST',
    secretArn: `arn:aws:secretsmanager:${REGION}:123456789012:secret:SigningSecret-AbCdEf`,
    configurationSetName: 'mend-dev',
    apiEndpoint: `https://a1b2c3d4e5.execute-api.${REGION}.amazonaws.com`,
  };
  const secretValue = randomBytes(36).toString('base64url');
  const secrets = await startSecretsManagerStandIn({ arn: deployed.secretArn, value: secretValue });
  await ensureTable(engines.dynamoEndpoint, deployed.tableName, REGION);

  const specs = stackFunctions(deployed);
  const dir = await mkdtemp(path.join(tmpdir(), 'mend-lambda-'));
  const endpoints = {
    AWS_ENDPOINT_URL_DYNAMODB: engines.dynamoEndpoint,
    AWS_ENDPOINT_URL_SESV2: engines.sesEndpoint,
    AWS_ENDPOINT_URL_SECRETS_MANAGER: secrets.endpoint,
  };
  const lambdas: LambdaWorld['lambdas'] = {};
  const bundles: LambdaWorld['bundles'] = {};
  for (const name of names) {
    const bundle = await buildBundle(specs[name], dir);
    bundles[name] = bundle;
    lambdas[name] = await startLambda(specs[name], bundle, REGION, endpoints);
  }
  const outbox = () => readOutbox(engines.sesEndpoint);
  const http: LambdaWorld['http'] = async (request) => {
    const api = lambdas.Api;
    if (!api) throw new Error('this world has no api function');
    return (await api.invoke(httpApiEvent(deployed.apiEndpoint, request))) as HttpApiResult;
  };
  return {
    deployed,
    secretValue,
    secrets,
    engines,
    lambdas,
    specs,
    bundles,
    endpoints,
    http,
    signUpAndConfirm: async (address, choices = {}) => {
      const asked = await http({
        method: 'POST',
        path: '/api/subscriptions',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: address, ...choices }),
      });
      if (asked.statusCode !== 202) throw new Error(`sign-up answered ${asked.statusCode}`);
      const [confirmation] = (await outbox()).filter((email) => email.to.includes(address));
      const confirmed = await http({
        method: 'POST',
        path: linkPath(confirmation, 'confirm'),
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          origin: deployed.apiEndpoint,
        },
        body: '',
        base64: true,
      });
      if (confirmed.statusCode >= 400) throw new Error(`confirm answered ${confirmed.statusCode}`);
    },
    outbox,
    mailTo: async (address) => (await outbox()).filter((email) => email.to.includes(address)),
    stop: async () => {
      await Promise.all(Object.values(lambdas).map((lambda) => lambda.stop()));
      await Promise.all([engines.stop(), secrets.stop()]);
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** The first `https://…/kind/TOKEN` link in an email's text part, as a path. */
export function linkPath(email: OutboxEmail | undefined, kind: string): string {
  const match = email?.text.match(new RegExp(`https?://\\S+?(/${kind}/[A-Za-z0-9_.-]+)`));
  if (!match?.[1]) throw new Error(`no ${kind} link in:\n${email?.text}`);
  return match[1];
}

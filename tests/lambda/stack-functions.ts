import { synthStack } from '../infra/synth-stack';

export type FunctionName = 'Api' | 'Dispatcher' | 'SesEvents';

/** What the synthesized template says about one function, with its tokens resolved. */
export interface FunctionSpec {
  name: FunctionName;
  /** The handler file in the repository, which the CDK bundles. */
  entry: string;
  /** `index.handler`: the export Lambda calls. */
  handlerExport: string;
  timeoutSeconds: number;
  memoryMb: number;
  environment: Record<string, string>;
}

/** Stand-ins for the values CloudFormation fills in at deploy time. */
export interface DeployedValues {
  tableName: string;
  secretArn: string;
  configurationSetName: string;
  apiEndpoint: string;
}

const ENTRIES: Record<FunctionName, string> = {
  Api: 'functions/handlers/api.ts',
  Dispatcher: 'functions/handlers/dispatcher.ts',
  SesEvents: 'functions/handlers/ses-events.ts',
};

type Resources = Record<string, { Type: string; Properties?: Record<string, unknown> }>;

/**
 * A `Ref` or `Fn::GetAtt` in an environment variable, replaced by what it becomes in a deployed
 * stack. A token of any other kind fails the test: whoever adds one must say what it resolves to.
 */
function resolveToken(value: unknown, resources: Resources, deployed: DeployedValues): string {
  if (typeof value === 'string') return value;
  const token = value as { Ref?: string; 'Fn::GetAtt'?: [string, string] };
  if (token.Ref) {
    const type = resources[token.Ref]?.Type;
    if (type === 'AWS::DynamoDB::Table') return deployed.tableName;
    if (type === 'AWS::SecretsManager::Secret') return deployed.secretArn;
    if (type === 'AWS::SES::ConfigurationSet') return deployed.configurationSetName;
    throw new Error(`No deployed value for a Ref to ${token.Ref} (${type})`);
  }
  const getAtt = token['Fn::GetAtt'];
  if (getAtt) {
    const type = resources[getAtt[0]]?.Type;
    if (type === 'AWS::ApiGatewayV2::Api' && getAtt[1] === 'ApiEndpoint')
      return deployed.apiEndpoint;
    throw new Error(`No deployed value for Fn::GetAtt ${getAtt.join('.')} (${type})`);
  }
  throw new Error(`No deployed value for ${JSON.stringify(value)}`);
}

/**
 * Each function's handler, limits and environment, read from the stack `cdk synth` builds with
 * `context` (as `-c` gives it).
 */
export function stackFunctions(
  deployed: DeployedValues,
  context: Record<string, unknown> = {},
): Record<FunctionName, FunctionSpec> {
  const { template } = synthStack({ context });
  const resources = template.toJSON().Resources as Resources;
  const specs = {} as Record<FunctionName, FunctionSpec>;
  for (const name of Object.keys(ENTRIES) as FunctionName[]) {
    const found = Object.entries(template.findResources('AWS::Lambda::Function')).find(([id]) =>
      id.startsWith(`${name}Function`),
    );
    if (!found) throw new Error(`The stack has no ${name} function`);
    const properties = found[1].Properties as {
      Handler: string;
      Timeout: number;
      MemorySize: number;
      Environment?: { Variables?: Record<string, unknown> };
    };
    const variables = properties.Environment?.Variables ?? {};
    specs[name] = {
      name,
      entry: ENTRIES[name],
      handlerExport: properties.Handler.split('.').pop() ?? 'handler',
      timeoutSeconds: properties.Timeout,
      memoryMb: properties.MemorySize,
      environment: Object.fromEntries(
        Object.entries(variables).map(([key, value]) => [
          key,
          resolveToken(value, resources, deployed),
        ]),
      ),
    };
  }
  return specs;
}

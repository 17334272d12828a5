import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Duration, RemovalPolicy } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { Architecture, Runtime } from 'aws-cdk-lib/aws-lambda';
import { Charset, NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';

const projectRoot = fileURLToPath(new URL('../../', import.meta.url));

/**
 * Item-level reads and writes: what the store module uses (Get/Put/Update/Delete/Query) plus their
 * batch and condition-check forms. No Scan, no table management, no streams.
 */
const TABLE_DATA_ACTIONS = [
  'dynamodb:GetItem',
  'dynamodb:BatchGetItem',
  'dynamodb:Query',
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:BatchWriteItem',
  'dynamodb:ConditionCheckItem',
];

export interface MendFunctionProps {
  /** The handler file, relative to the project root, e.g. `functions/handlers/api.ts`. */
  entry: string;
  description: string;
  environment: Record<string, string>;
  timeout: Duration;
  reservedConcurrentExecutions?: number;
  /** Prod keeps logs when the stack goes; dev removes them with it. */
  removalPolicy: RemovalPolicy;
}

/**
 * A Mend Lambda function: ARM64 on Node 22, one ESM bundle built by the local esbuild with the
 * AWS SDK clients inside (the versions we pin, not the runtime's), source maps on, and a log
 * group with a retention period.
 */
export class MendFunction extends Construct {
  readonly fn: NodejsFunction;

  constructor(scope: Construct, id: string, props: MendFunctionProps) {
    super(scope, id);

    const logGroup = new LogGroup(this, 'Logs', {
      retention: RetentionDays.ONE_MONTH,
      removalPolicy: props.removalPolicy,
    });

    this.fn = new NodejsFunction(this, 'Function', {
      entry: join(projectRoot, props.entry),
      handler: 'handler',
      projectRoot,
      depsLockFilePath: join(projectRoot, 'package-lock.json'),
      description: props.description,
      runtime: Runtime.NODEJS_22_X,
      architecture: Architecture.ARM_64,
      memorySize: 512,
      timeout: props.timeout,
      reservedConcurrentExecutions: props.reservedConcurrentExecutions,
      logGroup,
      environment: { ...props.environment, NODE_OPTIONS: '--enable-source-maps' },
      bundling: {
        format: OutputFormat.ESM,
        target: 'node20',
        mainFields: ['module', 'main'],
        minify: true,
        sourceMap: true,
        charset: Charset.UTF8,
        bundleAwsSDK: true,
        forceDockerBundling: false,
        // Lets CommonJS dependencies call `require` inside the ESM bundle.
        banner:
          "import { createRequire } from 'module'; const require = createRequire(import.meta.url);",
      },
    });
  }

  /** Sets TABLE_NAME and grants item reads and writes on the table and the named indexes only. */
  useTable(table: ITable, options: { indexes?: string[] } = {}): void {
    this.fn.addEnvironment('TABLE_NAME', table.tableName);
    this.fn.addToRolePolicy(
      new PolicyStatement({ actions: TABLE_DATA_ACTIONS, resources: [table.tableArn] }),
    );
    const indexes = options.indexes ?? [];
    if (indexes.length > 0) {
      this.fn.addToRolePolicy(
        new PolicyStatement({
          actions: ['dynamodb:Query'],
          resources: indexes.map((index) => `${table.tableArn}/index/${index}`),
        }),
      );
    }
  }

  /** Sets SIGNING_SECRET_ARN and grants reading that one secret. */
  useSigningSecret(secret: ISecret): void {
    this.fn.addEnvironment('SIGNING_SECRET_ARN', secret.secretArn);
    secret.grantRead(this.fn);
  }
}

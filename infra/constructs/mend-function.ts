import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Duration, type RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import {
  ApplicationLogLevel,
  Architecture,
  LoggingFormat,
  Runtime,
  SystemLogLevel,
} from 'aws-cdk-lib/aws-lambda';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import { Charset, NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { LAMBDA_BUNDLING } from '../lambda-bundling';

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
  /**
   * For functions invoked asynchronously (EventBridge, SNS): how often Lambda retries a failed
   * event and for how long it keeps one; an event that still fails lands in `dlq`.
   */
  async?: { retryAttempts: number; maxEventAge?: Duration };
}

/**
 * What DynamoDB needs of a caller to use a customer-managed table key on its behalf (the same set
 * `Table.grantReadWriteData` gives, with the wildcards spelled out); the grant holds only for
 * calls that come through DynamoDB (`kms:ViaService`).
 */
const TABLE_KEY_ACTIONS = [
  'kms:Decrypt',
  'kms:DescribeKey',
  'kms:Encrypt',
  'kms:GenerateDataKey',
  'kms:ReEncryptFrom',
  'kms:ReEncryptTo',
];

/**
 * A Mend Lambda function: ARM64 on Node 22, one ESM bundle built by the local esbuild as
 * `LAMBDA_BUNDLING` says, source maps on, and a log group with a retention period.
 */
export class MendFunction extends Construct {
  readonly fn: NodejsFunction;
  /** Where failed asynchronous events go (on-failure destination), for `async` functions. */
  readonly dlq?: Queue;

  constructor(scope: Construct, id: string, props: MendFunctionProps) {
    super(scope, id);

    if (props.async) {
      this.dlq = new Queue(this, 'Dlq', {
        encryption: QueueEncryption.SQS_MANAGED,
        enforceSSL: true,
        retentionPeriod: Duration.days(14),
        removalPolicy: props.removalPolicy,
      });
      Validations.of(this.dlq).acknowledge({
        id: 'AwsSolutions-SQS3',
        reason:
          "This queue is itself a dead-letter queue: the function's on-failure destination and its event source's DLQ. Nothing consumes it but an operator, so it needs no DLQ of its own.",
      });
    }

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
      ...(props.async &&
        this.dlq && {
          retryAttempts: props.async.retryAttempts,
          maxEventAge: props.async.maxEventAge,
          onFailure: new SqsDestination(this.dlq),
        }),
      logGroup,
      // JSON lines from Lambda too; the application level reaches Powertools' logger as
      // AWS_LAMBDA_LOG_LEVEL, so it can be changed in the console without a deploy.
      loggingFormat: LoggingFormat.JSON,
      applicationLogLevelV2: ApplicationLogLevel.INFO,
      systemLogLevelV2: SystemLogLevel.WARN,
      environment: { ...props.environment, NODE_OPTIONS: '--enable-source-maps' },
      bundling: {
        format: OutputFormat.ESM,
        target: LAMBDA_BUNDLING.target,
        mainFields: [...LAMBDA_BUNDLING.mainFields],
        minify: LAMBDA_BUNDLING.minify,
        sourceMap: LAMBDA_BUNDLING.sourceMap,
        charset: Charset.UTF8,
        // The SDK clients are dependencies like any other: bundled at the versions we pin.
        externalModules: [],
        forceDockerBundling: false,
        banner: LAMBDA_BUNDLING.banner,
      },
    });
    Validations.of(this.fn).acknowledge({
      id: 'AwsSolutions-L1',
      reason:
        'Pinned to nodejs22.x on purpose (supported by AWS until 2027): the bundles target Node 20/22 and every test and local run happens on Node 20; a runtime upgrade is a tested change, not one that a newer aws-cdk-lib should make silently.',
    });
  }

  /** The dead-letter queue of an `async` function. */
  deadLetterQueue(): Queue {
    if (!this.dlq)
      throw new Error(`${this.node.path} is not asynchronous: it has no dead-letter queue`);
    return this.dlq;
  }

  /** Sets TABLE_NAME and grants item reads and writes on the table and the named indexes only. */
  useTable(table: ITable, options: { indexes?: string[] } = {}): void {
    this.fn.addEnvironment('TABLE_NAME', table.tableName);
    this.fn.addToRolePolicy(
      new PolicyStatement({ actions: TABLE_DATA_ACTIONS, resources: [table.tableArn] }),
    );
    if (table.encryptionKey) {
      this.fn.addToRolePolicy(
        new PolicyStatement({
          actions: TABLE_KEY_ACTIONS,
          resources: [table.encryptionKey.keyArn],
          conditions: {
            StringEquals: { 'kms:ViaService': `dynamodb.${Stack.of(this).region}.amazonaws.com` },
          },
        }),
      );
    }
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

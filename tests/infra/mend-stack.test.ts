import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Match, type Template } from 'aws-cdk-lib/assertions';
import { Queue } from 'aws-cdk-lib/aws-sqs';
import { describe, expect, it } from 'vitest';
import { dispatcherMetrics, recordRun } from '../../functions/dispatcher/run-metrics';
import { DUE_INDEX, TTL_ATTRIBUTE, tableDefinition } from '../../functions/store/table';
import { synthStack } from './synth-stack';

type FunctionName = 'Api' | 'Dispatcher' | 'SesEvents';

interface Statement {
  Action: string | string[];
  Resource: unknown;
}

const dev = synthStack().template;
const prod = synthStack({
  context: { stage: 'prod', practitionerAllowlist: '@clinic.example' },
}).template;

const functions = () => dev.findResources('AWS::Lambda::Function');
const functionId = (name: FunctionName) => {
  const id = Object.keys(functions()).find((key) => key.startsWith(`${name}Function`));
  if (!id) throw new Error(`no ${name} function in the template`);
  return id;
};
const statementsOf = (name: FunctionName): Statement[] => {
  const policies = dev.findResources('AWS::IAM::Policy', {
    Properties: { Roles: [{ Ref: Match.stringLikeRegexp(`^${name}FunctionServiceRole`) }] },
  });
  return Object.values(policies).flatMap((p) => p.Properties.PolicyDocument.Statement);
};
const actionsOf = (statement: Statement) => [statement.Action].flat();

describe('the Mend stack', () => {
  it('declares the table with PK/SK, the keys-only due index, TTL, PITR and on-demand billing', () => {
    dev.hasResourceProperties('AWS::DynamoDB::Table', {
      KeySchema: [
        { AttributeName: 'PK', KeyType: 'HASH' },
        { AttributeName: 'SK', KeyType: 'RANGE' },
      ],
      BillingMode: 'PAY_PER_REQUEST',
      GlobalSecondaryIndexes: [
        {
          IndexName: 'due',
          KeySchema: [
            { AttributeName: 'dueShard', KeyType: 'HASH' },
            { AttributeName: 'dueAt', KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'KEYS_ONLY' },
        },
      ],
      TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
    });
  });

  it('declares the same keys and index as the table local mode creates', () => {
    const local = tableDefinition('local');
    const [table] = Object.values(dev.findResources('AWS::DynamoDB::Table'));
    const props = table?.Properties;
    expect(props.KeySchema).toEqual(local.KeySchema);
    expect(props.AttributeDefinitions).toEqual(
      expect.arrayContaining(local.AttributeDefinitions ?? []),
    );
    expect(props.AttributeDefinitions).toHaveLength(local.AttributeDefinitions?.length ?? 0);
    expect(props.GlobalSecondaryIndexes).toEqual(local.GlobalSecondaryIndexes);
    expect(props.TimeToLiveSpecification.AttributeName).toBe(TTL_ATTRIBUTE);
  });

  it('removes the table with a dev stack but retains and protects it in prod', () => {
    dev.hasResource('AWS::DynamoDB::Table', {
      DeletionPolicy: 'Delete',
      Properties: Match.objectLike({ DeletionProtectionEnabled: false }),
    });
    prod.hasResource('AWS::DynamoDB::Table', {
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
      Properties: Match.objectLike({ DeletionProtectionEnabled: true }),
    });
  });

  it('keeps the signing secret in prod, since subscriber ids are derived from it', () => {
    prod.hasResource('AWS::SecretsManager::Secret', { DeletionPolicy: 'Retain' });
    dev.hasResourceProperties('AWS::SecretsManager::Secret', {
      GenerateSecretString: { PasswordLength: 48, ExcludePunctuation: true },
    });
  });

  it('runs every function on Node 22, arm64, with the environment the handlers read', () => {
    for (const name of ['Api', 'Dispatcher', 'SesEvents'] as const) {
      expect(functions()[functionId(name)]?.Properties).toMatchObject({
        Runtime: 'nodejs22.x',
        Architectures: ['arm64'],
        Handler: 'index.handler',
        MemorySize: 512,
        LoggingConfig: {
          LogGroup: { Ref: expect.stringMatching(`^${name}Logs`) },
          LogFormat: 'JSON',
          ApplicationLogLevel: 'INFO',
          SystemLogLevel: 'WARN',
        },
        Environment: {
          Variables: {
            TABLE_NAME: { Ref: expect.stringMatching(/^DataTable/) },
            BASE_URL: { 'Fn::GetAtt': [expect.stringMatching(/^HttpApi/), 'ApiEndpoint'] },
            FROM_ADDRESS: 'Mend <course@mend.example.org>',
            POSTAL_ADDRESS: 'Mend, 1 Example Street, Exampleton',
            SIGNING_SECRET_ARN: { Ref: expect.stringMatching(/^SigningSecret/) },
            SES_CONFIGURATION_SET: { Ref: expect.stringMatching(/^SenderConfigurationSet/) },
            SEND_RATE_PER_SECOND: '14',
            NODE_OPTIONS: '--enable-source-maps',
          },
        },
      });
    }
    dev.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 30 });
  });

  it('uses the baseUrl context as BASE_URL and passes the optional settings when given', () => {
    const { template } = synthStack({
      context: {
        baseUrl: 'https://mend.example.org/',
        listUnsubscribeMailto: 'unsubscribe@mend.example.org',
        defaultCourseId: 'repair-reconnect',
      },
    });
    template.allResourcesProperties('AWS::Lambda::Function', {
      Environment: {
        Variables: Match.objectLike({
          BASE_URL: 'https://mend.example.org',
          LIST_UNSUBSCRIBE_MAILTO: 'unsubscribe@mend.example.org',
          DEFAULT_COURSE_ID: 'repair-reconnect',
        }),
      },
    });
  });

  it('sends every request to the api function through a throttled HTTP API', () => {
    dev.hasResourceProperties('AWS::ApiGatewayV2::Route', { RouteKey: '$default' });
    dev.hasResourceProperties('AWS::ApiGatewayV2::Integration', {
      IntegrationType: 'AWS_PROXY',
      IntegrationUri: { 'Fn::GetAtt': [functionId('Api'), 'Arn'] },
      PayloadFormatVersion: '2.0',
    });
    dev.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AutoDeploy: true,
      DefaultRouteSettings: { ThrottlingBurstLimit: 100, ThrottlingRateLimit: 50 },
    });
    expect(dev.findOutputs('ApiUrl').ApiUrl?.Value).toEqual({
      'Fn::GetAtt': [expect.stringMatching(/^HttpApi/), 'ApiEndpoint'],
    });
    expect(dev.findOutputs('TableName').TableName?.Value).toEqual({
      Ref: expect.stringMatching(/^DataTable/),
    });
  });

  it('runs the dispatcher every 5 minutes for at most 5 minutes, reserving no concurrency', () => {
    dev.hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: 'rate(5 minutes)',
      State: 'ENABLED',
      Targets: [
        Match.objectLike({
          Arn: { 'Fn::GetAtt': [functionId('Dispatcher'), 'Arn'] },
          RetryPolicy: { MaximumRetryAttempts: 0 },
        }),
      ],
    });
    // New accounts (a concurrency limit of 10) cannot reserve any; overlapping runs are safe.
    expect(functions()[functionId('Dispatcher')]?.Properties).toMatchObject({ Timeout: 300 });
    for (const name of ['Api', 'Dispatcher', 'SesEvents'] as const) {
      expect(
        functions()[functionId(name)]?.Properties.ReservedConcurrentExecutions,
      ).toBeUndefined();
    }
  });

  it('grants no wildcard action to anyone', () => {
    const statements = Object.values(dev.findResources('AWS::IAM::Policy')).flatMap(
      (policy) => policy.Properties.PolicyDocument.Statement as Statement[],
    );
    expect(statements.length).toBeGreaterThan(0);
    for (const action of statements.flatMap(actionsOf)) {
      expect(action).not.toContain('*');
    }
  });

  it('lets only the dispatcher query the due index, and neither function scan', () => {
    const indexArn = (statement: Statement) =>
      JSON.stringify(statement.Resource).includes('/index/');
    expect(statementsOf('Api').some(indexArn)).toBe(false);
    const dispatcherIndex = statementsOf('Dispatcher').filter(indexArn);
    expect(dispatcherIndex.flatMap(actionsOf)).toEqual(['dynamodb:Query']);
    expect(JSON.stringify(dispatcherIndex[0]?.Resource)).toContain(`/index/${DUE_INDEX}`);
    for (const name of ['Api', 'Dispatcher'] as const) {
      const actions = statementsOf(name).flatMap(actionsOf);
      expect(actions).toEqual(
        expect.arrayContaining([
          'dynamodb:GetItem',
          'dynamodb:PutItem',
          'dynamodb:UpdateItem',
          'dynamodb:DeleteItem',
          'dynamodb:Query',
        ]),
      );
      expect(actions).not.toContain('dynamodb:Scan');
      expect(actions).not.toContain('dynamodb:DeleteTable');
    }
  });

  it('lets both functions send only from the From address, through the configuration set, in and out of the sandbox', () => {
    for (const name of ['Api', 'Dispatcher'] as const) {
      const ses = statementsOf(name).filter((s) => actionsOf(s).some((a) => a.startsWith('ses:')));
      expect(ses.flatMap(actionsOf)).toEqual(['ses:SendEmail']);
      // In the sandbox SES also checks the verified recipient's identity: any identity of the
      // account, held to our From address by the condition.
      const resources = JSON.stringify(ses.map((s) => s.Resource));
      expect(resources).toContain(':identity/*');
      expect(resources).toContain(':configuration-set/');
      expect(resources).not.toMatch(/"\*"/);
      expect(ses.map((s) => (s as { Condition?: unknown }).Condition)).toEqual([
        { StringEquals: { 'ses:FromAddress': 'course@mend.example.org' } },
      ]);
    }
    dev.hasResourceProperties('AWS::SES::EmailIdentity', {
      EmailIdentity: 'mend.example.org',
      ConfigurationSetAttributes: {
        ConfigurationSetName: { Ref: Match.stringLikeRegexp('^SenderConfigurationSet') },
      },
    });
  });

  it('feeds bounces, complaints and rejects (no deliveries) through EventBridge to the ses-events function, which cannot send', () => {
    const [destination] = Object.values(
      dev.findResources('AWS::SES::ConfigurationSetEventDestination'),
    );
    // The default event bus: AWS service events there are free and encrypted at rest by AWS.
    expect(destination?.Properties.EventDestination).toMatchObject({
      Enabled: true,
      EventBridgeDestination: {
        EventBusArn: {
          'Fn::Join': ['', expect.arrayContaining([':event-bus/default'])],
        },
      },
    });
    expect(destination?.Properties.EventDestination.SnsDestination).toBeUndefined();
    expect(destination?.Properties.EventDestination.MatchingEventTypes.sort()).toEqual([
      'bounce',
      'complaint',
      'reject',
    ]);
    // Only this stage's configuration set, so dev and prod in one account never mix.
    dev.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: {
        source: ['aws.ses'],
        'detail-type': ['Email Bounced', 'Email Complaint Received', 'Email Rejected'],
        detail: {
          mail: {
            tags: {
              'ses:configuration-set': [{ Ref: Match.stringLikeRegexp('^SenderConfigurationSet') }],
            },
          },
        },
      },
      Targets: [
        Match.objectLike({
          Arn: { 'Fn::GetAtt': [functionId('SesEvents'), 'Arn'] },
          RetryPolicy: { MaximumRetryAttempts: 2, MaximumEventAgeInSeconds: 6 * 3600 },
        }),
      ],
    });
    dev.resourceCountIs('AWS::SNS::Subscription', 0);
    const actions = statementsOf('SesEvents').flatMap(actionsOf);
    expect(actions.some((a) => a.startsWith('ses:'))).toBe(false);
    expect(actions).not.toContain('dynamodb:Scan');
  });

  it('lets every function read the signing secret and nothing else in Secrets Manager', () => {
    for (const name of ['Api', 'Dispatcher', 'SesEvents'] as const) {
      const secrets = statementsOf(name).filter((s) =>
        actionsOf(s).some((a) => a.startsWith('secretsmanager:')),
      );
      expect(secrets.flatMap(actionsOf).sort()).toEqual([
        'secretsmanager:DescribeSecret',
        'secretsmanager:GetSecretValue',
      ]);
      expect(secrets.map((s) => s.Resource)).toEqual([
        { Ref: expect.stringMatching(/^SigningSecret/) },
      ]);
    }
  });
});

const everyOption = {
  stage: 'prod',
  encryptionKey: 'customer-managed',
  alarmEmail: 'ops@mend.example.org',
  apiDomainName: 'course.mend.example.org',
  certificateArn:
    'arn:aws:acm:eu-west-1:123456789012:certificate/0b7f6c1e-1234-4d2a-9c3b-abcdef012345',
  mailFromDomain: 'bounce.mend.example.org',
  dispatcherReservedConcurrency: '1',
  practitionerAllowlist: 'ana@clinic.example,@team.example',
  monitoring: 'full',
};
const full = synthStack({ context: everyOption }).template;

const resourceId = (template: Template, type: string, prefix: string) => {
  const id = Object.keys(template.findResources(type)).find((key) => key.startsWith(prefix));
  if (!id) throw new Error(`no ${type} ${prefix}* in the template`);
  return id;
};
const alarmNamed = (template: Template, prefix: string) => {
  const id = resourceId(template, 'AWS::CloudWatch::Alarm', `Alarms${prefix}`);
  return template.findResources('AWS::CloudWatch::Alarm')[id]?.Properties;
};

describe('the production options', () => {
  it('encrypts the table with the AWS-managed key unless a customer-managed key is asked for', () => {
    dev.hasResourceProperties('AWS::DynamoDB::Table', {
      SSESpecification: { SSEEnabled: true, KMSMasterKeyId: Match.absent() },
    });
    dev.resourceCountIs('AWS::KMS::Key', 0);

    const keyId = resourceId(full, 'AWS::KMS::Key', 'DataKey');
    full.hasResource('AWS::KMS::Key', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({ EnableKeyRotation: true }),
    });
    full.hasResourceProperties('AWS::DynamoDB::Table', {
      SSESpecification: {
        SSEEnabled: true,
        SSEType: 'KMS',
        KMSMasterKeyId: { 'Fn::GetAtt': [keyId, 'Arn'] },
      },
    });
    // Every function that touches the table may use the key, without wildcard actions.
    const statements = Object.values(full.findResources('AWS::IAM::Policy')).flatMap(
      (policy) => policy.Properties.PolicyDocument.Statement as Statement[],
    );
    const keyStatements = statements.filter(
      (s) => JSON.stringify(s.Resource) === JSON.stringify({ 'Fn::GetAtt': [keyId, 'Arn'] }),
    );
    expect(keyStatements).toHaveLength(3);
    for (const statement of keyStatements) {
      expect(actionsOf(statement)).toEqual(
        expect.arrayContaining(['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey']),
      );
      for (const action of actionsOf(statement)) expect(action).not.toContain('*');
      // Only through DynamoDB: the role cannot use the key directly.
      expect((statement as { Condition?: unknown }).Condition).toEqual({
        StringEquals: {
          'kms:ViaService': {
            'Fn::Join': ['', ['dynamodb.', { Ref: 'AWS::Region' }, '.amazonaws.com']],
          },
        },
      });
    }
  });

  it('sends failed dispatcher and ses-events events to encrypted, SSL-only dead-letter queues', () => {
    const dlqArn = (name: FunctionName) => ({
      'Fn::GetAtt': [resourceId(dev, 'AWS::SQS::Queue', `${name}Dlq`), 'Arn'],
    });
    dev.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      FunctionName: { Ref: functionId('Dispatcher') },
      MaximumRetryAttempts: 0,
      MaximumEventAgeInSeconds: 300,
      DestinationConfig: { OnFailure: { Destination: dlqArn('Dispatcher') } },
    });
    dev.hasResourceProperties('AWS::Lambda::EventInvokeConfig', {
      FunctionName: { Ref: functionId('SesEvents') },
      MaximumRetryAttempts: 2,
      DestinationConfig: { OnFailure: { Destination: dlqArn('SesEvents') } },
    });
    expect(
      Object.values(dev.findResources('AWS::Lambda::EventInvokeConfig')).map((c) =>
        JSON.stringify(c.Properties.FunctionName),
      ),
    ).not.toContain(JSON.stringify({ Ref: functionId('Api') }));

    // Events the source could not even hand to Lambda land in the same queues.
    dev.hasResourceProperties('AWS::Events::Rule', {
      Targets: [Match.objectLike({ DeadLetterConfig: { Arn: dlqArn('Dispatcher') } })],
    });
    dev.hasResourceProperties('AWS::Events::Rule', {
      Targets: [Match.objectLike({ DeadLetterConfig: { Arn: dlqArn('SesEvents') } })],
    });

    dev.allResourcesProperties('AWS::SQS::Queue', {
      SqsManagedSseEnabled: true,
      MessageRetentionPeriod: 14 * 24 * 3600,
    });
    for (const name of ['Dispatcher', 'SesEvents'] as const) {
      dev.hasResourceProperties('AWS::SQS::QueuePolicy', {
        Queues: [{ Ref: resourceId(dev, 'AWS::SQS::Queue', `${name}Dlq`) }],
        PolicyDocument: {
          Statement: Match.arrayWith([
            Match.objectLike({
              Effect: 'Deny',
              Action: 'sqs:*',
              Condition: { Bool: { 'aws:SecureTransport': 'false' } },
            }),
          ]),
        },
      });
    }
  });

  it('reserves no dispatcher execution by default, as many as asked when set', () => {
    expect(
      functions()[functionId('Dispatcher')]?.Properties.ReservedConcurrentExecutions,
    ).toBeUndefined();
    const [, dispatcher] =
      Object.entries(full.findResources('AWS::Lambda::Function')).find(([id]) =>
        id.startsWith('DispatcherFunction'),
      ) ?? [];
    expect(dispatcher?.Properties.ReservedConcurrentExecutions).toBe(1);
    const { template } = synthStack({ context: { dispatcherReservedConcurrency: 2 } });
    template.hasResourceProperties('AWS::Lambda::Function', {
      Description: 'Mend: sends the stages that are due',
      ReservedConcurrentExecutions: 2,
    });
  });

  it('enforces SSL on the alarm topic, the only SNS topic, and logs API access with a retention period', () => {
    dev.resourceCountIs('AWS::SNS::Topic', 1);
    for (const prefix of ['AlarmsTopic']) {
      dev.hasResourceProperties('AWS::SNS::TopicPolicy', {
        Topics: [{ Ref: resourceId(dev, 'AWS::SNS::Topic', prefix) }],
        PolicyDocument: {
          Statement: Match.arrayWith([
            Match.objectLike({
              Effect: 'Deny',
              Condition: { Bool: { 'aws:SecureTransport': 'false' } },
            }),
          ]),
        },
      });
    }
    const accessLogs = resourceId(dev, 'AWS::Logs::LogGroup', 'ApiAccessLogs');
    dev.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      AccessLogSettings: { DestinationArn: { 'Fn::GetAtt': [accessLogs, 'Arn'] } },
    });
    expect(dev.findResources('AWS::Logs::LogGroup')[accessLogs]?.Properties.RetentionInDays).toBe(
      30,
    );
  });

  const alarmIds = (template: Template) =>
    Object.keys(template.findResources('AWS::CloudWatch::Alarm'))
      .map((id) => id.replace(/^Alarms/, '').replace(/[0-9A-F]{8}$/, ''))
      .sort();

  it('by default alarms on what stops mail or the site: six alarm metrics, no custom metric', () => {
    expect(alarmIds(dev)).toEqual([
      'Api5xx',
      'BounceRate',
      'ComplaintRate',
      'DispatcherHeartbeat',
      'SesEventsDlqNewMessages',
    ]);
    for (const fn of Object.values(functions())) {
      expect(fn.Properties.Environment.Variables.CUSTOM_METRICS).toBe('off');
    }
    expect(alarmNamed(dev, 'Api5xx')).toMatchObject({
      Namespace: 'AWS/ApiGateway',
      MetricName: '5xx',
      Dimensions: expect.arrayContaining([
        { Name: 'ApiId', Value: { Ref: expect.stringMatching(/^HttpApi/) } },
      ]),
      Statistic: 'Sum',
      Threshold: 0,
      ComparisonOperator: 'GreaterThanThreshold',
      AlarmActions: [{ Ref: expect.stringMatching(/^AlarmsTopic/) }],
    });
    // New arrivals: a queue kept 14 days must not hold the alarm on and hide the next failure.
    expect(alarmNamed(dev, 'SesEventsDlqNewMessages')).toMatchObject({
      Namespace: 'AWS/SQS',
      MetricName: 'NumberOfMessagesSent',
      Statistic: 'Sum',
      Dimensions: [
        {
          Name: 'QueueName',
          Value: {
            'Fn::GetAtt': [resourceId(dev, 'AWS::SQS::Queue', 'SesEventsDlq'), 'QueueName'],
          },
        },
      ],
      Threshold: 0,
      ComparisonOperator: 'GreaterThanThreshold',
    });
  });

  it('with full monitoring adds each function’s errors, the dispatcher’s queue and late mail', () => {
    expect(alarmIds(full)).toEqual([
      'Api5xx',
      'ApiErrors',
      'BounceRate',
      'ComplaintRate',
      'DispatchLag',
      'DispatcherDlqNewMessages',
      'DispatcherErrors',
      'DispatcherHeartbeat',
      'SesEventsDlqNewMessages',
      'SesEventsErrors',
    ]);
    for (const fn of Object.values(full.findResources('AWS::Lambda::Function'))) {
      expect(fn.Properties.Environment.Variables.CUSTOM_METRICS).toBe('on');
    }
    expect(alarmNamed(full, 'DispatcherErrors')).toMatchObject({
      Namespace: 'AWS/Lambda',
      MetricName: 'Errors',
      Statistic: 'Sum',
      Period: 300,
      Threshold: 0,
      TreatMissingData: 'notBreaching',
    });
  });

  it('alarms on late mail from the metric the dispatcher records, with the same dimensions', () => {
    const metrics = dispatcherMetrics('prod');
    recordRun(metrics, {
      dueFound: 1,
      sent: 1,
      skipped: 0,
      retried: 0,
      failed: 0,
      misconfigured: 0,
      oldestDueLagSeconds: 60,
    });
    const line = metrics.serializeMetrics();
    const [definition] = line._aws.CloudWatchMetrics;
    const alarm = alarmNamed(full, 'DispatchLag');
    expect(alarm).toMatchObject({
      Namespace: definition?.Namespace,
      MetricName: 'OldestDueLagSeconds',
      Statistic: 'Maximum',
      Period: 300,
      Threshold: 5 * 60 + 1800,
      ComparisonOperator: 'GreaterThanThreshold',
      TreatMissingData: 'notBreaching',
    });
    const recorded = Object.fromEntries(
      (definition?.Dimensions[0] ?? []).map((name) => [
        name,
        (line as Record<string, unknown>)[name],
      ]),
    );
    expect(
      Object.fromEntries(
        ((alarm?.Dimensions ?? []) as { Name: string; Value: string }[]).map((d) => [
          d.Name,
          d.Value,
        ]),
      ),
    ).toEqual(recorded);
    const hourly = synthStack({
      context: { ...everyOption, dispatchIntervalMinutes: 60 },
    }).template;
    expect(alarmNamed(hourly, 'DispatchLag')?.Threshold).toBe(60 * 60 + 1800);
  });

  it('alarms when no dispatcher run has finished in three intervals, from Lambda’s own metrics', () => {
    const heartbeat = alarmNamed(dev, 'DispatcherHeartbeat');
    expect(heartbeat).toMatchObject({
      Threshold: 1,
      ComparisonOperator: 'LessThanThreshold',
      TreatMissingData: 'breaching',
      AlarmActions: [{ Ref: expect.stringMatching(/^AlarmsTopic/) }],
    });
    const queries = heartbeat?.Metrics as {
      Id: string;
      Expression?: string;
      MetricStat?: { Metric: { Namespace: string; MetricName: string }; Period: number };
    }[];
    expect(queries.find((q) => q.Expression)?.Expression).toBe(
      'FILL(invocations, 0) - FILL(errors, 0)',
    );
    for (const name of ['Invocations', 'Errors']) {
      const query = queries.find((q) => q.MetricStat?.Metric.MetricName === name);
      expect(query?.MetricStat).toMatchObject({
        Metric: { Namespace: 'AWS/Lambda' },
        Period: 3 * 5 * 60,
      });
    }
  });

  it('alarms on a bounce rate over 4 % and a complaint rate over 0.08 %', () => {
    expect(alarmNamed(dev, 'BounceRate')).toMatchObject({
      Namespace: 'AWS/SES',
      MetricName: 'Reputation.BounceRate',
      Threshold: 0.04,
      ComparisonOperator: 'GreaterThanThreshold',
      AlarmActions: [{ Ref: expect.stringMatching(/^AlarmsTopic/) }],
    });
    expect(alarmNamed(dev, 'ComplaintRate')).toMatchObject({
      Namespace: 'AWS/SES',
      MetricName: 'Reputation.ComplaintRate',
      Threshold: 0.0008,
      ComparisonOperator: 'GreaterThanThreshold',
      AlarmActions: [{ Ref: expect.stringMatching(/^AlarmsTopic/) }],
    });
  });

  it('emails the alarms to alarmEmail only when it is given', () => {
    dev.resourcePropertiesCountIs('AWS::SNS::Subscription', { Protocol: 'email' }, 0);
    full.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: 'ops@mend.example.org',
      TopicArn: { Ref: resourceId(full, 'AWS::SNS::Topic', 'AlarmsTopic') },
    });
  });

  it('serves the API on the custom domain when given and links to it', () => {
    dev.resourceCountIs('AWS::ApiGatewayV2::DomainName', 0);
    full.hasResourceProperties('AWS::ApiGatewayV2::DomainName', {
      DomainName: 'course.mend.example.org',
      DomainNameConfigurations: [Match.objectLike({ CertificateArn: everyOption.certificateArn })],
    });
    full.hasResourceProperties('AWS::ApiGatewayV2::ApiMapping', {
      ApiId: { Ref: resourceId(full, 'AWS::ApiGatewayV2::Api', 'HttpApi') },
      DomainName: { Ref: resourceId(full, 'AWS::ApiGatewayV2::DomainName', 'ApiDomain') },
      Stage: '$default',
    });
    full.allResourcesProperties('AWS::Lambda::Function', {
      Environment: {
        Variables: Match.objectLike({ BASE_URL: 'https://course.mend.example.org' }),
      },
    });
    expect(full.findOutputs('BaseUrl').BaseUrl?.Value).toBe('https://course.mend.example.org');

    // An explicit baseUrl (e.g. a CDN in front) still wins over the API domain.
    const { template } = synthStack({
      context: { ...everyOption, baseUrl: 'https://www.mend.example.org' },
    });
    template.allResourcesProperties('AWS::Lambda::Function', {
      Environment: { Variables: Match.objectLike({ BASE_URL: 'https://www.mend.example.org' }) },
    });
  });

  it('sends with a custom MAIL FROM domain, mail.<senderDomain> by default, and outputs its records', () => {
    dev.hasResourceProperties('AWS::SES::EmailIdentity', {
      EmailIdentity: 'mend.example.org',
      DkimAttributes: Match.absent(),
      MailFromAttributes: {
        MailFromDomain: 'mail.mend.example.org',
        BehaviorOnMxFailure: 'USE_DEFAULT_VALUE',
      },
    });
    full.hasResourceProperties('AWS::SES::EmailIdentity', {
      MailFromAttributes: Match.objectLike({ MailFromDomain: 'bounce.mend.example.org' }),
    });
    expect(JSON.stringify(dev.findOutputs('MailFromMxRecord').MailFromMxRecord?.Value)).toMatch(
      /mail\.mend\.example\.org MX 10 feedback-smtp\..*AWS::Region.*\.amazonses\.com/,
    );
    expect(dev.findOutputs('MailFromSpfRecord').MailFromSpfRecord?.Value).toBe(
      'mail.mend.example.org TXT "v=spf1 include:amazonses.com ~all"',
    );
    expect(
      Object.keys(dev.findOutputs('*')).filter((k) => k.startsWith('DkimRecord')),
    ).toHaveLength(3);
  });
});

describe('cdk-nag AwsSolutionsChecks', () => {
  it.each([
    ['the dev defaults', {}],
    ['prod with every option', everyOption],
  ])('finds nothing unacknowledged in %s', (_, context) => {
    const outdir = mkdtempSync(join(tmpdir(), 'mend-nag-'));
    try {
      const { app } = synthStack({ context, nag: true, outdir });
      const assembly = app.synth();
      const report = JSON.parse(
        readFileSync(join(assembly.directory, 'validation-report.json'), 'utf8'),
      );
      expect(report.pluginReports).toEqual([]);
      const errors = assembly.stacks.flatMap((stack) =>
        stack.messages.filter((message) => message.level === 'error'),
      );
      expect(errors).toEqual([]);
    } finally {
      rmSync(outdir, { recursive: true, force: true });
    }
  });

  it('fails the synth on a finding nobody acknowledged', () => {
    const outdir = mkdtempSync(join(tmpdir(), 'mend-nag-'));
    try {
      // An SQS queue without SSL enforcement or a DLQ: AwsSolutions-SQS3 and SQS4.
      expect(() =>
        synthStack({ nag: true, outdir, modify: (stack) => new Queue(stack, 'Unchecked') }),
      ).toThrow(/AwsSolutions-SQS4/);
    } finally {
      rmSync(outdir, { recursive: true, force: true });
    }
  });
});

describe('what production needs from the first deployment', () => {
  it('logs API access as JSON with the request id, route, status and latency, and no IP or path', () => {
    const [stage] = Object.values(dev.findResources('AWS::ApiGatewayV2::Stage'));
    const format = JSON.parse(stage?.Properties.AccessLogSettings.Format);
    expect(format).toMatchObject({
      requestId: '$context.requestId',
      routeKey: '$context.routeKey',
      status: '$context.status',
      latencyMs: '$context.responseLatency',
    });
    const values = Object.values(format).join(' ');
    expect(values).not.toMatch(/sourceIp|identity\.|\$context\.path|requestOverride/);
  });

  it('delivers mail only over TLS', () => {
    dev.hasResourceProperties('AWS::SES::ConfigurationSet', {
      DeliveryOptions: { TlsPolicy: 'REQUIRE' },
    });
  });

  it('passes the practitioner allowlist to the functions that check it', () => {
    const prodFunctions = Object.values(full.findResources('AWS::Lambda::Function'));
    for (const fn of prodFunctions) {
      expect(fn.Properties.Environment.Variables.PRACTITIONER_ALLOWLIST).toBe(
        'ana@clinic.example,@team.example',
      );
    }
    for (const fn of Object.values(functions())) {
      expect(fn.Properties.Environment.Variables.PRACTITIONER_ALLOWLIST).toBeUndefined();
      expect(fn.Properties.Environment.Variables.STAGE).toBe('dev');
    }
  });

  it('uses an SES identity that already exists when asked, and creates none', () => {
    const { template } = synthStack({ context: { senderIdentity: 'existing' } });
    template.resourceCountIs('AWS::SES::EmailIdentity', 0);
    template.resourceCountIs('AWS::SES::ConfigurationSet', 1);
    expect(Object.keys(template.toJSON().Outputs)).not.toContain('DkimRecord1');
    dev.resourceCountIs('AWS::SES::EmailIdentity', 1);
  });

  it('turns off the execute-api address when the site has its own domain', () => {
    full.hasResourceProperties('AWS::ApiGatewayV2::Api', { DisableExecuteApiEndpoint: true });
    expect(Object.keys(full.toJSON().Outputs)).not.toContain('ApiUrl');
    dev.hasResourceProperties('AWS::ApiGatewayV2::Api', { DisableExecuteApiEndpoint: false });
  });

  it('outputs what the admin CLI needs and the DMARC record to publish', () => {
    const outputs = dev.toJSON().Outputs;
    expect(outputs.SigningSecretArn.Value).toEqual({
      Ref: expect.stringMatching(/^SigningSecret/),
    });
    expect(JSON.stringify(outputs.AdminEnvironment.Value)).toMatch(
      /TABLE_NAME=.*SIGNING_SECRET_ARN=/,
    );
    expect(outputs.DmarcRecord.Value).toBe(
      '_dmarc.mend.example.org TXT "v=DMARC1; p=none; rua=mailto:postmaster@mend.example.org"',
    );
  });
});

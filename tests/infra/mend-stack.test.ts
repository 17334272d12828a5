import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { DUE_INDEX, TTL_ATTRIBUTE, tableDefinition } from '../../functions/store/table';
import { synthStack } from './synth-stack';

type FunctionName = 'Api' | 'Dispatcher' | 'SesEvents';

interface Statement {
  Action: string | string[];
  Resource: unknown;
}

const dev = synthStack().template;
const prod = synthStack({ context: { stage: 'prod' } }).template;

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
        LoggingConfig: { LogGroup: { Ref: expect.stringMatching(`^${name}Logs`) } },
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

  it('runs the dispatcher every 5 minutes, one run at a time, for at most 5 minutes', () => {
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
    expect(functions()[functionId('Dispatcher')]?.Properties).toMatchObject({
      ReservedConcurrentExecutions: 1,
      Timeout: 300,
    });
    expect(functions()[functionId('Api')]?.Properties.ReservedConcurrentExecutions).toBeUndefined();
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

  it('lets both functions send only through the sender identity and configuration set', () => {
    for (const name of ['Api', 'Dispatcher'] as const) {
      const ses = statementsOf(name).filter((s) => actionsOf(s).some((a) => a.startsWith('ses:')));
      expect(ses.flatMap(actionsOf)).toEqual(['ses:SendEmail']);
      const resources = JSON.stringify(ses.map((s) => s.Resource));
      expect(resources).toContain(':identity/mend.example.org');
      expect(resources).toContain(':configuration-set/');
      expect(resources).not.toMatch(/"\*"/);
    }
    dev.hasResourceProperties('AWS::SES::EmailIdentity', {
      EmailIdentity: 'mend.example.org',
      ConfigurationSetAttributes: {
        ConfigurationSetName: { Ref: Match.stringLikeRegexp('^SenderConfigurationSet') },
      },
    });
  });

  it('feeds bounces, complaints, deliveries and rejects to the ses-events function, which cannot send', () => {
    dev.hasResourceProperties('AWS::SES::ConfigurationSetEventDestination', {
      EventDestination: {
        Enabled: true,
        MatchingEventTypes: Match.arrayWith(['bounce', 'complaint', 'delivery', 'reject']),
        SnsDestination: { TopicARN: { Ref: Match.stringLikeRegexp('^SesFeedback') } },
      },
    });
    dev.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'lambda',
      TopicArn: { Ref: Match.stringLikeRegexp('^SesFeedback') },
      Endpoint: { 'Fn::GetAtt': [Match.stringLikeRegexp('^SesEventsFunction'), 'Arn'] },
    });
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

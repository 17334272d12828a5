import { CfnOutput, Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import { HttpApi, HttpRoute, HttpRouteKey } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { EmailSendingEvent, EventDestination } from 'aws-cdk-lib/aws-ses';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { LambdaSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { Construct } from 'constructs';
import { DUE_INDEX } from '../functions/store/table';
import type { MendConfig } from './config';
import { MendFunction } from './constructs/mend-function';
import { MendTable } from './constructs/mend-table';
import { Sender } from './constructs/sender';

export interface MendStackProps extends StackProps {
  config: MendConfig;
}

/**
 * Mend in one stack: the table, the signing secret, SES with its feedback topic, the API, the
 * scheduled dispatcher and the SES event handler.
 */
export class MendStack extends Stack {
  constructor(scope: Construct, id: string, props: MendStackProps) {
    super(scope, id, props);
    const { config } = props;
    const prod = config.stage === 'prod';
    const removalPolicy = prod ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;

    const { table } = new MendTable(this, 'Data', { retain: prod });

    // Subscriber ids are HMACs under this secret: losing it orphans every item in the table.
    const signingSecret = new Secret(this, 'SigningSecret', {
      description: 'Mend: signs links and derives subscriber ids',
      generateSecretString: { passwordLength: 48, excludePunctuation: true },
      removalPolicy,
    });

    const sender = new Sender(this, 'Sender', { domain: config.senderDomain });

    const httpApi = new HttpApi(this, 'HttpApi', {
      description: `Mend ${config.stage}`,
      createDefaultStage: false,
    });
    httpApi.addStage('DefaultStage', {
      stageName: '$default',
      autoDeploy: true,
      throttle: { burstLimit: 100, rateLimit: 50 },
    });

    const environment = {
      BASE_URL: config.baseUrl ?? httpApi.apiEndpoint,
      FROM_ADDRESS: config.fromAddress,
      POSTAL_ADDRESS: config.postalAddress,
      SES_CONFIGURATION_SET: sender.configurationSet.configurationSetName,
      SEND_RATE_PER_SECOND: String(config.sendRatePerSecond),
      ...(config.listUnsubscribeMailto && {
        LIST_UNSUBSCRIBE_MAILTO: config.listUnsubscribeMailto,
      }),
      ...(config.defaultCourseId && { DEFAULT_COURSE_ID: config.defaultCourseId }),
    };

    const api = new MendFunction(this, 'Api', {
      entry: 'functions/handlers/api.ts',
      description: 'Mend: sign-up, confirmation, journal and manage pages',
      environment,
      timeout: Duration.seconds(10),
      removalPolicy,
    });
    api.useTable(table);

    // One run at a time: a second concurrent run would only contend for the same claims.
    const dispatcher = new MendFunction(this, 'Dispatcher', {
      entry: 'functions/handlers/dispatcher.ts',
      description: 'Mend: sends the stages that are due',
      environment,
      timeout: Duration.minutes(5),
      reservedConcurrentExecutions: 1,
      removalPolicy,
    });
    dispatcher.useTable(table, { indexes: [DUE_INDEX] });

    for (const fn of [api, dispatcher]) {
      fn.useSigningSecret(signingSecret);
      sender.grantSend(fn.fn);
    }

    // Bounces, complaints, deliveries and rejects: configuration set → SNS → ses-events.
    const sesEvents = new MendFunction(this, 'SesEvents', {
      entry: 'functions/handlers/ses-events.ts',
      description: 'Mend: suppresses addresses that bounce or complain',
      environment,
      timeout: Duration.seconds(30),
      removalPolicy,
    });
    sesEvents.useTable(table);
    sesEvents.useSigningSecret(signingSecret);
    const feedback = new Topic(this, 'SesFeedback', { displayName: 'Mend SES feedback' });
    sender.configurationSet.addEventDestination('Feedback', {
      destination: EventDestination.snsTopic(feedback),
      events: [
        EmailSendingEvent.BOUNCE,
        EmailSendingEvent.COMPLAINT,
        EmailSendingEvent.DELIVERY,
        EmailSendingEvent.REJECT,
      ],
    });
    feedback.addSubscription(new LambdaSubscription(sesEvents.fn));

    // Hono routes every request, the root path included.
    new HttpRoute(this, 'ApiRoute', {
      httpApi,
      routeKey: HttpRouteKey.DEFAULT,
      integration: new HttpLambdaIntegration('ApiIntegration', api.fn),
    });

    new Rule(this, 'DispatchSchedule', {
      description: 'Runs the Mend dispatcher',
      schedule: Schedule.rate(Duration.minutes(config.dispatchIntervalMinutes)),
      // A missed run is covered by the next one; retrying it would only overlap with that.
      targets: [new LambdaFunction(dispatcher.fn, { retryAttempts: 0 })],
    });

    new CfnOutput(this, 'ApiUrl', { value: httpApi.apiEndpoint });
    if (config.baseUrl) new CfnOutput(this, 'BaseUrl', { value: config.baseUrl });
    new CfnOutput(this, 'TableName', { value: table.tableName });
    for (const [n, record] of sender.identity.dkimRecords.entries()) {
      new CfnOutput(this, `DkimRecord${n + 1}`, {
        description: 'Publish as a CNAME to verify the sender domain',
        value: `${record.name} CNAME ${record.value}`,
      });
    }
  }
}

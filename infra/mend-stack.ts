import {
  CfnOutput,
  Duration,
  RemovalPolicy,
  Stack,
  type StackProps,
  Validations,
} from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import {
  ApiMapping,
  DomainName,
  HttpApi,
  HttpRoute,
  HttpRouteKey,
  LogGroupLogDestination,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { Certificate } from 'aws-cdk-lib/aws-certificatemanager';
import { EventBus, Rule, Schedule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { EmailSendingEvent, EventDestination } from 'aws-cdk-lib/aws-ses';
import type { Construct } from 'constructs';
import { DUE_INDEX } from '../functions/store/table';
import { fromMailboxOf, type MendConfig, mailFromDomainOf, publicBaseUrlOf } from './config';
import { MendAlarms } from './constructs/alarms';
import { MendFunction } from './constructs/mend-function';
import { MendTable } from './constructs/mend-table';
import { Sender } from './constructs/sender';

/**
 * One JSON line per request: who asked (the request id), what (route, method), the answer and how
 * long it took. No IP address (docs/security.md: addresses are only ever stored hashed) and no
 * path or query string, which carry tokens.
 */
export const ACCESS_LOG_FIELDS = {
  requestId: '$context.requestId',
  time: '$context.requestTime',
  routeKey: '$context.routeKey',
  method: '$context.httpMethod',
  status: '$context.status',
  latencyMs: '$context.responseLatency',
  integrationLatencyMs: '$context.integrationLatency',
  responseLength: '$context.responseLength',
  integrationError: '$context.integrationErrorMessage',
};

/** The `detail-type`s SES gives the events Mend acts on, when it sends them to EventBridge. */
export const SES_FEEDBACK_DETAIL_TYPES = [
  'Email Bounced',
  'Email Complaint Received',
  'Email Rejected',
] as const;

export interface MendStackProps extends StackProps {
  config: MendConfig;
}

/**
 * Mend in one stack: the table, the signing secret, SES with its feedback rule, the API, the
 * scheduled dispatcher and the SES event handler.
 */
export class MendStack extends Stack {
  constructor(scope: Construct, id: string, props: MendStackProps) {
    super(scope, id, props);
    const { config } = props;
    const prod = config.stage === 'prod';
    const removalPolicy = prod ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;

    const { table } = new MendTable(this, 'Data', {
      retain: prod,
      encryptionKey: config.encryptionKey,
    });

    // Subscriber ids are HMACs under this secret: losing it orphans every item in the table.
    const signingSecret = new Secret(this, 'SigningSecret', {
      description: 'Mend: signs links and derives subscriber ids',
      generateSecretString: { passwordLength: 48, excludePunctuation: true },
      removalPolicy,
    });

    const sender = new Sender(this, 'Sender', {
      domain: config.senderDomain,
      mailFromDomain: mailFromDomainOf(config),
      fromMailbox: fromMailboxOf(config),
      existingIdentity: config.senderIdentity === 'existing',
    });

    const httpApi = new HttpApi(this, 'HttpApi', {
      description: `Mend ${config.stage}`,
      createDefaultStage: false,
      // With a custom domain, the site has one address: the execute-api URL would be a second
      // way in, with links and cookies for another origin.
      disableExecuteApiEndpoint: Boolean(config.apiDomainName),
    });
    const accessLogs = new LogGroup(this, 'ApiAccessLogs', {
      retention: RetentionDays.ONE_MONTH,
      removalPolicy,
    });
    const stage = httpApi.addStage('DefaultStage', {
      stageName: '$default',
      autoDeploy: true,
      throttle: { burstLimit: 100, rateLimit: 50 },
      accessLogSettings: {
        destination: new LogGroupLogDestination(accessLogs),
        format: AccessLogFormat.custom(JSON.stringify(ACCESS_LOG_FIELDS)),
      },
    });

    if (config.apiDomainName && config.certificateArn) {
      const domainName = new DomainName(this, 'ApiDomain', {
        domainName: config.apiDomainName,
        certificate: Certificate.fromCertificateArn(this, 'ApiCertificate', config.certificateArn),
      });
      new ApiMapping(this, 'ApiMapping', { api: httpApi, domainName, stage });
      new CfnOutput(this, 'ApiDomainRecord', {
        description: 'Publish as a CNAME (or an alias A/AAAA record) for the custom domain',
        value: `${config.apiDomainName} CNAME ${domainName.regionalDomainName}`,
      });
    }

    const environment = {
      STAGE: config.stage,
      CUSTOM_METRICS: config.monitoring === 'full' ? 'on' : 'off',
      BASE_URL: publicBaseUrlOf(config) ?? httpApi.apiEndpoint,
      FROM_ADDRESS: config.fromAddress,
      POSTAL_ADDRESS: config.postalAddress,
      SES_CONFIGURATION_SET: sender.configurationSet.configurationSetName,
      SEND_RATE_PER_SECOND: String(config.sendRatePerSecond),
      ...(config.listUnsubscribeMailto && {
        LIST_UNSUBSCRIBE_MAILTO: config.listUnsubscribeMailto,
      }),
      ...(config.defaultCourseId && { DEFAULT_COURSE_ID: config.defaultCourseId }),
      ...(config.practitionerAllowlist?.length && {
        PRACTITIONER_ALLOWLIST: config.practitionerAllowlist.join(','),
      }),
    };

    const api = new MendFunction(this, 'Api', {
      entry: 'functions/handlers/api.ts',
      description: 'Mend: sign-up, confirmation, journal and manage pages',
      environment,
      timeout: Duration.seconds(10),
      removalPolicy,
    });
    api.useTable(table);

    // Overlapping runs are safe (each enrollment is claimed by one run with a conditional write),
    // so nothing is reserved by default. 0 reserves nothing (Lambda would read a reservation of
    // 0 as "never run").
    const dispatcher = new MendFunction(this, 'Dispatcher', {
      entry: 'functions/handlers/dispatcher.ts',
      description: 'Mend: sends the stages that are due',
      environment,
      timeout: Duration.minutes(5),
      reservedConcurrentExecutions: config.dispatcherReservedConcurrency || undefined,
      removalPolicy,
      // A failed run is covered by the next one, so no retry; a run throttled for longer than
      // the interval is stale and goes to the DLQ, whose alarm says the dispatcher falls behind.
      async: {
        retryAttempts: 0,
        maxEventAge: Duration.minutes(config.dispatchIntervalMinutes),
      },
    });
    dispatcher.useTable(table, { indexes: [DUE_INDEX] });

    for (const fn of [api, dispatcher]) {
      fn.useSigningSecret(signingSecret);
      sender.grantSend(fn.fn);
      Validations.of(fn.fn).acknowledge({
        id: 'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:ses:<AWS::Region>:<AWS::AccountId>:identity/*]',
        reason:
          "SES checks ses:SendEmail against every identity a send involves; in the sandbox that includes the verified recipient's address, which the stack cannot name. The statement is held to the one From address by its ses:FromAddress condition and to the stack's configuration set.",
      });
    }

    // Bounces, complaints and rejects: configuration set → EventBridge (the default bus) →
    // ses-events. AWS service events on the default bus cost nothing and are encrypted at rest
    // by AWS; deliveries are not asked for (progress is measured by answers, not by tracking).
    const sesEvents = new MendFunction(this, 'SesEvents', {
      entry: 'functions/handlers/ses-events.ts',
      description: 'Mend: suppresses addresses that bounce or complain',
      environment,
      timeout: Duration.seconds(30),
      removalPolicy,
      // Suppressing an address is idempotent: retry, then keep the event for a replay.
      async: { retryAttempts: 2, maxEventAge: Duration.hours(6) },
    });
    sesEvents.useTable(table);
    sesEvents.useSigningSecret(signingSecret);
    const defaultBus = EventBus.fromEventBusName(this, 'DefaultBus', 'default');
    sender.configurationSet.addEventDestination('Feedback', {
      destination: EventDestination.eventBus(defaultBus),
      events: [EmailSendingEvent.BOUNCE, EmailSendingEvent.COMPLAINT, EmailSendingEvent.REJECT],
    });
    new Rule(this, 'SesFeedback', {
      description: 'Mend: SES bounces, complaints and rejects of this stage to ses-events',
      eventPattern: {
        source: ['aws.ses'],
        detailType: [...SES_FEEDBACK_DETAIL_TYPES],
        detail: {
          mail: {
            tags: { 'ses:configuration-set': [sender.configurationSet.configurationSetName] },
          },
        },
      },
      targets: [
        new LambdaFunction(sesEvents.fn, {
          retryAttempts: 2,
          maxEventAge: Duration.hours(6),
          deadLetterQueue: sesEvents.dlq,
        }),
      ],
    });

    // Hono routes every request, the root path included.
    const route = new HttpRoute(this, 'ApiRoute', {
      httpApi,
      routeKey: HttpRouteKey.DEFAULT,
      integration: new HttpLambdaIntegration('ApiIntegration', api.fn),
    });

    new Rule(this, 'DispatchSchedule', {
      description: 'Runs the Mend dispatcher',
      schedule: Schedule.rate(Duration.minutes(config.dispatchIntervalMinutes)),
      // A missed run is covered by the next one; retrying it would only overlap with that.
      // Events that EventBridge could not deliver to Lambda at all go to the same DLQ.
      targets: [
        new LambdaFunction(dispatcher.fn, { retryAttempts: 0, deadLetterQueue: dispatcher.dlq }),
      ],
    });

    const alarms = new MendAlarms(this, 'Alarms', {
      stage: config.stage,
      level: config.monitoring,
      apiStage: stage,
      dispatchIntervalMinutes: config.dispatchIntervalMinutes,
      functions: { Api: api.fn, Dispatcher: dispatcher.fn, SesEvents: sesEvents.fn },
      deadLetterQueues: {
        Dispatcher: dispatcher.deadLetterQueue(),
        SesEvents: sesEvents.deadLetterQueue(),
      },
      email: config.alarmEmail,
    });

    acknowledgeNagFindings(this, { signingSecret, route });

    if (!config.apiDomainName) new CfnOutput(this, 'ApiUrl', { value: httpApi.apiEndpoint });
    const baseUrl = publicBaseUrlOf(config);
    if (baseUrl) new CfnOutput(this, 'BaseUrl', { value: baseUrl });
    new CfnOutput(this, 'TableName', { value: table.tableName });
    new CfnOutput(this, 'SigningSecretArn', { value: signingSecret.secretArn });
    new CfnOutput(this, 'AdminEnvironment', {
      description: 'Export these in your shell for `npm run admin` against this stack',
      value: `AWS_REGION=${this.region} TABLE_NAME=${table.tableName} SIGNING_SECRET_ARN=${signingSecret.secretArn}`,
    });
    if (sender.identity) {
      for (const [n, record] of sender.identity.dkimRecords.entries()) {
        new CfnOutput(this, `DkimRecord${n + 1}`, {
          description: 'Publish as a CNAME to verify the sender domain',
          value: `${record.name} CNAME ${record.value}`,
        });
      }
      new CfnOutput(this, 'MailFromMxRecord', {
        description: 'Publish so SES can use the custom MAIL FROM domain',
        value: sender.mailFromRecords.mx,
      });
      new CfnOutput(this, 'MailFromSpfRecord', {
        description: 'Publish so SPF passes for the custom MAIL FROM domain',
        value: sender.mailFromRecords.spf,
      });
    }
    new CfnOutput(this, 'DmarcRecord', {
      description:
        'Publish (not created by the stack); tighten to p=quarantine once reports look clean',
      value: `_dmarc.${config.senderDomain} TXT "v=DMARC1; p=none; rua=mailto:postmaster@${config.senderDomain}"`,
    });
    new CfnOutput(this, 'AlarmTopicArn', { value: alarms.topic.topicArn });
  }
}

/** cdk-nag AwsSolutions findings this stack accepts, each with the reason it is accepted. */
function acknowledgeNagFindings(
  stack: Stack,
  parts: { signingSecret: Secret; route: HttpRoute },
): void {
  Validations.of(stack).acknowledge({
    id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
    reason:
      'AWSLambdaBasicExecutionRole only lets a function write its own CloudWatch logs (logs:CreateLogGroup/CreateLogStream/PutLogEvents); rewriting it inline would add nothing.',
  });
  Validations.of(parts.signingSecret).acknowledge({
    id: 'AwsSolutions-SMG4',
    reason:
      'The signing secret is an HMAC key from which subscriber ids are derived and with which every emailed link is signed: rotating it would orphan every stored subscriber and break every link already sent. It never leaves AWS (functions read it at cold start).',
  });
  Validations.of(parts.route).acknowledge({
    id: 'AwsSolutions-APIG4',
    reason:
      'A public website: sign-up is open by design, and every page that touches a subscriber checks an HMAC-signed token from the emailed link inside the function. There is no API caller to authorize with IAM, Cognito or a Lambda authorizer.',
  });
}

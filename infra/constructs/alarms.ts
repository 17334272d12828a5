import { Duration } from 'aws-cdk-lib';
import type { IHttpStage } from 'aws-cdk-lib/aws-apigatewayv2';
import {
  Alarm,
  ComparisonOperator,
  type IMetric,
  MathExpression,
  Metric,
  TreatMissingData,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

/**
 * The dispatcher's custom metric the late-mail alarm reads (functions/dispatcher/run-metrics.ts
 * records it, with these dimensions, when monitoring is `full`).
 */
export const DISPATCH_LAG_METRIC = {
  namespace: 'Mend',
  metricName: 'OldestDueLagSeconds',
  service: 'dispatcher',
} as const;
/** Due mail may wait one interval for its run; this much more means it is late. */
export const DISPATCH_LAG_GRACE_SECONDS = 30 * 60;
/** No finished run in this many intervals: the dispatcher has stopped. */
export const HEARTBEAT_INTERVALS = 3;
/** Below SES's own review levels (bounce 5 %, complaint 0.1 %), as fractions. */
export const BOUNCE_RATE_THRESHOLD = 0.04;
export const COMPLAINT_RATE_THRESHOLD = 0.0008;

/**
 * `essential`: what stops mail or the site, at the least cost (six alarm metrics, no custom
 * metric). `full` adds each function's errors, the dispatcher's dead-letter queue and late mail
 * (five more alarm metrics and the dispatcher's custom metrics). docs/deploy.md has the prices.
 */
export type MonitoringLevel = 'essential' | 'full';

export interface AlarmsProps {
  /** `dev` or `prod`: every custom metric is read for this stage only. */
  stage: string;
  level: MonitoringLevel;
  functions: { Api: IFunction; Dispatcher: IFunction; SesEvents: IFunction };
  deadLetterQueues: { Dispatcher: IQueue; SesEvents: IQueue };
  /** The HTTP API's stage: its 5xx count sees the errors Hono turned into responses. */
  apiStage: IHttpStage;
  dispatchIntervalMinutes: number;
  /** Given, the alarm topic emails this address (the subscription must be confirmed). */
  email?: string;
}

/**
 * Alarms for what an operator must act on, all notifying one SNS topic: failed functions and 5xx
 * answers, new events in a dead-letter queue, late mail, a dispatcher that stopped running, and
 * SES reputation nearing a sending pause.
 */
export class MendAlarms extends Construct {
  readonly topic: Topic;

  constructor(scope: Construct, id: string, props: AlarmsProps) {
    super(scope, id);
    this.topic = new Topic(this, 'Topic', { displayName: 'Mend alarms', enforceSSL: true });
    if (props.email) this.topic.addSubscription(new EmailSubscription(props.email));
    const action = new SnsAction(this.topic);
    const fiveMinutes = Duration.minutes(5);
    const full = props.level === 'full';

    const alarm = (
      name: string,
      description: string,
      metric: IMetric,
      threshold: number,
      options: { comparison?: ComparisonOperator; missing?: TreatMissingData } = {},
    ) => {
      const created = new Alarm(this, name, {
        alarmDescription: `Mend ${props.stage}: ${description}`,
        metric,
        threshold,
        comparisonOperator: options.comparison ?? ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 1,
        treatMissingData: options.missing ?? TreatMissingData.NOT_BREACHING,
      });
      created.addAlarmAction(action);
      created.addOkAction(action);
      return created;
    };

    alarm(
      'Api5xx',
      'the site answered with a server error (5xx); see the api function’s log group',
      props.apiStage.metricServerError({ period: fiveMinutes, statistic: 'Sum' }),
      0,
    );
    // A finished run is an invocation that did not fail: Lambda's own metrics, which cost nothing.
    const heartbeatPeriod = Duration.minutes(props.dispatchIntervalMinutes * HEARTBEAT_INTERVALS);
    const dispatcher = props.functions.Dispatcher;
    alarm(
      'DispatcherHeartbeat',
      `no dispatcher run finished in ${HEARTBEAT_INTERVALS} intervals, or SES refused to send for the account's set-up: no mail is going out`,
      new MathExpression({
        expression: 'FILL(invocations, 0) - FILL(errors, 0)',
        usingMetrics: {
          invocations: dispatcher.metricInvocations({ statistic: 'Sum' }),
          errors: dispatcher.metricErrors({ statistic: 'Sum' }),
        },
        period: heartbeatPeriod,
        label: 'finished dispatcher runs',
      }),
      1,
      { comparison: ComparisonOperator.LESS_THAN_THRESHOLD, missing: TreatMissingData.BREACHING },
    );
    const queueAlarm = (name: string, queue: IQueue) =>
      // Messages arriving, not messages present: a queue kept for 14 days would otherwise keep
      // the alarm on, and hide the next failure.
      alarm(
        `${name}DlqNewMessages`,
        `an event the ${name} function could not handle arrived in its dead-letter queue`,
        queue.metricNumberOfMessagesSent({ period: fiveMinutes, statistic: 'Sum' }),
        0,
      );
    // A lost bounce or complaint means mail to someone who asked for none: always watched.
    queueAlarm('SesEvents', props.deadLetterQueues.SesEvents);

    if (full) {
      for (const [name, fn] of Object.entries(props.functions)) {
        alarm(
          `${name}Errors`,
          `the ${name} function failed (see its log group)`,
          fn.metricErrors({ period: fiveMinutes, statistic: 'Sum' }),
          0,
        );
      }
      queueAlarm('Dispatcher', props.deadLetterQueues.Dispatcher);
      const lagThreshold = props.dispatchIntervalMinutes * 60 + DISPATCH_LAG_GRACE_SECONDS;
      alarm(
        'DispatchLag',
        `the oldest due email is more than ${Math.round(lagThreshold / 60)} minutes late (the interval plus 30 minutes)`,
        new Metric({
          namespace: DISPATCH_LAG_METRIC.namespace,
          metricName: DISPATCH_LAG_METRIC.metricName,
          dimensionsMap: { service: DISPATCH_LAG_METRIC.service, Stage: props.stage },
          statistic: 'Maximum',
          period: fiveMinutes,
        }),
        lagThreshold,
      );
    }
    // Account-level reputation metrics: the ones SES reviews. Published at most hourly-ish.
    alarm(
      'BounceRate',
      'the SES bounce rate is over 4 % (SES reviews the account at 5 %)',
      new Metric({
        namespace: 'AWS/SES',
        metricName: 'Reputation.BounceRate',
        statistic: 'Maximum',
        period: Duration.hours(1),
      }),
      BOUNCE_RATE_THRESHOLD,
    );
    alarm(
      'ComplaintRate',
      'the SES complaint rate is over 0.08 % (SES reviews the account at 0.1 %)',
      new Metric({
        namespace: 'AWS/SES',
        metricName: 'Reputation.ComplaintRate',
        statistic: 'Maximum',
        period: Duration.hours(1),
      }),
      COMPLAINT_RATE_THRESHOLD,
    );
  }
}

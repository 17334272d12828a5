import { Duration } from 'aws-cdk-lib';
import {
  Alarm,
  ComparisonOperator,
  type IMetric,
  Metric,
  TreatMissingData,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

/** The dispatcher's CloudWatch embedded metric: age of the oldest due item it saw, per run. */
export const DISPATCH_LAG_METRIC = { namespace: 'Mend', metricName: 'OldestDueLagSeconds' };
/** Oldest due item older than this (seconds): mail is late. */
export const DISPATCH_LAG_THRESHOLD_SECONDS = 30 * 60;
/** Below SES's own review levels (bounce 5 %, complaint 0.1 %), as fractions. */
export const BOUNCE_RATE_THRESHOLD = 0.04;
export const COMPLAINT_RATE_THRESHOLD = 0.0008;

export interface AlarmsProps {
  functions: Record<string, IFunction>;
  deadLetterQueues: Record<string, IQueue>;
  /** Given, the alarm topic emails this address (the subscription must be confirmed). */
  email?: string;
}

/**
 * Alarms for what an operator must act on, all notifying one SNS topic: function errors,
 * anything in a dead-letter queue, late mail, and SES reputation nearing a sending pause.
 */
export class MendAlarms extends Construct {
  readonly topic: Topic;

  constructor(scope: Construct, id: string, props: AlarmsProps) {
    super(scope, id);
    this.topic = new Topic(this, 'Topic', { displayName: 'Mend alarms', enforceSSL: true });
    if (props.email) this.topic.addSubscription(new EmailSubscription(props.email));
    const action = new SnsAction(this.topic);
    const fiveMinutes = Duration.minutes(5);

    const alarm = (
      name: string,
      description: string,
      metric: IMetric,
      threshold: number,
      comparisonOperator = ComparisonOperator.GREATER_THAN_THRESHOLD,
    ) => {
      const created = new Alarm(this, name, {
        alarmDescription: description,
        metric,
        threshold,
        comparisonOperator,
        evaluationPeriods: 1,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      });
      created.addAlarmAction(action);
      created.addOkAction(action);
      return created;
    };

    for (const [name, fn] of Object.entries(props.functions)) {
      alarm(
        `${name}Errors`,
        `Mend: the ${name} function failed (see its log group)`,
        fn.metricErrors({ period: fiveMinutes, statistic: 'Sum' }),
        0,
      );
    }
    for (const [name, queue] of Object.entries(props.deadLetterQueues)) {
      alarm(
        `${name}DlqDepth`,
        `Mend: events the ${name} function could not handle are waiting in its dead-letter queue`,
        queue.metricApproximateNumberOfMessagesVisible({
          period: fiveMinutes,
          statistic: 'Maximum',
        }),
        0,
      );
    }
    alarm(
      'DispatchLag',
      'Mend: the oldest due email is more than 30 minutes late',
      new Metric({ ...DISPATCH_LAG_METRIC, statistic: 'Maximum', period: fiveMinutes }),
      DISPATCH_LAG_THRESHOLD_SECONDS,
    );
    // Account-level reputation metrics: the ones SES reviews. Published at most hourly-ish.
    alarm(
      'BounceRate',
      'Mend: the SES bounce rate is over 4 % (SES reviews the account at 5 %)',
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
      'Mend: the SES complaint rate is over 0.08 % (SES reviews the account at 0.1 %)',
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

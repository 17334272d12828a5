import type { DispatchSummary } from './run-dispatch';

export const METRIC_NAMESPACE = 'Mend';

/**
 * The run's numbers in CloudWatch's embedded metric format: printed as one log line, they become
 * metrics without any API call (the dispatcher-lag alarm watches `OldestDueLagSeconds`).
 */
export function embeddedMetrics(summary: DispatchSummary, at: Date): string {
  return JSON.stringify({
    _aws: {
      Timestamp: at.getTime(),
      CloudWatchMetrics: [
        {
          Namespace: METRIC_NAMESPACE,
          Dimensions: [[]],
          Metrics: [
            { Name: 'OldestDueLagSeconds', Unit: 'Seconds' },
            { Name: 'DueFound', Unit: 'Count' },
            { Name: 'Sent', Unit: 'Count' },
            { Name: 'Retried', Unit: 'Count' },
            { Name: 'Failed', Unit: 'Count' },
            { Name: 'Misconfigured', Unit: 'Count' },
          ],
        },
      ],
    },
    OldestDueLagSeconds: summary.oldestDueLagSeconds,
    DueFound: summary.dueFound,
    Sent: summary.sent,
    Retried: summary.retried,
    Failed: summary.failed,
    Misconfigured: summary.misconfigured,
  });
}

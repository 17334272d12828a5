import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import type { DispatchSummary } from './run-dispatch';

export const METRIC_NAMESPACE = 'Mend';
export const METRIC_SERVICE = 'dispatcher';

/**
 * The dispatcher's CloudWatch metrics, through Powertools (embedded metric format: one log line,
 * no API call), for one stage: dimensions `service` and `Stage`, so dev and prod never share one.
 */
export function dispatcherMetrics(stage: string): Metrics {
  return new Metrics({
    namespace: METRIC_NAMESPACE,
    serviceName: METRIC_SERVICE,
    defaultDimensions: { Stage: stage },
  });
}

/**
 * One run's numbers. `OldestDueLagSeconds` feeds the late-mail alarm; the counts are there for
 * graphs. Each is a custom metric CloudWatch bills monthly, so they are recorded only when the
 * stack asks for full monitoring (docs/deploy.md has the cost).
 */
export function recordRun(metrics: Metrics, summary: DispatchSummary): void {
  metrics.addMetric('OldestDueLagSeconds', MetricUnit.Seconds, summary.oldestDueLagSeconds);
  metrics.addMetric('DueFound', MetricUnit.Count, summary.dueFound);
  metrics.addMetric('Sent', MetricUnit.Count, summary.sent);
  metrics.addMetric('Retried', MetricUnit.Count, summary.retried);
  metrics.addMetric('Failed', MetricUnit.Count, summary.failed);
  metrics.addMetric('Misconfigured', MetricUnit.Count, summary.misconfigured);
}

/** What in a synthesized template is billed by the month or by use. */
export interface StackInventory {
  /** CloudWatch bills each metric an alarm watches (a metric-math alarm watches several). */
  alarmMetrics: number;
  secrets: number;
  kmsKeys: number;
  functions: { name: string; memoryMb: number }[];
  dispatchIntervalMinutes: number;
  /** Whether the dispatcher records its custom metrics (full monitoring). */
  customMetrics: boolean;
  pointInTimeRecovery: boolean;
}

type Resource = { Type: string; Properties?: Record<string, unknown> };

const ofType = (resources: Record<string, Resource>, type: string) =>
  Object.entries(resources).filter(([, resource]) => resource.Type === type);

function alarmMetricCount(alarm: Resource): number {
  const queries = alarm.Properties?.Metrics as { MetricStat?: unknown }[] | undefined;
  return queries ? queries.filter((query) => query.MetricStat).length : 1;
}

function intervalMinutes(expression: string): number {
  const match = /^rate\((\d+) (minute|minutes|hour|hours)\)$/.exec(expression);
  if (!match) throw new Error(`unexpected schedule expression ${expression}`);
  return Number(match[1]) * (match[2]?.startsWith('hour') ? 60 : 1);
}

/** Reads the billable parts of a synthesized Mend template. */
export function inventoryOf(template: { Resources: Record<string, Resource> }): StackInventory {
  const resources = template.Resources;
  const functions = ofType(resources, 'AWS::Lambda::Function').map(([id, fn]) => ({
    name: id.replace(/Function[0-9A-F]+$/, ''),
    memoryMb: Number(fn.Properties?.MemorySize ?? 128),
    environment: (fn.Properties?.Environment as { Variables?: Record<string, unknown> })?.Variables,
  }));
  const schedule = ofType(resources, 'AWS::Events::Rule')
    .map(([, rule]) => rule.Properties?.ScheduleExpression)
    .find((expression): expression is string => typeof expression === 'string');
  if (!schedule) throw new Error('the template has no dispatcher schedule');
  return {
    alarmMetrics: ofType(resources, 'AWS::CloudWatch::Alarm').reduce(
      (sum, [, alarm]) => sum + alarmMetricCount(alarm),
      0,
    ),
    secrets: ofType(resources, 'AWS::SecretsManager::Secret').length,
    kmsKeys: ofType(resources, 'AWS::KMS::Key').length,
    functions: functions.map(({ name, memoryMb }) => ({ name, memoryMb })),
    dispatchIntervalMinutes: intervalMinutes(schedule),
    customMetrics: functions.some((fn) => fn.environment?.CUSTOM_METRICS === 'on'),
    pointInTimeRecovery: ofType(resources, 'AWS::DynamoDB::Table').some(
      ([, table]) =>
        (
          table.Properties?.PointInTimeRecoverySpecification as {
            PointInTimeRecoveryEnabled?: boolean;
          }
        )?.PointInTimeRecoveryEnabled === true,
    ),
  };
}

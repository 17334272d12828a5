import type { Prices } from './prices';
import type { StackInventory } from './stack-inventory';

export interface Usage {
  /** People receiving the course at any time in the month. */
  subscribers: number;
  cadenceDays: number;
  /** Stages in the course: with the cadence, how often the list turns over. */
  stagesPerCourse: number;
}

/** From `npm run bench` (docs/benchmarks.json): what one stage email costs the dispatcher. */
export interface Measured {
  measuredOn: string;
  readUnitsPerEmail: number;
  writeUnitsPerEmail: number;
  dispatcherGbSecondsPerEmail: number;
}

/**
 * What is not measured, stated so it can be argued with. Each is generous for a small list.
 */
export const ASSUMPTIONS = {
  daysPerMonth: 30.4,
  /** A question page opened and an answer saved for each stage email. */
  pageRequestsPerEmail: 2,
  /** Sign-up page, the form post, and the confirmation page and its button. */
  pageRequestsPerNewPerson: 4,
  /** An api invocation, with DynamoDB's latency in AWS. */
  apiSecondsPerRequest: 0.06,
  apiReadUnitsPerRequest: 2,
  apiWriteUnitsPerRequest: 1,
  /** A dispatcher run with nothing due: 16 shard queries and the Lambda around them. */
  idleRunSeconds: 0.2,
  idleRunReadUnits: 16 * 0.5,
  /** A cold start reads the signing secret; say one per function every 15 minutes. */
  coldStartsPerFunctionPerHour: 4,
  /** Log bytes: one access-log and one application line per request, one line per run. */
  logBytesPerRequest: 700,
  logBytesPerRun: 500,
  logBytesPerEmail: 200,
  /** A person's profile, enrollment, answers and send log. */
  storedBytesPerSubscriber: 15_000,
  /** The dispatcher's run counts recorded as custom metrics with full monitoring. */
  customMetricsWhenFull: 6,
} as const;

export interface CostLine {
  service: string;
  item: string;
  monthly: number;
}

const GB = 1024 ** 3;

/** The month's bill, line by line, for a stack (`inventory`) and a list (`usage`). */
export function estimateMonthlyCost(
  inventory: StackInventory,
  usage: Usage,
  measured: Measured,
  prices: Prices,
  assume = ASSUMPTIONS,
): { lines: CostLine[]; total: number } {
  const month = assume.daysPerMonth;
  const stageEmails = (usage.subscribers * month) / usage.cadenceDays;
  const newPeople = (usage.subscribers * month) / (usage.cadenceDays * usage.stagesPerCourse);
  const emails = stageEmails + newPeople;
  const requests =
    stageEmails * assume.pageRequestsPerEmail + newPeople * assume.pageRequestsPerNewPerson;
  const runs = (month * 24 * 60) / inventory.dispatchIntervalMinutes;
  const memoryGb = (name: string) =>
    (inventory.functions.find((fn) => fn.name === name)?.memoryMb ?? 512) / 1024;

  const readUnits =
    emails * measured.readUnitsPerEmail +
    requests * assume.apiReadUnitsPerRequest +
    runs * assume.idleRunReadUnits;
  const writeUnits =
    emails * measured.writeUnitsPerEmail + requests * assume.apiWriteUnitsPerRequest;
  const storedGb = (usage.subscribers * assume.storedBytesPerSubscriber) / GB;
  const gbSeconds =
    emails * measured.dispatcherGbSecondsPerEmail +
    runs * assume.idleRunSeconds * memoryGb('Dispatcher') +
    requests * assume.apiSecondsPerRequest * memoryGb('Api');
  const invocations = runs + requests + newPeople * 0.05;
  const coldStarts = inventory.functions.length * assume.coldStartsPerFunctionPerHour * 24 * month;
  const logGb =
    (requests * assume.logBytesPerRequest +
      runs * assume.logBytesPerRun +
      emails * assume.logBytesPerEmail) /
    GB;
  const customMetrics = inventory.customMetrics ? assume.customMetricsWhenFull : 0;

  const lines: CostLine[] = [
    {
      service: 'SES',
      item: `${Math.round(emails).toLocaleString('en')} emails (${Math.round(stageEmails).toLocaleString('en')} stages, ${Math.round(newPeople).toLocaleString('en')} confirmations)`,
      monthly: emails * prices.sesPerEmail,
    },
    {
      service: 'DynamoDB',
      item: `${Math.round(readUnits).toLocaleString('en')} read and ${Math.round(writeUnits).toLocaleString('en')} write units, ${(storedGb * 1024).toFixed(0)} MB stored${inventory.pointInTimeRecovery ? ' with point-in-time recovery' : ''}`,
      monthly:
        readUnits * prices.dynamoReadUnit +
        writeUnits * prices.dynamoWriteUnit +
        storedGb * prices.dynamoStorageGbMonth +
        (inventory.pointInTimeRecovery ? storedGb * prices.dynamoPitrGbMonth : 0),
    },
    {
      service: 'Lambda',
      item: `${Math.round(invocations).toLocaleString('en')} invocations, ${Math.round(gbSeconds).toLocaleString('en')} GB-s on arm64 (dispatcher every ${inventory.dispatchIntervalMinutes} min)`,
      monthly: gbSeconds * prices.lambdaArmGbSecond + invocations * prices.lambdaRequest,
    },
    {
      service: 'HTTP API',
      item: `${Math.round(requests).toLocaleString('en')} requests`,
      monthly: requests * prices.httpApiRequest,
    },
    {
      service: 'CloudWatch',
      item: `${inventory.alarmMetrics} alarm metrics, ${customMetrics} custom metrics, ${(logGb * 1024).toFixed(0)} MB of logs`,
      monthly:
        inventory.alarmMetrics * prices.alarmMetricMonth +
        customMetrics * prices.customMetricMonth +
        logGb * (prices.logsIngestGb + prices.logsStoreGbMonth),
    },
    {
      service: 'Secrets Manager',
      item: `${inventory.secrets} secret, ${Math.round(coldStarts).toLocaleString('en')} reads`,
      monthly: inventory.secrets * prices.secretMonth + coldStarts * prices.secretsManagerCall,
    },
    {
      service: 'KMS',
      item: `${inventory.kmsKeys} customer-managed keys`,
      monthly: inventory.kmsKeys * prices.kmsKeyMonth,
    },
    {
      service: 'EventBridge, SNS, SQS',
      item: 'the schedule and SES events on the default bus are free; alarm emails and dead letters are rare',
      monthly: 0,
    },
  ];
  return { lines, total: lines.reduce((sum, line) => sum + line.monthly, 0) };
}

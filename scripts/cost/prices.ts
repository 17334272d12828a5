/**
 * AWS list prices for US East (N. Virginia), from AWS's public pricing pages, without free tiers.
 * They change rarely; check them (and your region's) before relying on a total.
 */
export const PRICES = {
  asOf: '2025-06-01',
  region: 'us-east-1',
  sesPerEmail: 0.1 / 1000,
  dynamoReadUnit: 0.125 / 1e6,
  dynamoWriteUnit: 0.625 / 1e6,
  dynamoStorageGbMonth: 0.25,
  dynamoPitrGbMonth: 0.2,
  lambdaArmGbSecond: 0.0000133334,
  lambdaRequest: 0.2 / 1e6,
  httpApiRequest: 1.0 / 1e6,
  secretMonth: 0.4,
  secretsManagerCall: 0.05 / 10_000,
  kmsKeyMonth: 1.0,
  alarmMetricMonth: 0.1,
  customMetricMonth: 0.3,
  logsIngestGb: 0.5,
  logsStoreGbMonth: 0.03,
} as const;

export type Prices = typeof PRICES;

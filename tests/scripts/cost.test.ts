import { execFile } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { estimateMonthlyCost } from '../../scripts/cost/estimate';
import { PRICES } from '../../scripts/cost/prices';
import { inventoryOf } from '../../scripts/cost/stack-inventory';
import { synthStack } from '../infra/synth-stack';

const ROOT = path.resolve(import.meta.dirname, '../..');
const measured = {
  measuredOn: '2026-11-29',
  readUnitsPerEmail: 1,
  writeUnitsPerEmail: 4,
  dispatcherGbSecondsPerEmail: 0.004,
};
const list = { subscribers: 1000, cadenceDays: 3, stagesPerCourse: 11 };
const template = (context: Record<string, unknown> = {}) =>
  synthStack({ context }).template.toJSON() as Parameters<typeof inventoryOf>[0];

describe('the cost estimate', () => {
  it('reads what is billed from the synthesized template', () => {
    expect(inventoryOf(template())).toMatchObject({
      alarmMetrics: 6,
      secrets: 1,
      kmsKeys: 0,
      customMetrics: false,
      dispatchIntervalMinutes: 5,
      pointInTimeRecovery: true,
    });
    expect(
      inventoryOf(template({ monitoring: 'full', encryptionKey: 'customer-managed' })),
    ).toMatchObject({ alarmMetrics: 11, kmsKeys: 1, customMetrics: true });
    expect(inventoryOf(template({ dispatchIntervalMinutes: 120 })).dispatchIntervalMinutes).toBe(
      120,
    );
  });

  it('keeps the default stack at or under $2.50 a month for 1,000 people on a 3-day pace', () => {
    const { lines, total } = estimateMonthlyCost(inventoryOf(template()), list, measured, PRICES);
    expect(total).toBeLessThanOrEqual(2.5);
    const ses = lines.find((line) => line.service === 'SES');
    // About 10,100 stage emails and ~920 confirmations, at $0.10 per 1,000.
    expect(ses?.monthly).toBeCloseTo(((1000 * 30.4) / 3 + (1000 * 30.4) / 33) * 0.0001, 6);
    expect(lines.map((line) => line.service)).toEqual([
      'SES',
      'DynamoDB',
      'Lambda',
      'HTTP API',
      'CloudWatch',
      'Secrets Manager',
      'KMS',
      'EventBridge, SNS, SQS',
    ]);
  });

  it('prices full monitoring and a customer-managed key as the extras they are', () => {
    const essential = estimateMonthlyCost(inventoryOf(template()), list, measured, PRICES).total;
    const full = estimateMonthlyCost(
      inventoryOf(template({ monitoring: 'full', encryptionKey: 'customer-managed' })),
      list,
      measured,
      PRICES,
    ).total;
    // Five more alarm metrics, six custom metrics and one key.
    expect(full - essential).toBeCloseTo(5 * 0.1 + 6 * 0.3 + 1, 2);
  });

  it('npm run cost prints the bill line by line with its total', { timeout: 60_000 }, async () => {
    const stdout = await new Promise<string>((resolve, reject) =>
      execFile(
        'npx',
        ['tsx', 'scripts/cost.ts', '--subscribers', '1000'],
        { cwd: ROOT },
        (error, out) => (error ? reject(error) : resolve(out)),
      ),
    );
    expect(stdout).toMatch(/1,000 active subscribers, a stage every 3 days, essential monitoring/);
    expect(stdout).toMatch(/SES\s+\$\s+1\.\d\d/);
    expect(stdout).toMatch(/total\s+\$\s+[12]\.\d\d {2}a month/);
  });
});

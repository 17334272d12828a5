import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLAIM_LEASE_MS } from '../../functions/dispatcher/deliver-stage';
import { runDispatch } from '../../functions/dispatcher/run-dispatch';
import { subscriberIdFor } from '../../functions/domain/email-address';
import type { Mailer } from '../../functions/mail/mailer';
import { keys } from '../../functions/store/table';
import { type Harness, startHarness } from '../support/harness';
import { seedActiveSubscriber } from '../support/seed';

/**
 * Each send "takes" four minutes of the offset clock, so a run's later claims are taken long
 * after it started, as in a slow run near its timeout.
 */
const SEND_TAKES_MINUTES = 4;
let h: Harness;
/** For each send: how much of its claim's lease was left when SES was called. */
const leaseLeftMs: number[] = [];

async function claimUntil(address: string): Promise<string | undefined> {
  const { Item } = await h.ctx.store.table.db.send(
    new GetCommand({
      TableName: h.ctx.store.table.tableName,
      Key: {
        PK: keys.subscriber(subscriberIdFor(address, h.ctx.secret)),
        SK: keys.enrollment(h.ctx.defaultCourseId),
      },
      ConsistentRead: true,
    }),
  );
  return Item?.claimUntil as string | undefined;
}

const slowSends = (inner: Mailer): Mailer => ({
  async send(email) {
    const lease = await claimUntil(email.to);
    leaseLeftMs.push(new Date(lease ?? 0).getTime() - h.clock.now().getTime());
    const result = await inner.send(email);
    h.clock.advance(SEND_TAKES_MINUTES / 60);
    return result;
  },
});

beforeAll(async () => {
  h = await startHarness({ wrapMailer: slowSends });
});
afterAll(async () => {
  await h.stop();
});

describe('a claim and the run’s time budget', () => {
  it('leases each claim from its own moment, and takes no claim once the budget is spent', async () => {
    const addresses = Array.from({ length: 5 }, (_, n) => `lease.${n}@example.com`);
    for (const address of addresses) await seedActiveSubscriber(h.ctx, address);

    const summary = await runDispatch(h.ctx, { concurrency: 1, timeBudgetMs: 10 * 60_000 });

    // Claims at 0, 4 and 8 minutes; at 12 the 10-minute budget is spent.
    expect(summary.sent).toBe(3);
    expect(summary.stoppedEarly).toBe('time-budget');
    expect(leaseLeftMs).toHaveLength(3);
    for (const left of leaseLeftMs) {
      expect(left).toBeGreaterThan(CLAIM_LEASE_MS - 30_000);
      expect(left).toBeLessThanOrEqual(CLAIM_LEASE_MS);
    }
    const unsent = [];
    for (const address of addresses) {
      if ((await h.mailTo(address)).length > 0) continue;
      unsent.push(address);
      expect(await claimUntil(address), address).toBeUndefined();
    }
    expect(unsent).toHaveLength(2);

    const next = await runDispatch(h.ctx, { concurrency: 1, timeBudgetMs: 10 * 60_000 });
    expect(next.sent).toBe(2);
    for (const address of addresses) expect(await h.mailTo(address), address).toHaveLength(1);
  });
});

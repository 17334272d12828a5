import { BatchWriteCommand, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Item, keys } from '../../functions/store/table';
import { type Harness, startHarness } from '../support/harness';
import { seedActiveSubscriber } from '../support/seed';

/**
 * A Query page holds at most 1 MB. Reads that decide what happens to a person (every enrollment
 * an unsubscribe must stop, every send an export must list) follow the pages to the end. The
 * partitions here are filled with copies of an item the repo itself wrote, thousands of them,
 * until one page no longer holds them all.
 */
let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.stop();
});

async function rawItem(subscriberId: string, sk: string): Promise<Item> {
  const { Item } = await h.ctx.store.table.db.send(
    new GetCommand({
      TableName: h.ctx.store.table.tableName,
      Key: { PK: keys.subscriber(subscriberId), SK: sk },
    }),
  );
  if (!Item) throw new Error(`no ${sk}`);
  return Item;
}

async function writeCopies(items: Item[]) {
  const batches: Item[][] = [];
  for (let i = 0; i < items.length; i += 25) batches.push(items.slice(i, i + 25));
  for (let i = 0; i < batches.length; i += 10) {
    await Promise.all(
      batches.slice(i, i + 10).map((batch) =>
        h.ctx.store.table.db.send(
          new BatchWriteCommand({
            RequestItems: {
              [h.ctx.store.table.tableName]: batch.map((Item) => ({ PutRequest: { Item } })),
            },
          }),
        ),
      ),
    );
  }
}

/** Whether one Query of the prefix leaves items for a second page. */
async function needsTwoPages(subscriberId: string, prefix: string): Promise<boolean> {
  const { LastEvaluatedKey } = await h.ctx.store.table.db.send(
    new QueryCommand({
      TableName: h.ctx.store.table.tableName,
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
      ExpressionAttributeValues: { ':pk': keys.subscriber(subscriberId), ':prefix': prefix },
    }),
  );
  return LastEvaluatedKey !== undefined;
}

const COPIES = 6000;
const copyId = (n: number) => `copy-${String(n).padStart(5, '0')}`;

describe('reads of a whole partition past the first 1 MB page', () => {
  it('list every enrollment of a person', async () => {
    const key = await seedActiveSubscriber(h.ctx, 'many.enrollments@example.com');
    const {
      dueShard: _shard,
      dueAt: _due,
      ...paused
    } = await rawItem(key.subscriberId, keys.enrollment(key.enrollmentId));
    // The copies sort before the real one, which so lands on a later page.
    await writeCopies(
      Array.from({ length: COPIES }, (_, n) => ({
        ...paused,
        SK: keys.enrollment(copyId(n)),
        status: 'paused',
      })),
    );
    expect(await needsTwoPages(key.subscriberId, keys.enrollmentPrefix())).toBe(true);

    const enrollments = await h.ctx.store.enrollments.listForSubscriber(key.subscriberId);
    expect(enrollments).toHaveLength(COPIES + 1);
    expect(enrollments.map((e) => e.enrollmentId)).toContain(key.enrollmentId);
  });

  it('list every send to a person', async () => {
    const key = await seedActiveSubscriber(h.ctx, 'many.sends@example.com');
    await h.ctx.store.sends.record(key.subscriberId, {
      enrollmentId: key.enrollmentId,
      stageIndex: 0,
      stageId: 'welcome',
      sentAt: h.clock.now().toISOString(),
      messageId: '0100018f3a6b7c2d-5e1f2a3b-4c5d-6e7f-8091-a2b3c4d5e6f7-000000',
    });
    const sent = await rawItem(key.subscriberId, keys.send(key.enrollmentId, 0));
    await writeCopies(
      Array.from({ length: COPIES }, (_, n) => ({
        ...sent,
        SK: keys.send(copyId(n), 0),
        enrollmentId: copyId(n),
      })),
    );
    expect(await needsTwoPages(key.subscriberId, keys.sendPrefix())).toBe(true);

    const sends = await h.ctx.store.sends.listForSubscriber(key.subscriberId);
    expect(sends).toHaveLength(COPIES + 1);
    expect(sends.map((s) => s.enrollmentId)).toContain(key.enrollmentId);
  });
});

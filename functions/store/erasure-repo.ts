import { BatchWriteCommand, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { keys, queryAll, type TableRef } from './table';

type ItemKey = { PK: string; SK: string };

const BATCH = 25;

/**
 * Erasing a person: everything in their partition goes, except a suppression marker keyed only
 * by their id (itself a keyed hash of the address), so nothing is ever sent to them by mistake.
 */
export class ErasureRepo {
  constructor(private readonly table: TableRef) {}

  async markSuppressed(subscriberId: string, now: Date): Promise<void> {
    await this.table.db.send(
      new PutCommand({
        TableName: this.table.tableName,
        Item: {
          PK: keys.subscriber(subscriberId),
          SK: keys.suppressed(),
          type: 'suppression',
          reason: 'deleted',
          deletedAt: now.toISOString(),
        },
      }),
    );
  }

  async isSuppressed(subscriberId: string): Promise<boolean> {
    const { Item } = await this.table.db.send(
      new GetCommand({
        TableName: this.table.tableName,
        Key: { PK: keys.subscriber(subscriberId), SK: keys.suppressed() },
        ConsistentRead: true,
      }),
    );
    return Item !== undefined;
  }

  /** Deletes every item of the person but the suppression marker, the profile last. */
  async eraseAll(subscriberId: string): Promise<number> {
    const found = (await queryAll(this.table, {
      KeyConditionExpression: 'PK = :pk',
      ExpressionAttributeValues: { ':pk': keys.subscriber(subscriberId) },
      ProjectionExpression: 'PK, SK',
      ConsistentRead: true,
    })) as ItemKey[];
    const doomed = found.filter((key) => key.SK !== keys.suppressed());
    // The profile goes last: until then the person's links still work, so a retry can finish.
    const ordered = [
      ...doomed.filter((key) => key.SK !== keys.profile()),
      ...doomed.filter((key) => key.SK === keys.profile()),
    ];
    for (let i = 0; i < ordered.length; i += BATCH) {
      let pending = ordered.slice(i, i + BATCH).map((Key) => ({ DeleteRequest: { Key } }));
      while (pending.length > 0) {
        const { UnprocessedItems } = await this.table.db.send(
          new BatchWriteCommand({
            RequestItems: { [this.table.tableName]: pending },
          }),
        );
        pending = (UnprocessedItems?.[this.table.tableName] ?? []) as typeof pending;
      }
    }
    return ordered.length;
  }
}

import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { isConditionFailure, keys, type TableRef } from './table';

/**
 * Limits emails that anyone can trigger by typing an address (confirmations, "already
 * subscribed" notes) to one per address per interval, so the sign-up form cannot be used to
 * flood somebody's inbox.
 */
export class MailGuardRepo {
  constructor(private readonly table: TableRef) {}

  /** True, and the slot taken, when nothing was sent to this subscriber since `now - intervalMs`. */
  async tryTake(subscriberId: string, now: Date, intervalMs: number): Promise<boolean> {
    try {
      await this.table.doc.send(
        new UpdateCommand({
          TableName: this.table.tableName,
          Key: { PK: keys.subscriber(subscriberId), SK: keys.mailGuard() },
          UpdateExpression: 'SET lastSentAt = :now',
          ConditionExpression: 'attribute_not_exists(lastSentAt) OR lastSentAt <= :since',
          ExpressionAttributeValues: {
            ':now': now.toISOString(),
            ':since': new Date(now.getTime() - intervalMs).toISOString(),
          },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }
}

import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { isConditionFailure, keys, type TableRef } from './table';

/**
 * Limits emails that anyone can trigger by typing an address (confirmations, "already
 * subscribed" notes) to one per address per interval, so the sign-up form cannot be used to
 * flood somebody's inbox.
 */
export class MailGuardRepo {
  constructor(private readonly table: TableRef) {}

  /** True, and the slot taken, when nothing was sent to this person since `now - intervalMs`. */
  async tryTake(
    to: { subscriberId: string } | { practiceId: string },
    now: Date,
    intervalMs: number,
  ): Promise<boolean> {
    const partition =
      'subscriberId' in to ? keys.subscriber(to.subscriberId) : keys.practice(to.practiceId);
    try {
      await this.table.db.send(
        new UpdateCommand({
          TableName: this.table.tableName,
          Key: { PK: partition, SK: keys.mailGuard() },
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

import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { isConditionFailure, keys, type TableRef, TTL_ATTRIBUTE } from './table';

/**
 * One counter item per wall-clock second, shared by every process of a deployment, so that the
 * SES send rate holds across concurrent dispatcher runs and the API's own emails.
 */
export class SendRateRepo {
  constructor(private readonly table: TableRef) {}

  /** Takes one of `limit` slots in `epochSecond`; false when that second is full. */
  async tryTake(epochSecond: number, limit: number): Promise<boolean> {
    try {
      await this.table.doc.send(
        new UpdateCommand({
          TableName: this.table.tableName,
          Key: { PK: keys.sendRate(epochSecond), SK: keys.sendRate(epochSecond) },
          UpdateExpression: 'SET taken = if_not_exists(taken, :zero) + :one, #ttl = :ttl',
          ConditionExpression: 'attribute_not_exists(taken) OR taken < :limit',
          ExpressionAttributeNames: { '#ttl': TTL_ATTRIBUTE },
          ExpressionAttributeValues: {
            ':zero': 0,
            ':one': 1,
            ':limit': limit,
            ':ttl': epochSecond + 3600,
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

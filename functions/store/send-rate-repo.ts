import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { isConditionFailure, keys, type TableRef, TTL_ATTRIBUTE } from './table';

/**
 * Send slots shared by every process of a deployment: each second holds as many slots as the
 * configured rate, and a slot is taken by one conditional write. So the SES send rate holds
 * across concurrent dispatcher runs and the API's own emails.
 */
export class SendRateRepo {
  constructor(private readonly table: TableRef) {}

  /** Takes slot `slot` of second `epochSecond`; false when somebody already has it. */
  async tryTake(epochSecond: number, slot: number): Promise<boolean> {
    try {
      await this.table.db.send(
        new PutCommand({
          TableName: this.table.tableName,
          Item: {
            PK: keys.sendSlot(epochSecond, slot),
            SK: keys.sendSlot(epochSecond, slot),
            [TTL_ATTRIBUTE]: epochSecond + 3600,
          },
          ConditionExpression: 'attribute_not_exists(PK)',
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }
}

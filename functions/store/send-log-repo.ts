import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod/mini';
import { keys, type TableRef } from './table';

const sendItem = z.object({
  enrollmentId: z.string(),
  stageIndex: z.int(),
  stageId: z.string(),
  sentAt: z.iso.datetime(),
  messageId: z.string(),
});

export type SendRecord = z.infer<typeof sendItem>;

/** One item per stage sent: the person's record of what reached them, and when. */
export class SendLogRepo {
  constructor(private readonly table: TableRef) {}

  async record(subscriberId: string, send: SendRecord): Promise<void> {
    await this.table.db.send(
      new PutCommand({
        TableName: this.table.tableName,
        Item: {
          PK: keys.subscriber(subscriberId),
          SK: keys.send(send.enrollmentId, send.stageIndex),
          type: 'send',
          ...send,
        },
      }),
    );
  }

  async listForSubscriber(subscriberId: string): Promise<SendRecord[]> {
    const { Items = [] } = await this.table.db.send(
      new QueryCommand({
        TableName: this.table.tableName,
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
        ExpressionAttributeValues: {
          ':pk': keys.subscriber(subscriberId),
          ':prefix': keys.sendPrefix(),
        },
      }),
    );
    return Items.map((item) => sendItem.parse(item));
  }
}

import { PutCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod/mini';
import type { SendRecord } from '../domain/send-record';
import { keys, queryAll, type TableRef } from './table';

const sendItem = z.object({
  enrollmentId: z.string(),
  stageIndex: z.int(),
  stageId: z.string(),
  sentAt: z.iso.datetime(),
  messageId: z.string(),
});

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

  /** Every send to the person, all pages. */
  async listForSubscriber(subscriberId: string): Promise<SendRecord[]> {
    const items = await queryAll(this.table, {
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
      ExpressionAttributeValues: {
        ':pk': keys.subscriber(subscriberId),
        ':prefix': keys.sendPrefix(),
      },
    });
    return items.map((item) => sendItem.parse(item));
  }
}

import { DeleteCommand, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod/mini';
import type { Client } from '../domain/client';
import { isConditionFailure, keys, queryAll, type TableRef } from './table';

const clientItem = z.object({
  practiceId: z.string(),
  subscriberId: z.string(),
  email: z.optional(z.string()),
  name: z.optional(z.string()),
  courseId: z.string(),
  enrollmentId: z.string(),
  cadenceDays: z.int(),
  paceByAnswers: z.boolean(),
  startDate: z.iso.date(),
  invitedAt: z.iso.datetime(),
  pairId: z.optional(z.string()),
  deletedAt: z.optional(z.iso.datetime()),
});

/**
 * A practice's record of a client it enrolled, in the practice's partition: every lookup is
 * scoped by practice, so another practice's client id simply is not there.
 */
export class ClientRepo {
  constructor(private readonly table: TableRef) {}

  private key(practiceId: string, subscriberId: string) {
    return { PK: keys.practice(practiceId), SK: keys.client(subscriberId) };
  }

  /** Adds the client; false when this practice already has them (a re-upload adds no one). */
  async create(client: Omit<Client, 'deletedAt'>): Promise<boolean> {
    try {
      await this.table.db.send(
        new PutCommand({
          TableName: this.table.tableName,
          Item: { ...this.key(client.practiceId, client.subscriberId), type: 'client', ...client },
          ConditionExpression: 'attribute_not_exists(PK)',
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  /**
   * Takes back a client just recorded as one of `pairId`, when the other of the pair could not
   * be: only that record, and only while nothing else refers to it (no invitation was queued).
   */
  async withdrawFromPair(practiceId: string, subscriberId: string, pairId: string): Promise<void> {
    try {
      await this.table.db.send(
        new DeleteCommand({
          TableName: this.table.tableName,
          Key: this.key(practiceId, subscriberId),
          ConditionExpression: 'pairId = :pair',
          ExpressionAttributeValues: { ':pair': pairId },
        }),
      );
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
  }

  async get(practiceId: string, subscriberId: string): Promise<Client | undefined> {
    const { Item } = await this.table.db.send(
      new GetCommand({
        TableName: this.table.tableName,
        Key: this.key(practiceId, subscriberId),
        ConsistentRead: true,
      }),
    );
    return Item ? clientItem.parse(Item) : undefined;
  }

  async list(practiceId: string): Promise<Client[]> {
    const items = await queryAll(this.table, {
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
      ExpressionAttributeValues: {
        ':pk': keys.practice(practiceId),
        ':prefix': keys.clientPrefix(),
      },
    });
    return items.map((item) => clientItem.parse(item));
  }

  async updatePace(practiceId: string, subscriberId: string, cadenceDays: number): Promise<void> {
    await this.table.db.send(
      new UpdateCommand({
        TableName: this.table.tableName,
        Key: this.key(practiceId, subscriberId),
        UpdateExpression: 'SET cadenceDays = :cadence',
        ConditionExpression: 'attribute_exists(PK)',
        ExpressionAttributeValues: { ':cadence': cadenceDays },
      }),
    );
  }

  /** The client deleted their data: keep the row, lose everything that identifies them. */
  async forget(practiceId: string, subscriberId: string, now: Date): Promise<void> {
    try {
      await this.table.db.send(
        new UpdateCommand({
          TableName: this.table.tableName,
          Key: this.key(practiceId, subscriberId),
          UpdateExpression: 'SET deletedAt = :now REMOVE email, #name',
          ConditionExpression: 'attribute_exists(PK)',
          ExpressionAttributeNames: { '#name': 'name' },
          ExpressionAttributeValues: { ':now': now.toISOString() },
        }),
      );
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
  }
}

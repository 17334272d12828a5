import { DeleteCommand, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod/mini';
import type { Practice } from '../domain/practice';
import { isConditionFailure, keys, queryAll, type TableRef, TTL_ATTRIBUTE } from './table';

const practiceItem = z.object({
  practiceId: z.string(),
  email: z.string(),
  name: z.optional(z.string()),
  createdAt: z.iso.datetime(),
});

/**
 * Practitioners, their one-use login links and their sessions. A practice's items share its
 * partition, `PRAC#<id>`; a directory item per practice lets the admin CLI list them without a
 * scan.
 */
export class PracticeRepo {
  constructor(private readonly table: TableRef) {}

  async get(practiceId: string): Promise<Practice | undefined> {
    const { Item } = await this.table.db.send(
      new GetCommand({
        TableName: this.table.tableName,
        Key: { PK: keys.practice(practiceId), SK: keys.profile() },
        ConsistentRead: true,
      }),
    );
    return Item ? practiceItem.parse(Item) : undefined;
  }

  /** Creates the practice if it is new; an existing one keeps its name and creation date. */
  async ensure(practice: Practice): Promise<Practice> {
    const { Attributes } = await this.table.db.send(
      new UpdateCommand({
        TableName: this.table.tableName,
        Key: { PK: keys.practice(practice.practiceId), SK: keys.profile() },
        UpdateExpression: `SET #type = :type, practiceId = :id, email = :email,
          createdAt = if_not_exists(createdAt, :now)${practice.name ? ', #name = if_not_exists(#name, :name)' : ''}`,
        ExpressionAttributeNames: {
          '#type': 'type',
          ...(practice.name ? { '#name': 'name' } : {}),
        },
        ExpressionAttributeValues: {
          ':type': 'practice',
          ':id': practice.practiceId,
          ':email': practice.email,
          ':now': practice.createdAt,
          ...(practice.name ? { ':name': practice.name } : {}),
        },
        ReturnValues: 'ALL_NEW',
      }),
    );
    await this.table.db.send(
      new PutCommand({
        TableName: this.table.tableName,
        Item: {
          PK: keys.practiceDirectory(),
          SK: keys.practice(practice.practiceId),
          practiceId: practice.practiceId,
        },
      }),
    );
    return practiceItem.parse(Attributes);
  }

  async listIds(): Promise<string[]> {
    const items = await queryAll(this.table, {
      KeyConditionExpression: 'PK = :pk',
      ExpressionAttributeValues: { ':pk': keys.practiceDirectory() },
    });
    return items.map((item) => String(item.practiceId));
  }

  /**
   * A sign-in request: expiring, keyed by the practice id (a keyed hash of the address), holding
   * the address only sealed with the link's nonce. No practice exists until the link is used.
   */
  async putLogin(
    practiceId: string,
    nonce: string,
    expiresAt: Date,
    sealedAddress: string,
  ): Promise<void> {
    await this.table.db.send(
      new PutCommand({
        TableName: this.table.tableName,
        Item: {
          PK: keys.practice(practiceId),
          SK: keys.login(nonce),
          sealedAddress,
          [TTL_ATTRIBUTE]: Math.floor(expiresAt.getTime() / 1000),
        },
      }),
    );
  }

  /**
   * Uses up a login link: its sealed address the first time, before it expires; undefined after.
   */
  async consumeLogin(
    practiceId: string,
    nonce: string,
    now: Date,
  ): Promise<{ sealedAddress?: string } | undefined> {
    try {
      const { Attributes } = await this.table.db.send(
        new DeleteCommand({
          TableName: this.table.tableName,
          Key: { PK: keys.practice(practiceId), SK: keys.login(nonce) },
          ConditionExpression: 'attribute_exists(PK) AND #ttl > :now',
          ExpressionAttributeNames: { '#ttl': TTL_ATTRIBUTE },
          ExpressionAttributeValues: { ':now': Math.floor(now.getTime() / 1000) },
          ReturnValues: 'ALL_OLD',
        }),
      );
      const sealed = Attributes?.sealedAddress;
      return { sealedAddress: typeof sealed === 'string' ? sealed : undefined };
    } catch (error) {
      if (isConditionFailure(error)) return undefined;
      throw error;
    }
  }

  async putSession(practiceId: string, sessionId: string, expiresAt: Date): Promise<void> {
    await this.table.db.send(
      new PutCommand({
        TableName: this.table.tableName,
        Item: {
          PK: keys.practice(practiceId),
          SK: keys.session(sessionId),
          [TTL_ATTRIBUTE]: Math.floor(expiresAt.getTime() / 1000),
        },
      }),
    );
  }

  async hasSession(practiceId: string, sessionId: string, now: Date): Promise<boolean> {
    const { Item } = await this.table.db.send(
      new GetCommand({
        TableName: this.table.tableName,
        Key: { PK: keys.practice(practiceId), SK: keys.session(sessionId) },
        ConsistentRead: true,
      }),
    );
    return Item !== undefined && Number(Item[TTL_ATTRIBUTE]) * 1000 > now.getTime();
  }

  async deleteSession(practiceId: string, sessionId: string): Promise<void> {
    await this.table.db.send(
      new DeleteCommand({
        TableName: this.table.tableName,
        Key: { PK: keys.practice(practiceId), SK: keys.session(sessionId) },
      }),
    );
  }
}

import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod/mini';
import type { ApiKey } from '../domain/api-key';
import { isConditionFailure, keys, queryAll, type TableRef } from './table';

const apiKeyItem = z.object({
  practiceId: z.string(),
  keyId: z.string(),
  prefix: z.string(),
  hash: z.string(),
  name: z.optional(z.string()),
  createdAt: z.iso.datetime(),
  /** The key's expiry, named apart from the table's TTL attribute: an expired key stays listed. */
  validUntil: z.optional(z.iso.datetime()),
  lastUsedAt: z.optional(z.iso.datetime()),
  revokedAt: z.optional(z.iso.datetime()),
});

function toApiKey(item: unknown): ApiKey {
  const { validUntil, ...key } = apiKeyItem.parse(item);
  return { ...key, expiresAt: validUntil };
}

/** A practice's API keys, in its partition (`PRAC#<id>`, `KEY#<keyId>`). */
export class ApiKeyRepo {
  constructor(private readonly table: TableRef) {}

  private key(practiceId: string, keyId: string) {
    return { PK: keys.practice(practiceId), SK: keys.apiKey(keyId) };
  }

  async create(record: Omit<ApiKey, 'revokedAt' | 'lastUsedAt'>): Promise<void> {
    const { expiresAt, ...rest } = record;
    await this.table.db.send(
      new PutCommand({
        TableName: this.table.tableName,
        Item: {
          ...this.key(record.practiceId, record.keyId),
          type: 'api-key',
          ...rest,
          validUntil: expiresAt,
        },
        ConditionExpression: 'attribute_not_exists(PK)',
      }),
    );
  }

  /** Read consistently, so a revocation takes effect on the very next request. */
  async get(practiceId: string, keyId: string): Promise<ApiKey | undefined> {
    const { Item } = await this.table.db.send(
      new GetCommand({
        TableName: this.table.tableName,
        Key: this.key(practiceId, keyId),
        ConsistentRead: true,
      }),
    );
    return Item ? toApiKey(Item) : undefined;
  }

  async list(practiceId: string): Promise<ApiKey[]> {
    const items = await queryAll(this.table, {
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :sk)',
      ExpressionAttributeValues: { ':pk': keys.practice(practiceId), ':sk': keys.apiKeyPrefix() },
      ConsistentRead: true,
    });
    return items.map(toApiKey);
  }

  /** Notes that the key was just used. */
  async markUsed(practiceId: string, keyId: string, now: Date): Promise<void> {
    try {
      await this.table.db.send(
        new UpdateCommand({
          TableName: this.table.tableName,
          Key: this.key(practiceId, keyId),
          UpdateExpression: 'SET lastUsedAt = :now',
          ConditionExpression: 'attribute_exists(PK)',
          ExpressionAttributeValues: { ':now': now.toISOString() },
        }),
      );
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
  }

  /** Marks the key revoked; false when this practice has no such key. Revoking twice is fine. */
  async revoke(practiceId: string, keyId: string, now: Date): Promise<boolean> {
    try {
      await this.table.db.send(
        new UpdateCommand({
          TableName: this.table.tableName,
          Key: this.key(practiceId, keyId),
          UpdateExpression: 'SET revokedAt = if_not_exists(revokedAt, :now)',
          ConditionExpression: 'attribute_exists(PK)',
          ExpressionAttributeValues: { ':now': now.toISOString() },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }
}

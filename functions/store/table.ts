import { createHash } from 'node:crypto';
import {
  type CreateTableCommandInput,
  DynamoDBClient,
  type DynamoDBClientConfig,
} from '@aws-sdk/client-dynamodb';
import {
  DynamoDBDocumentClient,
  QueryCommand,
  type QueryCommandInput,
} from '@aws-sdk/lib-dynamodb';

/**
 * The one table. Every key shape lives here; see docs/data-model.md for the item shapes and the
 * access patterns they serve.
 */
export const DUE_INDEX = 'due';
/** Fixed on purpose: items written under a shard the dispatcher no longer reads would be lost. */
export const DUE_SHARD_COUNT = 16;
export const TTL_ATTRIBUTE = 'expiresAt';

export const keys = {
  subscriber: (subscriberId: string) => `SUB#${subscriberId}`,
  profile: () => 'PROFILE',
  signup: (nonce: string) => `SIGNUP#${nonce}`,
  mailGuard: () => 'MAILGUARD',
  suppressed: () => 'SUPPRESSED',
  enrollment: (enrollmentId: string) => `ENR#${enrollmentId}`,
  enrollmentPrefix: () => 'ENR#',
  answer: (enrollmentId: string, questionId: string) => `ANS#${enrollmentId}#${questionId}`,
  answerPrefix: () => 'ANS#',
  answersOfEnrollment: (enrollmentId: string) => `ANS#${enrollmentId}#`,
  send: (enrollmentId: string, stageIndex: number) =>
    `SEND#${enrollmentId}#${String(stageIndex).padStart(3, '0')}`,
  sendPrefix: () => 'SEND#',
  practice: (practiceId: string) => `PRAC#${practiceId}`,
  practiceDirectory: () => 'PRACTICES',
  login: (nonce: string) => `LOGIN#${nonce}`,
  session: (sessionId: string) => `SESSION#${sessionId}`,
  client: (subscriberId: string) => `CLIENT#${subscriberId}`,
  clientPrefix: () => 'CLIENT#',
  apiKey: (keyId: string) => `KEY#${keyId}`,
  apiKeyPrefix: () => 'KEY#',
  rateLimit: (key: string) => `LIMIT#${key}`,
  /** A practice's enrollment counter for one fixed window, in the practice's partition. */
  enrollWindow: (windowStart: number) => `ENROLLS#${windowStart}`,
  sendSlot: (epochSecond: number, slot: number) => `RATE#${epochSecond}#${slot}`,
  /** Spreads due enrollments over shards so no single index partition gets hot. */
  dueShard: (subscriberId: string, enrollmentId: string) => {
    const digest = createHash('sha256').update(`${subscriberId}/${enrollmentId}`).digest();
    return `DUE#${digest.readUInt16BE(0) % DUE_SHARD_COUNT}`;
  },
  allDueShards: () => Array.from({ length: DUE_SHARD_COUNT }, (_, n) => `DUE#${n}`),
};

export function subscriberIdFromKey(pk: string): string {
  return pk.slice('SUB#'.length);
}

export function enrollmentIdFromKey(sk: string): string {
  return sk.slice('ENR#'.length);
}

/** The table's definition, used to create it locally; the CDK stack declares the same shape. */
export function tableDefinition(tableName: string): CreateTableCommandInput {
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [
      { AttributeName: 'PK', AttributeType: 'S' },
      { AttributeName: 'SK', AttributeType: 'S' },
      { AttributeName: 'dueShard', AttributeType: 'S' },
      { AttributeName: 'dueAt', AttributeType: 'S' },
    ],
    KeySchema: [
      { AttributeName: 'PK', KeyType: 'HASH' },
      { AttributeName: 'SK', KeyType: 'RANGE' },
    ],
    GlobalSecondaryIndexes: [
      {
        IndexName: DUE_INDEX,
        KeySchema: [
          { AttributeName: 'dueShard', KeyType: 'HASH' },
          { AttributeName: 'dueAt', KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'KEYS_ONLY' },
      },
    ],
  };
}

export function createDocumentClient(config: DynamoDBClientConfig = {}): DynamoDBDocumentClient {
  return DynamoDBDocumentClient.from(new DynamoDBClient(config), {
    marshallOptions: { removeUndefinedValues: true },
  });
}

export function isConditionFailure(error: unknown): boolean {
  return error instanceof Error && error.name === 'ConditionalCheckFailedException';
}

export interface TableRef {
  doc: DynamoDBDocumentClient;
  tableName: string;
}

/** Every item a query matches, following `LastEvaluatedKey` page by page. */
export async function queryAll(
  table: TableRef,
  input: Omit<QueryCommandInput, 'TableName' | 'ExclusiveStartKey'>,
): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let cursor: Record<string, unknown> | undefined;
  do {
    const page = await table.doc.send(
      new QueryCommand({ ...input, TableName: table.tableName, ExclusiveStartKey: cursor }),
    );
    items.push(...(page.Items ?? []));
    cursor = page.LastEvaluatedKey;
  } while (cursor);
  return items;
}

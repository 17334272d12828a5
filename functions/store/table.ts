import { createHash } from 'node:crypto';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand,
  type DynamoDBDocumentClient,
  QueryCommand,
  type QueryCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { retryUnprocessed } from './retry-unprocessed';

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
  subscriberPrefix: () => 'SUB#',
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
  practicePrefix: () => 'PRAC#',
  practiceDirectory: () => 'PRACTICES',
  login: (nonce: string) => `LOGIN#${nonce}`,
  session: (sessionId: string) => `SESSION#${sessionId}`,
  client: (subscriberId: string) => `CLIENT#${subscriberId}`,
  clientPrefix: () => 'CLIENT#',
  apiKey: (keyId: string) => `KEY#${keyId}`,
  apiKeyPrefix: () => 'KEY#',
  pair: (pairId: string) => `PAIR#${pairId}`,
  pairItem: () => 'PAIR',
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

/** The nonce of a pending sign-up's sort key, or undefined for any other item. */
export function signupNonceFromKey(sk: string): string | undefined {
  return sk.startsWith('SIGNUP#') ? sk.slice('SIGNUP#'.length) : undefined;
}

type KeySchema = { AttributeName: string; KeyType: 'HASH' | 'RANGE' }[];

/** CreateTable's input, in DynamoDB's own shapes. */
export interface TableDefinition {
  TableName: string;
  BillingMode: 'PAY_PER_REQUEST';
  AttributeDefinitions: { AttributeName: string; AttributeType: 'S' | 'N' | 'B' }[];
  KeySchema: KeySchema;
  GlobalSecondaryIndexes: {
    IndexName: string;
    KeySchema: KeySchema;
    Projection: { ProjectionType: 'KEYS_ONLY' | 'INCLUDE' | 'ALL'; NonKeyAttributes?: string[] };
  }[];
}

/** The table's definition, used to create it locally; the CDK stack declares the same shape. */
export function tableDefinition(tableName: string): TableDefinition {
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

/** A condition on a write did not hold: the domain's "someone else got there first". */
export function isConditionFailure(error: unknown): boolean {
  return (
    error instanceof ConditionalCheckFailedException ||
    (error instanceof Error && error.name === 'ConditionalCheckFailedException')
  );
}

export type Item = Record<string, unknown>;

export interface TableRef {
  db: DynamoDBDocumentClient;
  tableName: string;
}

/** Every item a query matches, following `LastEvaluatedKey` page by page. */
export async function queryAll(
  table: TableRef,
  input: Omit<QueryCommandInput, 'TableName' | 'ExclusiveStartKey'>,
): Promise<Item[]> {
  const items: Item[] = [];
  let cursor: Item | undefined;
  do {
    const page = await table.db.send(
      new QueryCommand({ ...input, TableName: table.tableName, ExclusiveStartKey: cursor }),
    );
    items.push(...(page.Items ?? []));
    cursor = page.LastEvaluatedKey;
  } while (cursor);
  return items;
}

/**
 * Several items of the table in one BatchGetItem round trip (at most 100 keys), strongly
 * consistent, asking again for any the service left unprocessed. Items come back in no order.
 */
export async function getItems(table: TableRef, keys: Item[]): Promise<Item[]> {
  const found: Item[] = [];
  const left = await retryUnprocessed(
    keys,
    async (pending) => {
      const { Responses, UnprocessedKeys } = await table.db.send(
        new BatchGetCommand({
          RequestItems: { [table.tableName]: { Keys: pending, ConsistentRead: true } },
        }),
      );
      found.push(...(Responses?.[table.tableName] ?? []));
      return UnprocessedKeys?.[table.tableName]?.Keys ?? [];
    },
    { attempts: 5, baseDelayMs: 80 },
  );
  if (left.length > 0) throw new Error('DynamoDB left keys unprocessed five times in a row.');
  return found;
}

import { BatchWriteCommand, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { type Backoff, retryUnprocessed } from './retry-unprocessed';
import { keys, queryAll, type TableRef } from './table';

type ItemKey = { PK: string; SK: string };

export type EraseRequest = { DeleteRequest: { Key: ItemKey } };

/**
 * One BatchWriteItem of at most 25 deletes; resolves to the requests DynamoDB left unprocessed.
 * A parameter of the repo so tests can have items left unprocessed, which dynalite never does.
 */
export type WriteBatch = (requests: EraseRequest[]) => Promise<EraseRequest[]>;

export interface ErasureOptions {
  writeBatch?: WriteBatch;
  sleep?: (ms: number) => Promise<void>;
  /** In [0, 1); scales each wait (full jitter). */
  random?: () => number;
}

/** What `eraseAll` did: items deleted, and items still there when it gave up. */
export interface ErasureResult {
  erased: number;
  notErased: number;
}

const BATCH = 25;
/** Tries of one batch before giving up on it (and on the batches after it). */
export const ERASE_ATTEMPTS = 6;
/** The wait before the first retry, at most; it doubles for each retry after. */
export const ERASE_BASE_DELAY_MS = 25;

/** The real `WriteBatch`: one BatchWriteItem on the table, the repo's default. */
export function writeBatchTo(table: TableRef): WriteBatch {
  return async (requests) => {
    const { UnprocessedItems } = await table.db.send(
      new BatchWriteCommand({ RequestItems: { [table.tableName]: requests } }),
    );
    return (UnprocessedItems?.[table.tableName] ?? []) as EraseRequest[];
  };
}

/**
 * Erasing a person: everything in their partition goes, except a suppression marker keyed only
 * by their id (itself a keyed hash of the address), so nothing is ever sent to them by mistake.
 */
export class ErasureRepo {
  private readonly writeBatch: WriteBatch;
  private readonly backoff: Backoff;

  constructor(
    private readonly table: TableRef,
    options: ErasureOptions = {},
  ) {
    this.writeBatch = options.writeBatch ?? writeBatchTo(table);
    this.backoff = {
      attempts: ERASE_ATTEMPTS,
      baseDelayMs: ERASE_BASE_DELAY_MS,
      sleep: options.sleep,
      random: options.random,
    };
  }

  async markSuppressed(subscriberId: string, now: Date): Promise<void> {
    await this.table.db.send(
      new PutCommand({
        TableName: this.table.tableName,
        Item: {
          PK: keys.subscriber(subscriberId),
          SK: keys.suppressed(),
          type: 'suppression',
          reason: 'deleted',
          deletedAt: now.toISOString(),
        },
      }),
    );
  }

  async isSuppressed(subscriberId: string): Promise<boolean> {
    const { Item } = await this.table.db.send(
      new GetCommand({
        TableName: this.table.tableName,
        Key: { PK: keys.subscriber(subscriberId), SK: keys.suppressed() },
        ConsistentRead: true,
      }),
    );
    return Item !== undefined;
  }

  /**
   * Deletes every item of the person but the suppression marker: the enrollments first, so no
   * more stages go out whatever happens next, and the profile last, so until then the person's
   * links still work and a retry can finish. Items DynamoDB leaves unprocessed are tried again
   * after a short, growing, jittered wait; a batch still unfinished after `ERASE_ATTEMPTS` tries
   * stops the erasure there, and the result says how many items are left.
   */
  async eraseAll(subscriberId: string): Promise<ErasureResult> {
    const found = (await queryAll(this.table, {
      KeyConditionExpression: 'PK = :pk',
      ExpressionAttributeValues: { ':pk': keys.subscriber(subscriberId) },
      ProjectionExpression: 'PK, SK',
      ConsistentRead: true,
    })) as ItemKey[];
    const doomed = found.filter((key) => key.SK !== keys.suppressed());
    const rank = (key: ItemKey) => {
      if (key.SK.startsWith(keys.enrollmentPrefix())) return 0;
      return key.SK === keys.profile() ? 2 : 1;
    };
    const ordered = doomed.toSorted((a, b) => rank(a) - rank(b));
    let erased = 0;
    for (let i = 0; i < ordered.length; i += BATCH) {
      const batch = ordered.slice(i, i + BATCH);
      const left = await this.eraseBatch(batch.map((Key) => ({ DeleteRequest: { Key } })));
      erased += batch.length - left;
      if (left > 0) return { erased, notErased: ordered.length - erased };
    }
    return { erased, notErased: 0 };
  }

  /** Writes one batch, retrying what is left unprocessed; returns how many items are left. */
  private async eraseBatch(requests: EraseRequest[]): Promise<number> {
    return (await retryUnprocessed(requests, this.writeBatch, this.backoff)).length;
  }
}

import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { isConditionFailure, keys, type TableRef, TTL_ATTRIBUTE } from './table';

/** Fixed-window request counters, one item per key and window, expiring with it. */
export class RateLimitRepo {
  constructor(private readonly table: TableRef) {}

  /** Counts one request; false when the window already holds `limit`. */
  hit(key: string, now: Date, windowMs: number, limit: number): Promise<boolean> {
    const windowStart = Math.floor(now.getTime() / windowMs) * windowMs;
    return this.count(
      { PK: keys.rateLimit(key), SK: String(windowStart) },
      windowStart,
      windowMs,
      limit,
    );
  }

  /**
   * Counts `amount` enrollments (one, or the two of a pair) for a practice in a fixed window (an
   * item in the practice's partition), all or none; false when they would take the window past
   * `limit`.
   */
  hitPractice(
    practiceId: string,
    now: Date,
    windowMs: number,
    limit: number,
    amount = 1,
  ): Promise<boolean> {
    const windowStart = Math.floor(now.getTime() / windowMs) * windowMs;
    return this.count(
      { PK: keys.practice(practiceId), SK: keys.enrollWindow(windowStart) },
      windowStart,
      windowMs,
      limit,
      amount,
    );
  }

  private async count(
    Key: { PK: string; SK: string },
    windowStart: number,
    windowMs: number,
    limit: number,
    amount = 1,
  ): Promise<boolean> {
    if (amount > limit) return false;
    try {
      await this.table.db.send(
        new UpdateCommand({
          TableName: this.table.tableName,
          Key,
          UpdateExpression: 'SET hits = if_not_exists(hits, :zero) + :amount, #ttl = :ttl',
          // Room for all of them, or none is counted.
          ConditionExpression: 'attribute_not_exists(hits) OR hits <= :room',
          ExpressionAttributeNames: { '#ttl': TTL_ATTRIBUTE },
          ExpressionAttributeValues: {
            ':zero': 0,
            ':amount': amount,
            ':room': limit - amount,
            ':ttl': Math.floor((windowStart + 2 * windowMs) / 1000),
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

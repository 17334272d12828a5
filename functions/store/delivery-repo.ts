import { QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Enrollment, EnrollmentKey, Progress } from '../domain/enrollment';
import { toEnrollment } from './enrollment-item';
import {
  DUE_INDEX,
  enrollmentIdFromKey,
  isConditionFailure,
  keys,
  signupNonceFromKey,
  subscriberIdFromKey,
  type TableRef,
} from './table';

/**
 * What the due-index holds: enrollments whose next stage is due, and practitioners' invitations
 * waiting to be emailed (pending sign-ups with a send time).
 */
export type DueItem =
  | (EnrollmentKey & { kind: 'stage'; dueAt: Date })
  | { kind: 'invitation'; subscriberId: string; nonce: string; dueAt: Date };

function toDueItem(item: Record<string, unknown>): DueItem {
  const subscriberId = subscriberIdFromKey(String(item.PK));
  const sk = String(item.SK);
  const dueAt = new Date(String(item.dueAt));
  const nonce = signupNonceFromKey(sk);
  return nonce
    ? { kind: 'invitation', subscriberId, nonce, dueAt }
    : { kind: 'stage', subscriberId, enrollmentId: enrollmentIdFromKey(sk), dueAt };
}

export interface DuePage {
  items: DueItem[];
  cursor?: Record<string, unknown>;
}

/**
 * Sending stages: the due-index read shard by shard, a claim on each due enrollment while its
 * stage goes out, and the record that moves it on. Each is one conditional single-item write, so
 * overlapping dispatcher runs can never send a stage twice at once or advance it twice.
 */
export class DeliveryRepo {
  constructor(private readonly table: TableRef) {}

  private key(subscriberId: string, enrollmentId: string) {
    return { PK: keys.subscriber(subscriberId), SK: keys.enrollment(enrollmentId) };
  }

  /** Every shard of the due-index; the dispatcher reads them all. */
  shards(): string[] {
    return keys.allDueShards();
  }

  /** One page of enrollments due at or before `now` in one shard of the due-index. */
  async queryDue(
    shard: string,
    now: Date,
    limit: number,
    cursor?: Record<string, unknown>,
  ): Promise<DuePage> {
    const { Items = [], LastEvaluatedKey } = await this.table.db.send(
      new QueryCommand({
        TableName: this.table.tableName,
        IndexName: DUE_INDEX,
        KeyConditionExpression: 'dueShard = :shard AND dueAt <= :now',
        ExpressionAttributeValues: { ':shard': shard, ':now': now.toISOString() },
        Limit: limit,
        ExclusiveStartKey: cursor,
      }),
    );
    return { items: Items.map(toDueItem), cursor: LastEvaluatedKey };
  }

  /**
   * Claims a due enrollment for one send until `leaseUntil`. Only one dispatcher run can hold
   * the claim; a claim left by a run that died lapses and the stage is sent again (at worst
   * twice, never skipped). Returns the enrollment as claimed, or undefined if it is not (or no
   * longer) due, or somebody else holds it.
   */
  async claim(key: EnrollmentKey, now: Date, leaseUntil: Date): Promise<Enrollment | undefined> {
    try {
      const { Attributes } = await this.table.db.send(
        new UpdateCommand({
          TableName: this.table.tableName,
          Key: this.key(key.subscriberId, key.enrollmentId),
          UpdateExpression: 'SET claimUntil = :lease',
          ConditionExpression:
            '#status = :active AND dueAt <= :now AND (attribute_not_exists(claimUntil) OR claimUntil <= :now)',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':active': 'active',
            ':now': now.toISOString(),
            ':lease': leaseUntil.toISOString(),
          },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return toEnrollment(Attributes);
    } catch (error) {
      if (isConditionFailure(error)) return undefined;
      throw error;
    }
  }

  /**
   * Lets go of a claim without sending. With `retryAt` (a failed send) the stage is due again
   * then and the attempt is counted; without, it stays due as it was.
   */
  async releaseClaim(key: EnrollmentKey, retryAt?: Date): Promise<void> {
    try {
      await this.table.db.send(
        new UpdateCommand({
          TableName: this.table.tableName,
          Key: this.key(key.subscriberId, key.enrollmentId),
          UpdateExpression: retryAt
            ? 'REMOVE claimUntil SET dueAt = :retryAt, sendAttempts = if_not_exists(sendAttempts, :zero) + :one'
            : 'REMOVE claimUntil',
          ConditionExpression: retryAt ? '#status = :active' : 'attribute_exists(PK)',
          ExpressionAttributeNames: retryAt ? { '#status': 'status' } : undefined,
          ExpressionAttributeValues: retryAt
            ? { ':retryAt': retryAt.toISOString(), ':active': 'active', ':zero': 0, ':one': 1 }
            : undefined,
        }),
      );
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
  }

  /**
   * Holds a claimed enrollment back until `dueAt` without sending (pacing by answers), noting
   * a reminder when one went out. Only an active enrollment is re-queued.
   */
  async postpone(key: EnrollmentKey, dueAt: Date, remindedStage?: number): Promise<void> {
    try {
      await this.table.db.send(
        new UpdateCommand({
          TableName: this.table.tableName,
          Key: this.key(key.subscriberId, key.enrollmentId),
          UpdateExpression: `SET dueAt = :dueAt${remindedStage === undefined ? '' : ', remindedStage = :reminded'} REMOVE claimUntil`,
          ConditionExpression: '#status = :active',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':dueAt': dueAt.toISOString(),
            ':active': 'active',
            ...(remindedStage === undefined ? {} : { ':reminded': remindedStage }),
          },
        }),
      );
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
  }

  /**
   * Records that `sentStage` went out and moves the enrollment on. Conditional on the stage, so
   * a duplicate run can never advance it twice. A pause, unsubscribe, bounce, complaint or end
   * that landed while the stage was being sent is kept: only an active enrollment is re-queued
   * or marked completed; any other keeps its status and only advances its stage.
   */
  async recordSent(
    key: EnrollmentKey,
    sentStage: number,
    sentAt: Date,
    progress: Progress,
  ): Promise<boolean> {
    const requeue = progress.status === 'active';
    try {
      await this.table.db.send(
        new UpdateCommand({
          TableName: this.table.tableName,
          Key: this.key(key.subscriberId, key.enrollmentId),
          UpdateExpression: requeue
            ? 'SET nextStage = :next, lastSentAt = :sentAt, updatedAt = :sentAt, dueAt = :dueAt REMOVE claimUntil, sendAttempts'
            : 'SET nextStage = :next, lastSentAt = :sentAt, updatedAt = :sentAt, #status = :completed REMOVE claimUntil, sendAttempts, dueShard, dueAt',
          // Both writes only ever move an active enrollment: a stop that landed mid-send is kept.
          ConditionExpression: 'nextStage = :sent AND #status = :active',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':next': progress.nextStage,
            ':sent': sentStage,
            ':sentAt': sentAt.toISOString(),
            ':active': 'active',
            ...(progress.status === 'active'
              ? { ':dueAt': progress.dueAt.toISOString() }
              : { ':completed': 'completed' }),
          },
        }),
      );
      return true;
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      // Stopped or paused mid-send: advance the stage but leave the status and the index alone.
      return this.recordSentWhileInactive(key, sentStage, sentAt, progress.nextStage);
    }
  }

  private async recordSentWhileInactive(
    key: EnrollmentKey,
    sentStage: number,
    sentAt: Date,
    nextStage: number,
  ): Promise<boolean> {
    try {
      await this.table.db.send(
        new UpdateCommand({
          TableName: this.table.tableName,
          Key: this.key(key.subscriberId, key.enrollmentId),
          UpdateExpression:
            'SET nextStage = :next, lastSentAt = :sentAt, updatedAt = :sentAt REMOVE claimUntil, sendAttempts',
          ConditionExpression: 'nextStage = :sent',
          ExpressionAttributeValues: {
            ':next': nextStage,
            ':sent': sentStage,
            ':sentAt': sentAt.toISOString(),
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

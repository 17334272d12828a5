import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod/mini';
import {
  type Enrollment,
  enrollmentStatuses,
  type PausedBy,
  type Progress,
  pausers,
  type StopReason,
} from '../domain/enrollment';
import {
  DUE_INDEX,
  enrollmentIdFromKey,
  isConditionFailure,
  keys,
  queryAll,
  signupNonceFromKey,
  subscriberIdFromKey,
  type TableRef,
} from './table';

const enrollmentItem = z.object({
  PK: z.string(),
  SK: z.string(),
  courseId: z.string(),
  status: z.enum(enrollmentStatuses),
  nextStage: z.int().check(z.nonnegative()),
  sendHour: z.int(),
  timeZone: z.string(),
  cadenceDays: z.int(),
  dueAt: z.optional(z.iso.datetime()),
  lastSentAt: z.optional(z.iso.datetime()),
  sendAttempts: z.optional(z.int()),
  practiceId: z.optional(z.string()),
  shareByDefault: z.optional(z.boolean()),
  paceByAnswers: z.optional(z.boolean()),
  remindedStage: z.optional(z.int()),
  pausedBy: z.optional(z.enum(pausers)),
  createdAt: z.iso.datetime(),
});

export function toEnrollment(item: unknown): Enrollment {
  const row = enrollmentItem.parse(item);
  return {
    subscriberId: subscriberIdFromKey(row.PK),
    enrollmentId: enrollmentIdFromKey(row.SK),
    courseId: row.courseId,
    status: row.status,
    nextStage: row.nextStage,
    sendHour: row.sendHour,
    timeZone: row.timeZone,
    cadenceDays: row.cadenceDays,
    dueAt: row.dueAt ? new Date(row.dueAt) : undefined,
    lastSentAt: row.lastSentAt ? new Date(row.lastSentAt) : undefined,
    sendAttempts: row.sendAttempts ?? 0,
    practiceId: row.practiceId,
    shareByDefault: row.shareByDefault,
    paceByAnswers: row.paceByAnswers,
    remindedStage: row.remindedStage,
    pausedBy: row.pausedBy,
    createdAt: new Date(row.createdAt),
  };
}

export interface EnrollmentKey {
  subscriberId: string;
  enrollmentId: string;
}

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

type NewEnrollment = Omit<Enrollment, 'status' | 'nextStage' | 'lastSentAt' | 'dueAt'> & {
  dueAt: Date;
};

/**
 * Enrollments and the sparse due-index. Only an active enrollment carries `dueShard`/`dueAt`,
 * so the index holds exactly the enrollments that will be sent something; every status change
 * sets or removes both in the same single-item write.
 */
export class EnrollmentRepo {
  constructor(private readonly table: TableRef) {}

  private key(subscriberId: string, enrollmentId: string) {
    return { PK: keys.subscriber(subscriberId), SK: keys.enrollment(enrollmentId) };
  }

  async get(subscriberId: string, enrollmentId: string): Promise<Enrollment | undefined> {
    const { Item } = await this.table.db.send(
      new GetCommand({
        TableName: this.table.tableName,
        Key: this.key(subscriberId, enrollmentId),
        ConsistentRead: true,
      }),
    );
    return Item ? toEnrollment(Item) : undefined;
  }

  /** Every enrollment of the person, all pages: an unsubscribe must reach each one. */
  async listForSubscriber(subscriberId: string): Promise<Enrollment[]> {
    const items = await queryAll(this.table, {
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
      ExpressionAttributeValues: {
        ':pk': keys.subscriber(subscriberId),
        ':prefix': keys.enrollmentPrefix(),
      },
      ConsistentRead: true,
    });
    return items.map(toEnrollment);
  }

  /** Creates an active enrollment; false when one with this id already exists. */
  async create(enrollment: NewEnrollment): Promise<boolean> {
    try {
      await this.table.db.send(
        new PutCommand({
          TableName: this.table.tableName,
          Item: {
            ...this.key(enrollment.subscriberId, enrollment.enrollmentId),
            type: 'enrollment',
            courseId: enrollment.courseId,
            status: 'active',
            nextStage: 0,
            sendHour: enrollment.sendHour,
            timeZone: enrollment.timeZone,
            cadenceDays: enrollment.cadenceDays,
            practiceId: enrollment.practiceId,
            shareByDefault: enrollment.shareByDefault,
            paceByAnswers: enrollment.paceByAnswers,
            createdAt: enrollment.createdAt.toISOString(),
            updatedAt: enrollment.createdAt.toISOString(),
            dueShard: keys.dueShard(enrollment.subscriberId, enrollment.enrollmentId),
            dueAt: enrollment.dueAt.toISOString(),
          },
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
   * Makes an enrollment active again from `fromStatuses`, due at `dueAt`, optionally from a
   * given stage. False when it was not in one of those statuses.
   */
  async activate(
    key: EnrollmentKey,
    fromStatuses: Enrollment['status'][],
    dueAt: Date,
    now: Date,
    restartAtStage?: number,
  ): Promise<boolean> {
    const statusValues = Object.fromEntries(fromStatuses.map((s, i) => [`:from${i}`, s]));
    try {
      await this.table.db.send(
        new UpdateCommand({
          TableName: this.table.tableName,
          Key: this.key(key.subscriberId, key.enrollmentId),
          UpdateExpression: `SET #status = :active, dueShard = :shard, dueAt = :dueAt, updatedAt = :now
            ${restartAtStage === undefined ? '' : ', nextStage = :stage'} REMOVE claimUntil, pausedBy`,
          ConditionExpression: `#status IN (${Object.keys(statusValues).join(', ')})`,
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':active': 'active',
            ':shard': keys.dueShard(key.subscriberId, key.enrollmentId),
            ':dueAt': dueAt.toISOString(),
            ':now': now.toISOString(),
            ...statusValues,
            ...(restartAtStage === undefined ? {} : { ':stage': restartAtStage }),
          },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  /**
   * A practitioner resumes a paused enrollment, unless the client paused it: only they may
   * resume their own pause. False when it is not paused, or the client paused it.
   */
  async resumeByPractice(key: EnrollmentKey, dueAt: Date, now: Date): Promise<boolean> {
    try {
      await this.table.db.send(
        new UpdateCommand({
          TableName: this.table.tableName,
          Key: this.key(key.subscriberId, key.enrollmentId),
          UpdateExpression:
            'SET #status = :active, dueShard = :shard, dueAt = :dueAt, updatedAt = :now REMOVE claimUntil, pausedBy',
          ConditionExpression:
            '#status = :paused AND (attribute_not_exists(pausedBy) OR pausedBy <> :client)',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':active': 'active',
            ':paused': 'paused',
            ':client': 'client',
            ':shard': keys.dueShard(key.subscriberId, key.enrollmentId),
            ':dueAt': dueAt.toISOString(),
            ':now': now.toISOString(),
          },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  /**
   * Stops delivery (pause or unsubscribe) and takes the enrollment out of the due-index. A pause
   * records who made it (`pausedBy`).
   */
  async deactivate(
    key: EnrollmentKey,
    status: 'paused' | StopReason,
    now: Date,
    pausedBy?: PausedBy,
  ): Promise<boolean> {
    try {
      await this.table.db.send(
        new UpdateCommand({
          TableName: this.table.tableName,
          Key: this.key(key.subscriberId, key.enrollmentId),
          UpdateExpression: `SET #status = :status, updatedAt = :now${pausedBy ? ', pausedBy = :by' : ''} REMOVE dueShard, dueAt`,
          ConditionExpression:
            status === 'paused'
              ? '#status = :active'
              : 'attribute_exists(PK) AND #status <> :status',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':status': status,
            ':now': now.toISOString(),
            ...(status === 'paused' ? { ':active': 'active' } : {}),
            ...(pausedBy ? { ':by': pausedBy } : {}),
          },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  /** Changes when stages go out; an active enrollment is re-queued for `dueAt`. */
  async updateSchedule(
    key: EnrollmentKey,
    schedule: { sendHour: number; timeZone: string; cadenceDays: number },
    dueAt: Date | undefined,
    now: Date,
  ): Promise<void> {
    await this.table.db.send(
      new UpdateCommand({
        TableName: this.table.tableName,
        Key: this.key(key.subscriberId, key.enrollmentId),
        UpdateExpression: `SET sendHour = :hour, #timeZone = :tz, cadenceDays = :cadence, updatedAt = :now
          ${dueAt ? ', dueAt = :dueAt' : ''}`,
        ConditionExpression: dueAt ? '#status = :active' : 'attribute_exists(PK)',
        ExpressionAttributeNames: {
          '#timeZone': 'timeZone',
          ...(dueAt ? { '#status': 'status' } : {}),
        },
        ExpressionAttributeValues: {
          ':hour': schedule.sendHour,
          ':tz': schedule.timeZone,
          ':cadence': schedule.cadenceDays,
          ':now': now.toISOString(),
          ...(dueAt ? { ':dueAt': dueAt.toISOString(), ':active': 'active' } : {}),
        },
      }),
    );
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

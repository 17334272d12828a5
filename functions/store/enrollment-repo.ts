import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Enrollment, EnrollmentKey, PausedBy, StopReason } from '../domain/enrollment';
import { toEnrollment } from './enrollment-item';
import { isConditionFailure, keys, queryAll, type TableRef } from './table';

type NewEnrollment = Omit<Enrollment, 'status' | 'nextStage' | 'lastSentAt' | 'dueAt'> & {
  dueAt: Date;
};

/**
 * Enrollments: where each person is in each course. Only an active enrollment carries
 * `dueShard`/`dueAt`, so the due-index holds exactly the enrollments that will be sent something;
 * every status change here sets or removes both in the same single-item write. Sending itself
 * (claims, records of what went out) is `DeliveryRepo`'s.
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
   * given stage, and not when one of `unlessPausedBy` made the pause, or (`onlyIfPausedBy`) only
   * when that party did. False when the conditions do not hold.
   */
  async activate(
    key: EnrollmentKey,
    fromStatuses: Enrollment['status'][],
    dueAt: Date,
    now: Date,
    options: {
      restartAtStage?: number;
      unlessPausedBy?: PausedBy[];
      onlyIfPausedBy?: PausedBy;
    } = {},
  ): Promise<boolean> {
    const { restartAtStage, unlessPausedBy = [], onlyIfPausedBy } = options;
    const statusValues = Object.fromEntries(fromStatuses.map((s, i) => [`:from${i}`, s]));
    const pauserValues = Object.fromEntries(unlessPausedBy.map((p, i) => [`:pauser${i}`, p]));
    const conditions = [`#status IN (${Object.keys(statusValues).join(', ')})`];
    if (unlessPausedBy.length > 0) {
      conditions.push(
        `(attribute_not_exists(pausedBy) OR NOT pausedBy IN (${Object.keys(pauserValues).join(', ')}))`,
      );
    }
    if (onlyIfPausedBy) conditions.push('pausedBy = :onlyPauser');
    try {
      await this.table.db.send(
        new UpdateCommand({
          TableName: this.table.tableName,
          Key: this.key(key.subscriberId, key.enrollmentId),
          UpdateExpression: `SET #status = :active, dueShard = :shard, dueAt = :dueAt, updatedAt = :now
            ${restartAtStage === undefined ? '' : ', nextStage = :stage'} REMOVE claimUntil, pausedBy`,
          ConditionExpression: conditions.join(' AND '),
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':active': 'active',
            ':shard': keys.dueShard(key.subscriberId, key.enrollmentId),
            ':dueAt': dueAt.toISOString(),
            ':now': now.toISOString(),
            ...statusValues,
            ...(restartAtStage === undefined ? {} : { ':stage': restartAtStage }),
            ...pauserValues,
            ...(onlyIfPausedBy ? { ':onlyPauser': onlyIfPausedBy } : {}),
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
   * A practitioner resumes a paused enrollment, unless the client paused it (only they may
   * resume their own pause) or their partner did (the pair's pause is the pair's). False when it
   * is not paused, or it is not the practice's pause to lift.
   */
  resumeByPractice(key: EnrollmentKey, dueAt: Date, now: Date): Promise<boolean> {
    return this.activate(key, ['paused'], dueAt, now, { unlessPausedBy: ['client', 'partner'] });
  }

  /**
   * Points the enrollment at a pair. It may replace a pointer to `replacing` (a pair that is
   * over, or an invitation being withdrawn), never a pointer to any other pair: false then, and
   * when the enrollment does not exist.
   */
  async pointAtPair(key: EnrollmentKey, pairId: string, now: Date, replacing?: string) {
    try {
      await this.table.db.send(
        new UpdateCommand({
          TableName: this.table.tableName,
          Key: this.key(key.subscriberId, key.enrollmentId),
          UpdateExpression: 'SET pairId = :pair, updatedAt = :now',
          ConditionExpression: `attribute_exists(PK) AND (attribute_not_exists(pairId) OR pairId = :pair${replacing ? ' OR pairId = :old' : ''})`,
          ExpressionAttributeValues: {
            ':pair': pairId,
            ':now': now.toISOString(),
            ...(replacing ? { ':old': replacing } : {}),
          },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }

  /** Removes the enrollment's pointer to `pairId`; a pointer to another pair is left alone. */
  async dropPair(key: EnrollmentKey, pairId: string, now: Date): Promise<void> {
    try {
      await this.table.db.send(
        new UpdateCommand({
          TableName: this.table.tableName,
          Key: this.key(key.subscriberId, key.enrollmentId),
          UpdateExpression: 'SET updatedAt = :now REMOVE pairId',
          ConditionExpression: 'pairId = :pair',
          ExpressionAttributeValues: { ':pair': pairId, ':now': now.toISOString() },
        }),
      );
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
  }

  /** Stops delivery (pause or unsubscribe) and takes the enrollment out of the due-index. */
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
}

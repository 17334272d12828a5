import { DeleteCommand, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod/mini';
import { perspectiveSchema } from '../domain/course';
import type { PendingSignup } from '../domain/signup';
import { isConditionFailure, keys, type TableRef, TTL_ATTRIBUTE } from './table';

const signupItem = z.object({
  subscriberId: z.string(),
  nonce: z.string(),
  email: z.string(),
  firstName: z.optional(z.string()),
  perspective: perspectiveSchema,
  timeZone: z.string(),
  sendHour: z.int(),
  courseId: z.string(),
  invitation: z.optional(
    z.object({
      practiceId: z.string(),
      practitionerName: z.string(),
      cadenceDays: z.int(),
      paceByAnswers: z.boolean(),
      startDate: z.iso.date(),
    }),
  ),
  pairId: z.optional(z.string()),
  partner: z.optional(
    z.object({ inviterName: z.optional(z.string()), note: z.optional(z.string()) }),
  ),
  createdAt: z.iso.datetime(),
  sendAttempts: z.optional(z.int()),
  [TTL_ATTRIBUTE]: z.int(),
});

function toSignup(item: unknown): PendingSignup {
  return signupItem.parse(item);
}

/**
 * A sign-up waiting for its confirmation. It is kept apart from the profile so that somebody
 * typing another person's address can never change that person's settings: only confirming
 * from the inbox applies them.
 */
export class SignupRepo {
  constructor(private readonly table: TableRef) {}

  /**
   * Stores the pending sign-up. With `sendAt`, it is also an invitation waiting to be emailed:
   * it joins the due-index, and the dispatcher sends it at the send rate (docs/delivery.md).
   */
  async put(signup: PendingSignup, options: { sendAt?: Date } = {}): Promise<void> {
    const { subscriberId, nonce } = signup;
    await this.table.db.send(
      new PutCommand({
        TableName: this.table.tableName,
        Item: {
          PK: keys.subscriber(subscriberId),
          SK: keys.signup(nonce),
          type: 'signup',
          ...signup,
          ...(options.sendAt && {
            dueShard: keys.dueShard(subscriberId, keys.signup(nonce)),
            dueAt: options.sendAt.toISOString(),
          }),
        },
      }),
    );
  }

  /**
   * Claims a queued invitation for one send until `leaseUntil`, as the dispatcher claims a stage:
   * only one run can hold it. Undefined when it is not (or no longer) due, or claimed elsewhere.
   */
  async claimInvitation(
    subscriberId: string,
    nonce: string,
    now: Date,
    leaseUntil: Date,
  ): Promise<PendingSignup | undefined> {
    try {
      const { Attributes } = await this.table.db.send(
        new UpdateCommand({
          TableName: this.table.tableName,
          Key: { PK: keys.subscriber(subscriberId), SK: keys.signup(nonce) },
          UpdateExpression: 'SET claimUntil = :lease',
          ConditionExpression:
            'dueAt <= :now AND (attribute_not_exists(claimUntil) OR claimUntil <= :now)',
          ExpressionAttributeValues: {
            ':now': now.toISOString(),
            ':lease': leaseUntil.toISOString(),
          },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return Attributes ? toSignup(Attributes) : undefined;
    } catch (error) {
      if (isConditionFailure(error)) return undefined;
      throw error;
    }
  }

  /** The invitation went out, or never will: it leaves the due-index; the sign-up stays. */
  async invitationDone(subscriberId: string, nonce: string): Promise<void> {
    try {
      await this.table.db.send(
        new UpdateCommand({
          TableName: this.table.tableName,
          Key: { PK: keys.subscriber(subscriberId), SK: keys.signup(nonce) },
          UpdateExpression: 'REMOVE dueShard, dueAt, claimUntil, sendAttempts',
          ConditionExpression: 'attribute_exists(PK)',
        }),
      );
    } catch (error) {
      // Confirmed (and so deleted) meanwhile: nothing left to do.
      if (!isConditionFailure(error)) throw error;
    }
  }

  /** Tries the invitation again at `at`, counting the failed attempt. */
  async retryInvitation(subscriberId: string, nonce: string, at: Date): Promise<void> {
    try {
      await this.table.db.send(
        new UpdateCommand({
          TableName: this.table.tableName,
          Key: { PK: keys.subscriber(subscriberId), SK: keys.signup(nonce) },
          UpdateExpression: 'SET dueAt = :at ADD sendAttempts :one REMOVE claimUntil',
          ConditionExpression: 'attribute_exists(dueAt)',
          ExpressionAttributeValues: { ':at': at.toISOString(), ':one': 1 },
        }),
      );
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
  }

  /** The pending sign-up, or undefined when it was used, never existed or has expired. */
  async get(subscriberId: string, nonce: string, now: Date): Promise<PendingSignup | undefined> {
    const { Item } = await this.table.db.send(
      new GetCommand({
        TableName: this.table.tableName,
        Key: { PK: keys.subscriber(subscriberId), SK: keys.signup(nonce) },
        ConsistentRead: true,
      }),
    );
    if (!Item) return undefined;
    const signup = toSignup(Item);
    // DynamoDB's TTL deletes lazily (and not at all locally), so expiry is checked here.
    return signup.expiresAt * 1000 > now.getTime() ? signup : undefined;
  }

  async delete(subscriberId: string, nonce: string): Promise<void> {
    await this.table.db.send(
      new DeleteCommand({
        TableName: this.table.tableName,
        Key: { PK: keys.subscriber(subscriberId), SK: keys.signup(nonce) },
      }),
    );
  }
}

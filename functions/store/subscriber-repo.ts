import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod/mini';
import { perspectiveSchema } from '../domain/course';
import type { StopReason } from '../domain/enrollment';
import {
  type Subscriber,
  type SubscriberPreferences,
  subscriberStatuses,
} from '../domain/subscriber';
import { isConditionFailure, keys, type TableRef } from './table';

const subscriberItem = z.object({
  subscriberId: z.string(),
  email: z.string(),
  firstName: z.optional(z.string()),
  perspective: perspectiveSchema,
  timeZone: z.string(),
  sendHour: z.int(),
  status: z.enum(subscriberStatuses),
  tokenVersion: z.int(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});

/** The subscriber's profile: who they are and how they want to be written to. */
export class SubscriberRepo {
  constructor(private readonly table: TableRef) {}

  async get(subscriberId: string): Promise<Subscriber | undefined> {
    const { Item } = await this.table.db.send(
      new GetCommand({
        TableName: this.table.tableName,
        Key: { PK: keys.subscriber(subscriberId), SK: keys.profile() },
        ConsistentRead: true,
      }),
    );
    return Item ? subscriberItem.parse(Item) : undefined;
  }

  /** Creates the profile or refreshes it from a confirmed sign-up; one upsert, so a retry is safe. */
  async activate(
    subscriberId: string,
    prefs: SubscriberPreferences,
    now: Date,
  ): Promise<Subscriber> {
    const { Attributes } = await this.table.db.send(
      new UpdateCommand({
        TableName: this.table.tableName,
        Key: { PK: keys.subscriber(subscriberId), SK: keys.profile() },
        UpdateExpression: `SET #type = :type, subscriberId = :id, email = :email, perspective = :perspective,
          #timeZone = :timeZone, sendHour = :sendHour, #status = :active, updatedAt = :now,
          createdAt = if_not_exists(createdAt, :now), tokenVersion = if_not_exists(tokenVersion, :zero)
          ${prefs.firstName ? ', firstName = :firstName' : ' REMOVE firstName'}`,
        ExpressionAttributeNames: { '#type': 'type', '#status': 'status', '#timeZone': 'timeZone' },
        ExpressionAttributeValues: {
          ':type': 'subscriber',
          ':id': subscriberId,
          ':email': prefs.email,
          ':perspective': prefs.perspective,
          ':timeZone': prefs.timeZone,
          ':sendHour': prefs.sendHour,
          ':active': 'active',
          ':now': now.toISOString(),
          ':zero': 0,
          ...(prefs.firstName ? { ':firstName': prefs.firstName } : {}),
        },
        ReturnValues: 'ALL_NEW',
      }),
    );
    return subscriberItem.parse(Attributes);
  }

  async updateDelivery(
    subscriberId: string,
    change: { sendHour: number; timeZone: string },
    now: Date,
  ): Promise<void> {
    await this.table.db.send(
      new UpdateCommand({
        TableName: this.table.tableName,
        Key: { PK: keys.subscriber(subscriberId), SK: keys.profile() },
        UpdateExpression: 'SET sendHour = :sendHour, #timeZone = :timeZone, updatedAt = :now',
        ExpressionAttributeNames: { '#timeZone': 'timeZone' },
        ConditionExpression: 'attribute_exists(PK)',
        ExpressionAttributeValues: {
          ':sendHour': change.sendHour,
          ':timeZone': change.timeZone,
          ':now': now.toISOString(),
        },
      }),
    );
  }

  /** Makes every link made so far invalid; returns the profile with its new version. */
  async rotateTokenVersion(subscriberId: string, now: Date): Promise<Subscriber> {
    const { Attributes } = await this.table.db.send(
      new UpdateCommand({
        TableName: this.table.tableName,
        Key: { PK: keys.subscriber(subscriberId), SK: keys.profile() },
        UpdateExpression: 'SET tokenVersion = tokenVersion + :one, updatedAt = :now',
        ConditionExpression: 'attribute_exists(PK)',
        ExpressionAttributeValues: { ':one': 1, ':now': now.toISOString() },
        ReturnValues: 'ALL_NEW',
      }),
    );
    return subscriberItem.parse(Attributes);
  }

  /** Stops all mail to the subscriber; false when there is no such profile. */
  async markStopped(subscriberId: string, reason: StopReason, now: Date): Promise<boolean> {
    try {
      await this.table.db.send(
        new UpdateCommand({
          TableName: this.table.tableName,
          Key: { PK: keys.subscriber(subscriberId), SK: keys.profile() },
          UpdateExpression: 'SET #status = :reason, updatedAt = :now, stoppedAt = :now',
          ConditionExpression: 'attribute_exists(PK)',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':reason': reason, ':now': now.toISOString() },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }
}

export function toSubscriber(item: unknown): Subscriber {
  return subscriberItem.parse(item);
}

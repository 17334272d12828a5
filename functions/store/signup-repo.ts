import { DeleteCommand, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod/mini';
import { perspectiveSchema } from '../domain/course';
import { keys, type TableRef, TTL_ATTRIBUTE } from './table';

const signupItem = z.object({
  subscriberId: z.string(),
  nonce: z.string(),
  email: z.string(),
  firstName: z.optional(z.string()),
  perspective: perspectiveSchema,
  timeZone: z.string(),
  sendHour: z.int(),
  courseId: z.string(),
  /** Set when a practitioner invited this person rather than them signing up. */
  invitation: z.optional(
    z.object({
      practiceId: z.string(),
      practitionerName: z.string(),
      cadenceDays: z.int(),
      paceByAnswers: z.boolean(),
      startDate: z.iso.date(),
    }),
  ),
  createdAt: z.iso.datetime(),
  [TTL_ATTRIBUTE]: z.int(),
});

export type PendingSignup = z.infer<typeof signupItem>;

/**
 * A sign-up waiting for its confirmation. It is kept apart from the profile so that somebody
 * typing another person's address can never change that person's settings: only confirming
 * from the inbox applies them.
 */
export class SignupRepo {
  constructor(private readonly table: TableRef) {}

  async put(signup: PendingSignup): Promise<void> {
    await this.table.db.send(
      new PutCommand({
        TableName: this.table.tableName,
        Item: {
          PK: keys.subscriber(signup.subscriberId),
          SK: keys.signup(signup.nonce),
          type: 'signup',
          ...signup,
        },
      }),
    );
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
    const signup = signupItem.parse(Item);
    // DynamoDB's TTL deletes lazily (and not at all locally), so expiry is checked here.
    return signup[TTL_ATTRIBUTE] * 1000 > now.getTime() ? signup : undefined;
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

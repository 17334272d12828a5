import { DeleteCommand, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod/mini';
import { type Pair, type PairStatus, pairStatuses } from '../domain/pair';
import type { PairPlan } from '../domain/pair-pacing';
import { isConditionFailure, keys, type TableRef, TTL_ATTRIBUTE } from './table';

const memberSchema = z.object({ subscriberId: z.string(), enrollmentId: z.string() });
const planSchema = z.object({
  stage: z.int().check(z.nonnegative()),
  day: z.optional(z.iso.date()),
  cadenceDays: z.int().check(z.positive()),
});
const pairItem = z.object({
  pairId: z.string(),
  courseId: z.string(),
  members: z.tuple([memberSchema, memberSchema]),
  accepted: z.array(z.string()),
  status: z.enum(pairStatuses),
  pausedBy: z.optional(z.string()),
  plan: planSchema,
  practiceId: z.optional(z.string()),
  createdAt: z.iso.datetime(),
  invitedUntil: z.optional(z.int()),
});

/**
 * An invitation lapses at `expiresAt` (the domain's name), stored as `invitedUntil`; the item
 * itself is kept a while longer (the table's TTL attribute), so the inviter's page can say that
 * it lapsed rather than that a pair which never formed has ended.
 */
const KEEP_LAPSED_S = 30 * 86_400;

function toPair(item: unknown): Pair {
  const { invitedUntil, ...pair } = pairItem.parse(item);
  return { ...pair, expiresAt: invitedUntil };
}

/**
 * Pairs, one item each under `PAIR#<pairId>`: who the two members are, who has accepted, whether
 * the pair is paused and by whom, and its shared calendar. Every change is one conditional write
 * on this item; members' enrollments only point at it. Ending a pair deletes the item, so an
 * ended pair can show nothing to anyone from the next read on.
 */
export class PairRepo {
  constructor(private readonly table: TableRef) {}

  private key(pairId: string) {
    return { PK: keys.pair(pairId), SK: keys.pairItem() };
  }

  async get(pairId: string): Promise<Pair | undefined> {
    const { Item } = await this.table.db.send(
      new GetCommand({
        TableName: this.table.tableName,
        Key: this.key(pairId),
        ConsistentRead: true,
      }),
    );
    return Item ? toPair(Item) : undefined;
  }

  /** Stores a new invitation (status `invited`). */
  async create(pair: Pair): Promise<void> {
    await this.table.db.send(
      new PutCommand({
        TableName: this.table.tableName,
        Item: {
          ...this.key(pair.pairId),
          type: 'pair',
          ...pair,
          invitedUntil: pair.expiresAt,
          [TTL_ATTRIBUTE]:
            pair.expiresAt === undefined ? undefined : pair.expiresAt + KEEP_LAPSED_S,
        },
        ConditionExpression: 'attribute_not_exists(PK)',
      }),
    );
  }

  /**
   * Records that `subscriberId`, a member, said yes to an invitation still open at `now`.
   * Returns the pair as it now stands, or undefined when the invitation is gone or lapsed.
   */
  async accept(pairId: string, subscriberId: string, now: Date): Promise<Pair | undefined> {
    const pair = await this.get(pairId);
    if (!pair?.members.some((m) => m.subscriberId === subscriberId)) return undefined;
    if (pair.status !== 'invited') return pair;
    if (pair.expiresAt !== undefined && pair.expiresAt * 1000 <= now.getTime()) return undefined;
    if (pair.accepted.includes(subscriberId)) return pair;
    try {
      const { Attributes } = await this.table.db.send(
        new UpdateCommand({
          TableName: this.table.tableName,
          Key: this.key(pairId),
          UpdateExpression: 'SET accepted = list_append(accepted, :me)',
          // Two members accepting at once both append: the condition only keeps one person
          // from being counted twice, and whichever write comes second sees both.
          ConditionExpression: '#status = :invited AND NOT contains(accepted, :id)',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':me': [subscriberId],
            ':id': subscriberId,
            ':invited': 'invited',
          },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return toPair(Attributes);
    } catch (error) {
      if (isConditionFailure(error)) return this.get(pairId);
      throw error;
    }
  }

  /** Both said yes: the pair forms with its first calendar. False if it is not waiting to. */
  async form(pairId: string, plan: PairPlan): Promise<boolean> {
    return this.conditionally({
      Key: this.key(pairId),
      UpdateExpression: 'SET #status = :active, #plan = :plan REMOVE #ttl, invitedUntil',
      ConditionExpression: '#status = :invited AND size(accepted) = :two',
      ExpressionAttributeNames: { '#status': 'status', '#plan': 'plan', '#ttl': TTL_ATTRIBUTE },
      ExpressionAttributeValues: {
        ':active': 'active',
        ':invited': 'invited',
        ':plan': plan,
        ':two': 2,
      },
    });
  }

  /** One member pauses the pair. False if it is not active. */
  pause(pairId: string, by: string): Promise<boolean> {
    return this.conditionally({
      Key: this.key(pairId),
      UpdateExpression: 'SET #status = :paused, pausedBy = :by',
      ConditionExpression: '#status = :active',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':paused': 'paused', ':active': 'active', ':by': by },
    });
  }

  /** The member who paused the pair resumes it with a new calendar. */
  resume(pairId: string, by: string, plan: PairPlan): Promise<boolean> {
    return this.conditionally({
      Key: this.key(pairId),
      UpdateExpression: 'SET #status = :active, #plan = :plan REMOVE pausedBy',
      ConditionExpression: '#status = :paused AND pausedBy = :by',
      ExpressionAttributeNames: { '#status': 'status', '#plan': 'plan' },
      ExpressionAttributeValues: {
        ':paused': 'paused',
        ':active': 'active',
        ':by': by,
        ':plan': plan,
      },
    });
  }

  /**
   * Replaces the calendar, only if it is still `expected` (by stage and day): of two members
   * who find the same pair ready to align, one sets the day and the other reads it.
   */
  replacePlan(pairId: string, expected: PairPlan, plan: PairPlan): Promise<boolean> {
    return this.conditionally({
      Key: this.key(pairId),
      UpdateExpression: 'SET #plan = :plan',
      // A paused pair keeps its calendar too: a new pace set meanwhile applies on resuming.
      ConditionExpression: expected.day
        ? '#status IN (:active, :paused) AND #plan.stage = :stage AND #plan.#day = :day'
        : '#status IN (:active, :paused) AND #plan.stage = :stage AND attribute_not_exists(#plan.#day)',
      ExpressionAttributeNames: { '#status': 'status', '#plan': 'plan', '#day': 'day' },
      ExpressionAttributeValues: {
        ':active': 'active',
        ':paused': 'paused',
        ':plan': plan,
        ':stage': expected.stage,
        ...(expected.day ? { ':day': expected.day } : {}),
      },
    });
  }

  /**
   * Ends the pair: the item goes, and with it everything either member could see of the other.
   * With `whileStatus`, only a pair in that status (say, an invitation being withdrawn, which
   * must not end a pair that formed meanwhile). Returns the pair as it was, if it was ended.
   */
  async end(pairId: string, whileStatus?: PairStatus): Promise<Pair | undefined> {
    try {
      const { Attributes } = await this.table.db.send(
        new DeleteCommand({
          TableName: this.table.tableName,
          Key: this.key(pairId),
          ReturnValues: 'ALL_OLD',
          ...(whileStatus && {
            ConditionExpression: '#status = :status',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: { ':status': whileStatus },
          }),
        }),
      );
      return Attributes ? toPair(Attributes) : undefined;
    } catch (error) {
      if (isConditionFailure(error)) return undefined;
      throw error;
    }
  }

  private async conditionally(
    input: Omit<ConstructorParameters<typeof UpdateCommand>[0], 'TableName'>,
  ): Promise<boolean> {
    try {
      await this.table.db.send(new UpdateCommand({ ...input, TableName: this.table.tableName }));
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  }
}

import { GetCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod/mini';
import type { Answer } from '../domain/answer';
import { keys, queryAll, type TableRef } from './table';

const answerItem = z.object({
  enrollmentId: z.string(),
  questionId: z.string(),
  stageId: z.string(),
  text: z.string(),
  shared: z._default(z.boolean(), false),
  sharedWithPartner: z._default(z.boolean(), false),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});

/** A person's written answers, one item per question, so an edit is a single overwrite. */
export class AnswerRepo {
  constructor(private readonly table: TableRef) {}

  async get(
    subscriberId: string,
    enrollmentId: string,
    questionId: string,
  ): Promise<Answer | undefined> {
    const { Item } = await this.table.db.send(
      new GetCommand({
        TableName: this.table.tableName,
        Key: { PK: keys.subscriber(subscriberId), SK: keys.answer(enrollmentId, questionId) },
        ConsistentRead: true,
      }),
    );
    return Item ? answerItem.parse(Item) : undefined;
  }

  async save(
    subscriberId: string,
    answer: Omit<Answer, 'createdAt' | 'updatedAt' | 'sharedWithPartner'> & {
      sharedWithPartner?: boolean;
    },
    now: Date,
  ): Promise<Answer> {
    const { Attributes } = await this.table.db.send(
      new UpdateCommand({
        TableName: this.table.tableName,
        Key: {
          PK: keys.subscriber(subscriberId),
          SK: keys.answer(answer.enrollmentId, answer.questionId),
        },
        UpdateExpression:
          'SET #type = :type, enrollmentId = :enrollmentId, questionId = :questionId, stageId = :stageId, #text = :text, #shared = :shared, sharedWithPartner = :partner, updatedAt = :now, createdAt = if_not_exists(createdAt, :now)',
        ExpressionAttributeNames: { '#type': 'type', '#text': 'text', '#shared': 'shared' },
        ExpressionAttributeValues: {
          ':type': 'answer',
          ':enrollmentId': answer.enrollmentId,
          ':questionId': answer.questionId,
          ':stageId': answer.stageId,
          ':text': answer.text,
          ':shared': answer.shared,
          ':partner': answer.sharedWithPartner ?? false,
          ':now': now.toISOString(),
        },
        ReturnValues: 'ALL_NEW',
      }),
    );
    return answerItem.parse(Attributes);
  }

  /**
   * Whether any question of `stageId` in this enrollment has an answer. A page holds at most 1 MB
   * of answers, counted before the filter, so a person with long answers can have the one that
   * matters on a later page: pages are read until one counts a match, or none is left.
   */
  async hasAnswerInStage(
    subscriberId: string,
    enrollmentId: string,
    stageId: string,
  ): Promise<boolean> {
    let cursor: Record<string, unknown> | undefined;
    do {
      const { Count = 0, LastEvaluatedKey } = await this.table.db.send(
        new QueryCommand({
          TableName: this.table.tableName,
          KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
          FilterExpression: 'stageId = :stage',
          ExpressionAttributeValues: {
            ':pk': keys.subscriber(subscriberId),
            ':prefix': keys.answersOfEnrollment(enrollmentId),
            ':stage': stageId,
          },
          Select: 'COUNT',
          ExclusiveStartKey: cursor,
        }),
      );
      if (Count > 0) return true;
      cursor = LastEvaluatedKey;
    } while (cursor);
    return false;
  }

  /** Every answer of one enrollment, all pages: a partner's side of the together page. */
  async listForEnrollment(subscriberId: string, enrollmentId: string): Promise<Answer[]> {
    const items = await queryAll(this.table, {
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
      ExpressionAttributeValues: {
        ':pk': keys.subscriber(subscriberId),
        ':prefix': keys.answersOfEnrollment(enrollmentId),
      },
      ConsistentRead: true,
    });
    return items.map((item) => answerItem.parse(item));
  }

  async listForSubscriber(subscriberId: string): Promise<Answer[]> {
    const items = await queryAll(this.table, {
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
      ExpressionAttributeValues: {
        ':pk': keys.subscriber(subscriberId),
        ':prefix': keys.answerPrefix(),
      },
    });
    return items.map((item) => answerItem.parse(item));
  }
}

export function toAnswer(item: unknown): Answer {
  return answerItem.parse(item);
}

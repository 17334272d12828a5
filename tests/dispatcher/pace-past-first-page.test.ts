import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDispatch } from '../../functions/dispatcher/run-dispatch';
import type { EnrollmentKey } from '../../functions/domain/enrollment';
import { ANSWER_MAX } from '../../functions/services/answers';
import { keys } from '../../functions/store/table';
import { type Harness, startHarness } from '../support/harness';
import { seedActiveSubscriber } from '../support/seed';

/**
 * DynamoDB returns at most 1 MB per Query page, counted before any filter. A person who answered
 * all 34 questions at full length (20,000 characters) with accented letters has more than that
 * in their answers alone: 'é' is two bytes in UTF-8, which DynamoDB counts. Pacing must still see
 * the answer that sorts onto a later page.
 */
let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.stop();
});

async function dueAt(key: EnrollmentKey): Promise<Date> {
  const enrollment = await h.ctx.store.enrollments.get(key.subscriberId, key.enrollmentId);
  if (!enrollment?.dueAt) throw new Error('not due');
  return enrollment.dueAt;
}

describe('pacing by answers with more than 1 MB of answers', () => {
  it('sends the next stage when the answer to the last one sorts past the first page', async () => {
    const email = 'long.answers@example.com';
    const key = await seedActiveSubscriber(h.ctx, email, { cadenceDays: 1, paceByAnswers: true });
    const course = h.ctx.catalog.course(key.enrollmentId);
    expect((await runDispatch(h.ctx)).sent).toBe(1);

    // Someone who went through the course before and signed up again keeps every answer.
    // dynalite pages at 1 MB too, but counts a string's UTF-16 length rather than its UTF-8
    // bytes: this text is as large to dynalite as 20,000 'é' are to DynamoDB.
    const text = 'e'.repeat(Buffer.byteLength('é'.repeat(ANSWER_MAX), 'utf8'));
    let answers = 0;
    for (const stage of course.stages) {
      for (const question of stage.questions) {
        answers += 1;
        await h.ctx.store.answers.save(
          key.subscriberId,
          {
            enrollmentId: key.enrollmentId,
            questionId: question.id,
            stageId: stage.id,
            text,
            shared: false,
          },
          h.clock.now(),
        );
      }
    }
    expect(answers).toBe(42);
    const heldBy = course.stages[1]?.id;
    const firstPage = await h.ctx.store.table.db.send(
      new QueryCommand({
        TableName: h.ctx.store.table.tableName,
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :prefix)',
        ExpressionAttributeValues: {
          ':pk': keys.subscriber(key.subscriberId),
          ':prefix': keys.answersOfEnrollment(key.enrollmentId),
        },
      }),
    );
    expect(firstPage.LastEvaluatedKey).toBeDefined();
    expect(firstPage.Items?.some((item) => item.stageId === heldBy)).toBe(false);

    h.clock.advanceTo(await dueAt(key));
    expect((await runDispatch(h.ctx)).sent).toBe(1);
    h.clock.advanceTo(await dueAt(key));
    expect((await runDispatch(h.ctx)).sent).toBe(1);

    const subjects = (await h.mailTo(email)).map((mail) => mail.subject);
    const compiled = h.ctx.catalog.compiled(key.enrollmentId);
    expect(subjects).toEqual(compiled.stages.slice(0, 3).map((stage) => stage.subject));
  });
});

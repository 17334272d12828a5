import * as z from 'zod/mini';
import { findQuestion, type Question, type Stage } from '../domain/course';
import { NotFoundError } from '../domain/errors';
import type { Answer } from '../store/answer-repo';
import type { ServiceContext } from './context';
import type { SubscriberAccess } from './subscriber-access';

export const ANSWER_MAX = 20_000;

export const answerSchema = z.object({
  answer: z
    .string({ error: 'Write your answer in the box.' })
    .check(
      z.trim(),
      z.minLength(1, 'Write something before saving, even a few words.'),
      z.maxLength(
        ANSWER_MAX,
        `Answers can be up to ${ANSWER_MAX.toLocaleString('en')} characters.`,
      ),
    ),
});

export interface ReflectionView {
  courseTitle: string;
  stage: Stage;
  stageIndex: number;
  question: Question;
  answer?: Answer;
  /** Present when a practice enrolled the person: whether the box starts ticked. */
  sharing?: { checked: boolean };
}

/** The question a reflect link points to, and the answer already written, if any. */
export async function loadReflection(
  ctx: ServiceContext,
  access: SubscriberAccess,
): Promise<ReflectionView> {
  const { enrollmentId, questionId } = access.claims;
  if (!enrollmentId || !questionId) throw new NotFoundError('This question could not be found.');
  const { subscriberId } = access.subscriber;
  // Both reads at once: the page waits for one round trip, not two.
  const [enrollment, answer] = await Promise.all([
    ctx.store.enrollments.get(subscriberId, enrollmentId),
    ctx.store.answers.get(subscriberId, enrollmentId, questionId),
  ]);
  if (!enrollment || !ctx.catalog.has(enrollment.courseId)) {
    throw new NotFoundError('This question could not be found.');
  }
  const course = ctx.catalog.course(enrollment.courseId);
  const found = findQuestion(course, questionId);
  if (!found) throw new NotFoundError('This question is no longer part of the course.');
  const sharing = enrollment.practiceId
    ? { checked: answer ? answer.shared : enrollment.shareByDefault === true }
    : undefined;
  return { courseTitle: course.title, ...found, answer, sharing };
}

export async function saveAnswer(
  ctx: ServiceContext,
  access: SubscriberAccess,
  text: string,
  share: boolean,
): Promise<ReflectionView> {
  const view = await loadReflection(ctx, access);
  const answer = await ctx.store.answers.save(
    access.subscriber.subscriberId,
    {
      enrollmentId: access.claims.enrollmentId as string,
      questionId: view.question.id,
      stageId: view.stage.id,
      text,
      // Only a practice enrollment has anyone to share with.
      shared: view.sharing !== undefined && share,
    },
    ctx.clock.now(),
  );
  ctx.log.info('answer saved', {
    subscriber: access.subscriber.subscriberId,
    question: view.question.id,
  });
  return { ...view, answer, sharing: view.sharing && { checked: answer.shared } };
}

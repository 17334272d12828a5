import * as z from 'zod/mini';
import type { Answer } from '../domain/answer';
import { findQuestion, type Question, type Stage } from '../domain/course';
import { NotFoundError } from '../domain/errors';
import { standingIn } from '../domain/pair';
import { sharedInPair } from '../domain/reveal';
import { verifyToken } from '../domain/tokens';
import { withoutInvisibles } from '../domain/user-text';
import type { ServiceContext } from './context';
import { accessFor, type SubscriberAccess } from './subscriber-access';

export const ANSWER_MAX = 20_000;
/** "20,000", grouped by hand: Intl's number formatting takes milliseconds to load at cold start. */
const ANSWER_MAX_TEXT = String(ANSWER_MAX).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

export const answerSchema = z.object({
  answer: z
    .string({ error: 'Write your answer in the box.' })
    .check(
      z.overwrite(withoutInvisibles),
      z.trim(),
      z.minLength(1, 'Write something before saving, even a few words.'),
      z.maxLength(ANSWER_MAX, `Answers can be up to ${ANSWER_MAX_TEXT} characters.`),
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
  /** Present while the person takes the course with a partner: whether that box is ticked. */
  partnerSharing?: { checked: boolean };
}

export interface OpenedReflection {
  access: SubscriberAccess;
  view: ReflectionView;
}

/**
 * The question a reflect link points to, and the answer already written, if any. The profile
 * that validates the link is read with the enrollment and the answer, in one round trip; nothing
 * read is shown unless the link holds.
 */
export async function openReflection(
  ctx: ServiceContext,
  token: string,
): Promise<OpenedReflection> {
  const claims = verifyToken(token, 'reflect', ctx.secret, ctx.clock.now());
  const { subscriberId, enrollmentId, questionId } = claims;
  if (!enrollmentId || !questionId) {
    accessFor(claims, await ctx.store.subscribers.get(subscriberId));
    throw new NotFoundError('This question could not be found.');
  }
  const read = await ctx.store.reflections.read(subscriberId, enrollmentId, questionId);
  const access = accessFor(claims, read.subscriber);
  const { enrollment, answer } = read;
  if (!enrollment || !ctx.catalog.has(enrollment.courseId)) {
    throw new NotFoundError('This question could not be found.');
  }
  const course = ctx.catalog.course(enrollment.courseId);
  const found = findQuestion(course, questionId);
  if (!found) throw new NotFoundError('This question is no longer part of the course.');
  const sharing = enrollment.practiceId
    ? { checked: answer ? answer.shared : enrollment.shareByDefault === true }
    : undefined;
  const pair = enrollment.pairId ? await ctx.store.pairs.get(enrollment.pairId) : undefined;
  const paired = standingIn(pair, subscriberId, enrollment.pairId, ctx.clock.now());
  // Never ticked by default: sharing with a partner is a choice made answer by answer, and in
  // this pair (a share made with an earlier partner does not carry over).
  const partnerSharing =
    paired.kind === 'together'
      ? { checked: answer !== undefined && sharedInPair(answer, paired.pair) }
      : undefined;
  return {
    access,
    view: { courseTitle: course.title, ...found, answer, sharing, partnerSharing },
  };
}

export async function saveAnswer(
  ctx: ServiceContext,
  { access, view }: OpenedReflection,
  text: string,
  share: { practice: boolean; partner: boolean },
): Promise<ReflectionView> {
  const answer = await ctx.store.answers.save(
    access.subscriber.subscriberId,
    {
      enrollmentId: access.claims.enrollmentId as string,
      questionId: view.question.id,
      stageId: view.stage.id,
      text,
      // Only a practice enrollment has a practitioner to share with, and only a pair a partner.
      shared: view.sharing !== undefined && share.practice,
      sharedWithPartner: view.partnerSharing !== undefined && share.partner,
    },
    ctx.clock.now(),
  );
  ctx.log.info('answer saved', {
    subscriber: access.subscriber.subscriberId,
    question: view.question.id,
  });
  return {
    ...view,
    answer,
    sharing: view.sharing && { checked: answer.shared },
    partnerSharing: view.partnerSharing && { checked: answer.sharedWithPartner },
  };
}

import type { Answer } from '../domain/answer';
import type { Question } from '../domain/course';
import { revealedAnswers } from '../domain/reveal';
import type { ServiceContext } from './context';
import { lookUpPair } from './pair-lookup';
import type { SubscriberAccess } from './subscriber-access';

export interface TogetherEntry {
  question: Question;
  mine: Answer;
  theirs: Answer;
}

export interface TogetherStage {
  stageIndex: number;
  title: string;
  entries: TogetherEntry[];
}

export interface TogetherView {
  /** False once the pair has ended (or never was): nothing of the other is shown then. */
  together: boolean;
  courseTitle?: string;
  stages: TogetherStage[];
}

/**
 * The pair's revealed answers, side by side, by stage: only questions both answered and both
 * chose to share (`reveal.ts`). The pair item is read first and decides: an ended pair, or one
 * that does not list this person, shows nothing.
 */
export async function loadTogether(
  ctx: ServiceContext,
  access: SubscriberAccess,
): Promise<TogetherView> {
  const { subscriberId } = access.subscriber;
  const { standing, enrollment } = await lookUpPair(ctx, subscriberId);
  if (standing.kind !== 'together' || !enrollment) return { together: false, stages: [] };
  const { partner, pair } = standing;
  const [mine, theirs] = await Promise.all([
    ctx.store.answers.listForEnrollment(subscriberId, enrollment.enrollmentId),
    ctx.store.answers.listForEnrollment(partner.subscriberId, partner.enrollmentId),
  ]);
  const revealed = new Map(revealedAnswers(mine, theirs, pair).map((r) => [r.questionId, r]));
  if (!ctx.catalog.has(pair.courseId)) return { together: true, stages: [] };
  const course = ctx.catalog.course(pair.courseId);
  const stages = course.stages
    .map((stage, stageIndex) => ({
      stageIndex,
      title: stage.title,
      entries: stage.questions.flatMap((question) => {
        const found = revealed.get(question.id);
        return found ? [{ question, mine: found.mine, theirs: found.theirs }] : [];
      }),
    }))
    .filter((stage) => stage.entries.length > 0);
  return { together: true, courseTitle: course.title, stages };
}

import type { Answer } from '../domain/answer';
import { isAskedOf, type Question } from '../domain/course';
import type { ServiceContext } from './context';
import type { SubscriberAccess } from './subscriber-access';

export interface JournalEntry {
  question: Question;
  answer?: Answer;
  reflectUrl: string;
}

export interface JournalStage {
  stageIndex: number;
  title: string;
  entries: JournalEntry[];
}

export interface JournalCourse {
  courseTitle: string;
  stageCount: number;
  stages: JournalStage[];
}

/** Every stage a person has received, in course order, with their answers beside the questions. */
export async function loadJournal(
  ctx: ServiceContext,
  access: SubscriberAccess,
): Promise<JournalCourse[]> {
  const { subscriberId, tokenVersion, perspective } = access.subscriber;
  const [enrollments, answers] = await Promise.all([
    ctx.store.enrollments.listForSubscriber(subscriberId),
    ctx.store.answers.listForSubscriber(subscriberId),
  ]);
  const byKey = new Map(answers.map((a) => [`${a.enrollmentId}/${a.questionId}`, a]));
  return enrollments
    .filter((enrollment) => ctx.catalog.has(enrollment.courseId))
    .map((enrollment) => {
      const course = ctx.catalog.course(enrollment.courseId);
      const received = course.stages.slice(0, enrollment.nextStage);
      return {
        courseTitle: course.title,
        stageCount: course.stages.length,
        stages: received.map((stage, stageIndex) => ({
          stageIndex,
          title: stage.title,
          // A question for another perspective stays if it was answered (say, before a change).
          entries: stage.questions
            .map((question) => ({
              question,
              answer: byKey.get(`${enrollment.enrollmentId}/${question.id}`),
              reflectUrl: ctx.links.reflect(
                subscriberId,
                tokenVersion,
                enrollment.enrollmentId,
                question.id,
              ),
            }))
            .filter((entry) => entry.answer || isAskedOf(entry.question, perspective)),
        })),
      };
    });
}

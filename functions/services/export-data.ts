import { findQuestion } from '../domain/course';
import type { ServiceContext } from './context';
import type { SubscriberAccess } from './subscriber-access';

/** Everything held about a person, as they would want to take it away. */
export async function exportSubscriberData(ctx: ServiceContext, access: SubscriberAccess) {
  const { subscriberId } = access.subscriber;
  const [enrollments, answers, sends] = await Promise.all([
    ctx.store.enrollments.listForSubscriber(subscriberId),
    ctx.store.answers.listForSubscriber(subscriberId),
    ctx.store.sends.listForSubscriber(subscriberId),
  ]);
  const courseOf = new Map(enrollments.map((e) => [e.enrollmentId, e.courseId]));
  const questionText = (enrollmentId: string, questionId: string) => {
    const courseId = courseOf.get(enrollmentId);
    if (!courseId || !ctx.catalog.has(courseId)) return undefined;
    return findQuestion(ctx.catalog.course(courseId), questionId)?.question.text;
  };
  const { email, firstName, perspective, timeZone, sendHour, status, createdAt } =
    access.subscriber;
  return {
    exportedAt: ctx.clock.now().toISOString(),
    profile: { email, firstName, perspective, timeZone, sendHour, status, createdAt },
    enrollments: enrollments.map((e) => ({
      courseId: e.courseId,
      status: e.status,
      stagesReceived: e.nextStage,
      cadenceDays: e.cadenceDays,
      sendHour: e.sendHour,
      timeZone: e.timeZone,
      nextEmailAt: e.dueAt?.toISOString(),
      lastEmailAt: e.lastSentAt?.toISOString(),
      startedAt: e.createdAt.toISOString(),
    })),
    answers: answers.map((a) => ({
      courseId: courseOf.get(a.enrollmentId),
      stageId: a.stageId,
      questionId: a.questionId,
      question: questionText(a.enrollmentId, a.questionId),
      answer: a.text,
      sharedWithPractitioner: a.shared,
      sharedWithPartner: a.sharedWithPartner,
      writtenAt: a.createdAt,
      changedAt: a.updatedAt,
    })),
    emailsSent: sends.map((s) => ({
      courseId: courseOf.get(s.enrollmentId),
      stageId: s.stageId,
      sentAt: s.sentAt,
    })),
  };
}

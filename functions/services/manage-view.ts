import type { Enrollment } from '../domain/enrollment';
import type { Subscriber } from '../domain/subscriber';
import type { ServiceContext } from './context';
import { lookUpPairIn } from './pair-lookup';
import type { SubscriberAccess } from './subscriber-access';

export interface ManagedCourse {
  enrollment: Enrollment;
  courseTitle: string;
  stageCount: number;
}

export interface ManageView {
  subscriber: Subscriber;
  courses: ManagedCourse[];
  /** The pace the settings form starts from: the first enrollment's, or its course's default. */
  cadenceDays: number;
  journalUrl: string;
  unsubscribeUrl: string;
  partnerUrl: string;
  /** Set while the person takes the course with a partner: the pair's pace, and who paused. */
  pair?: { cadenceDays: number; pausedBy?: 'you' | 'partner' };
}

/** What the settings page shows a person: each of their courses, where they are in it, links. */
export async function loadManageView(
  ctx: ServiceContext,
  access: SubscriberAccess,
): Promise<ManageView> {
  const { subscriber } = access;
  const enrollments = await ctx.store.enrollments.listForSubscriber(subscriber.subscriberId);
  const { standing } = await lookUpPairIn(ctx, subscriber.subscriberId, enrollments);
  const courses = enrollments
    .filter((enrollment) => ctx.catalog.has(enrollment.courseId))
    .map((enrollment) => {
      const course = ctx.catalog.course(enrollment.courseId);
      return { enrollment, courseTitle: course.title, stageCount: course.stages.length };
    });
  const first = courses[0]?.enrollment;
  return {
    subscriber,
    courses,
    cadenceDays: first?.cadenceDays ?? ctx.catalog.course(ctx.defaultCourseId).defaultCadenceDays,
    journalUrl: ctx.links.journal(subscriber.subscriberId, subscriber.tokenVersion),
    unsubscribeUrl: ctx.links.unsubscribe(subscriber.subscriberId, subscriber.tokenVersion),
    partnerUrl: ctx.links.partner(subscriber.subscriberId, subscriber.tokenVersion),
    pair:
      standing.kind === 'together'
        ? { cadenceDays: standing.pair.plan.cadenceDays, pausedBy: standing.pausedBy }
        : undefined,
  };
}

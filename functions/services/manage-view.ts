import type { Enrollment } from '../domain/enrollment';
import type { Subscriber } from '../domain/subscriber';
import type { ServiceContext } from './context';
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
}

/** What the settings page shows a person: each of their courses, where they are in it, links. */
export async function loadManageView(
  ctx: ServiceContext,
  access: SubscriberAccess,
): Promise<ManageView> {
  const { subscriber } = access;
  const enrollments = await ctx.store.enrollments.listForSubscriber(subscriber.subscriberId);
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
  };
}

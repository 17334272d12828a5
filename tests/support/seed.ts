import type { Perspective } from '../../functions/domain/course';
import { subscriberIdFor } from '../../functions/domain/email-address';
import type { EnrollmentKey } from '../../functions/domain/enrollment';
import type { ServiceContext } from '../../functions/services/context';

export interface SeedOptions {
  perspective?: Perspective;
  courseId?: string;
  cadenceDays?: number;
  sendHour?: number;
  timeZone?: string;
  /** Each stage waits for an answer to the one before, as a practice may choose. */
  paceByAnswers?: boolean;
}

/** A confirmed subscriber whose first stage is due now, written through the real store. */
export async function seedActiveSubscriber(
  ctx: ServiceContext,
  email: string,
  options: SeedOptions = {},
): Promise<EnrollmentKey> {
  const now = ctx.clock.now();
  const subscriberId = subscriberIdFor(email, ctx.secret);
  const courseId = options.courseId ?? ctx.defaultCourseId;
  const schedule = {
    sendHour: options.sendHour ?? 8,
    timeZone: options.timeZone ?? 'Europe/London',
    cadenceDays: options.cadenceDays ?? 3,
  };
  await ctx.store.subscribers.activate(
    subscriberId,
    { email, perspective: options.perspective ?? 'mutual', ...schedule },
    now,
  );
  await ctx.store.enrollments.create({
    subscriberId,
    enrollmentId: courseId,
    courseId,
    createdAt: now,
    dueAt: now,
    paceByAnswers: options.paceByAnswers,
    ...schedule,
  });
  return { subscriberId, enrollmentId: courseId };
}

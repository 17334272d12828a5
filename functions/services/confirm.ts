import { maskEmail } from '../domain/email-address';
import { InvalidLinkError } from '../domain/errors';
import type { PendingSignup } from '../store/signup-repo';
import type { ServiceContext } from './context';

export type ConfirmOutcome = 'confirmed' | 'already-confirmed';

/** The sign-up a confirmation link stands for, or why the link cannot be used. */
export async function findPendingSignup(
  ctx: ServiceContext,
  subscriberId: string,
  nonce: string,
): Promise<PendingSignup | 'already-confirmed'> {
  const signup = await ctx.store.signups.get(subscriberId, nonce, ctx.clock.now());
  if (signup) return signup;
  const profile = await ctx.store.subscribers.get(subscriberId);
  if (profile?.status === 'active') return 'already-confirmed';
  throw new InvalidLinkError('This confirmation link has already been used or is no longer valid.');
}

/**
 * Applies a confirmed sign-up: the profile takes its settings, and the enrollment starts (or
 * starts again) due now, so the welcome goes out on the next dispatcher run. Each step is a
 * single-item write that is safe to repeat, and the pending sign-up is deleted last, so a crash
 * part-way leaves a link that still works.
 */
export async function confirmSignup(
  ctx: ServiceContext,
  subscriberId: string,
  nonce: string,
): Promise<ConfirmOutcome> {
  const signup = await findPendingSignup(ctx, subscriberId, nonce);
  if (signup === 'already-confirmed') return signup;
  const now = ctx.clock.now();
  await ctx.store.subscribers.activate(subscriberId, signup, now);
  const schedule = {
    sendHour: signup.sendHour,
    timeZone: signup.timeZone,
    cadenceDays: ctx.catalog.course(signup.courseId).defaultCadenceDays,
  };
  const key = { subscriberId, enrollmentId: signup.courseId };
  const created = await ctx.store.enrollments.create({
    ...key,
    courseId: signup.courseId,
    createdAt: now,
    dueAt: now,
    ...schedule,
  });
  if (!created) {
    const existing = await ctx.store.enrollments.get(subscriberId, signup.courseId);
    if (existing?.status === 'completed') {
      // Someone coming back after finishing starts the course again from the welcome.
      await ctx.store.enrollments.activate(key, ['completed'], now, now, 0);
    } else if (existing && existing.status !== 'active') {
      // Coming back after leaving: carry on from where they were, nothing lost.
      await ctx.store.enrollments.activate(key, [existing.status], now, now);
    }
    await ctx.store.enrollments.updateSchedule(
      key,
      { ...schedule, cadenceDays: existing?.cadenceDays ?? schedule.cadenceDays },
      undefined,
      now,
    );
  }
  await ctx.store.signups.delete(subscriberId, nonce);
  ctx.log.info('subscription confirmed', { to: maskEmail(signup.email), course: signup.courseId });
  return 'confirmed';
}

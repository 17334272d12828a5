import * as z from 'zod/mini';
import { perspectives } from '../domain/course';
import { maskEmail } from '../domain/email-address';
import { InvalidLinkError } from '../domain/errors';
import { practiceEnrollmentId } from '../domain/practice';
import type { Schedule } from '../domain/schedule';
import type { PendingSignup } from '../domain/signup';
import { atLocalHour } from '../domain/zoned-time';
import type { ServiceContext } from './context';
import { sendHourField, timeZoneField } from './fields';

export type ConfirmOutcome = 'confirmed' | 'already-confirmed';

/** What an invited client chooses on the consent page. */
export const consentSchema = z.object({
  share: z.enum(['yes', 'no'], { error: 'Choose whether your answers are shared.' }),
  perspective: z._default(
    z.enum(perspectives, { error: 'Choose one of the perspectives.' }),
    'mutual',
  ),
  sendHour: sendHourField,
  timezone: timeZoneField,
});

export type Consent = z.infer<typeof consentSchema>;

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
 * Applies a confirmed sign-up or accepted invitation: the profile takes its settings, and the
 * enrollment starts (or starts again). Each step is a single-item write that is safe to repeat,
 * and the pending sign-up is deleted last, so a crash part-way leaves a link that still works.
 */
export async function confirmSignup(
  ctx: ServiceContext,
  subscriberId: string,
  nonce: string,
  consent?: Consent,
): Promise<ConfirmOutcome> {
  const found = await findPendingSignup(ctx, subscriberId, nonce);
  if (found === 'already-confirmed') return found;
  const signup: PendingSignup = consent
    ? {
        ...found,
        perspective: consent.perspective,
        sendHour: consent.sendHour,
        timeZone: consent.timezone,
      }
    : found;
  const now = ctx.clock.now();
  await ctx.store.subscribers.activate(subscriberId, signup, now);
  if (signup.invitation) {
    if (!consent) throw new InvalidLinkError('This invitation needs your answer on its page.');
    await startPracticeEnrollment(ctx, signup, consent, now);
  } else {
    await startOwnEnrollment(ctx, signup, now);
  }
  await ctx.store.signups.delete(subscriberId, nonce);
  ctx.log.info('subscription confirmed', { to: maskEmail(signup.email), course: signup.courseId });
  return 'confirmed';
}

async function startOwnEnrollment(ctx: ServiceContext, signup: PendingSignup, now: Date) {
  const { subscriberId, courseId } = signup;
  const schedule: Schedule = {
    sendHour: signup.sendHour,
    timeZone: signup.timeZone,
    cadenceDays: ctx.catalog.course(courseId).defaultCadenceDays,
  };
  const key = { subscriberId, enrollmentId: courseId };
  if (
    await ctx.store.enrollments.create({
      ...key,
      courseId,
      createdAt: now,
      dueAt: now,
      ...schedule,
    })
  ) {
    return;
  }
  const existing = await ctx.store.enrollments.get(subscriberId, courseId);
  if (existing?.status === 'completed') {
    // Someone coming back after finishing starts the course again from the welcome.
    await ctx.store.enrollments.activate(key, ['completed'], now, now, { restartAtStage: 0 });
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

async function startPracticeEnrollment(
  ctx: ServiceContext,
  signup: PendingSignup,
  consent: Consent,
  now: Date,
) {
  const invitation = signup.invitation as NonNullable<PendingSignup['invitation']>;
  const { subscriberId, courseId } = signup;
  const [year, month, day] = invitation.startDate.split('-').map(Number) as [
    number,
    number,
    number,
  ];
  const start = atLocalHour({ year, month, day }, signup.sendHour, signup.timeZone);
  const dueAt = start.getTime() > now.getTime() ? start : now;
  const enrollmentId = practiceEnrollmentId(courseId, invitation.practiceId);
  const created = await ctx.store.enrollments.create({
    subscriberId,
    enrollmentId,
    courseId,
    createdAt: now,
    dueAt,
    sendHour: signup.sendHour,
    timeZone: signup.timeZone,
    cadenceDays: invitation.cadenceDays,
    practiceId: invitation.practiceId,
    shareByDefault: consent.share === 'yes',
    paceByAnswers: invitation.paceByAnswers,
  });
  if (!created) {
    const existing = await ctx.store.enrollments.get(subscriberId, enrollmentId);
    if (existing && existing.status !== 'active' && existing.status !== 'completed') {
      await ctx.store.enrollments.activate(
        { subscriberId, enrollmentId },
        [existing.status],
        dueAt,
        now,
      );
    }
  }
}

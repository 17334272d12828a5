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
import { joinPair, openPairInvitation } from './pair-join';

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

/** What someone invited by their partner chooses: their own perspective, hour and time zone. */
export const partnerConsentSchema = z.object({
  perspective: z._default(
    z.enum(perspectives, { error: 'Choose one of the perspectives.' }),
    'mutual',
  ),
  sendHour: sendHourField,
  timezone: timeZoneField,
});

/** The choices an invitation's page collects: a practice's client also says whether to share. */
export type Choices = z.infer<typeof partnerConsentSchema> & { share?: Consent['share'] };

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
  consent?: Choices,
): Promise<ConfirmOutcome> {
  const found = await findPendingSignup(ctx, subscriberId, nonce);
  if (found === 'already-confirmed') return found;
  // Checked before anything is written: an invitation to a pair that is gone creates nothing.
  const pair = await openPairInvitation(ctx, found);
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
  if ((signup.invitation || signup.partner) && !consent) {
    throw new InvalidLinkError('This invitation needs your answer on its page.');
  }
  const enrollmentId =
    signup.invitation && consent
      ? await startPracticeEnrollment(ctx, signup, consent, now)
      : await startOwnEnrollment(ctx, signup, now, pair?.plan.cadenceDays);
  if (pair) await joinPair(ctx, pair, { subscriberId, enrollmentId });
  await ctx.store.signups.delete(subscriberId, nonce);
  ctx.log.info('subscription confirmed', { to: maskEmail(signup.email), course: signup.courseId });
  return 'confirmed';
}

/** Starts (or restarts) the person's own enrollment; a pair's pace replaces their own. */
async function startOwnEnrollment(
  ctx: ServiceContext,
  signup: PendingSignup,
  now: Date,
  pairCadenceDays?: number,
): Promise<string> {
  const { subscriberId, courseId } = signup;
  const schedule: Schedule = {
    sendHour: signup.sendHour,
    timeZone: signup.timeZone,
    cadenceDays: pairCadenceDays ?? ctx.catalog.course(courseId).defaultCadenceDays,
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
    return courseId;
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
    { ...schedule, cadenceDays: pairCadenceDays ?? existing?.cadenceDays ?? schedule.cadenceDays },
    undefined,
    now,
  );
  return courseId;
}

async function startPracticeEnrollment(
  ctx: ServiceContext,
  signup: PendingSignup,
  consent: Choices,
  now: Date,
): Promise<string> {
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
  return enrollmentId;
}

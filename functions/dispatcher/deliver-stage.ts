import { type EnrollmentKey, progressAfterSend } from '../domain/enrollment';
import { composeStageEmail } from '../mail/compose-email';
import { classifySendFailure, retryDelayMs } from '../mail/send-failure';
import type { ServiceContext } from '../services/context';
import { stopAllMail } from '../services/stop-mail';
import { holdForAnswer } from './pace-by-answers';
import { pairedProgress, pairGate } from './pair-gate';

/** `misconfigured`: SES refused for want of a verified identity; it will be tried again. */
export type DeliveryOutcome = 'sent' | 'skipped' | 'retried' | 'failed' | 'misconfigured';

/** How long a claim holds before another run may take the stage over. */
export const CLAIM_LEASE_MS = 5 * 60_000;

/** SES refuses to send for the whole account: the run stops and every enrollment stays due. */
export class AccountBlockedError extends Error {
  override name = 'AccountBlockedError';
}

/**
 * Sends the next stage of one due enrollment: claim → render → send → record. The claim is a
 * conditional write, so of two runs that find the same item only one sends it. Dying after the
 * send but before the record leaves the claim to lapse, and the stage goes again (at worst
 * twice, never skipped); see docs/delivery.md. `now` is the moment of the claim: the lease, the
 * record of the send and any retry are measured from it, not from the start of the run.
 */
export async function deliverStage(
  ctx: ServiceContext,
  key: EnrollmentKey,
  now: Date,
): Promise<DeliveryOutcome> {
  // The profile is read alongside the claim: one round trip, and a wasted read only when
  // another run holds the claim.
  const [enrollment, subscriber] = await Promise.all([
    ctx.store.delivery.claim(key, now, new Date(now.getTime() + CLAIM_LEASE_MS)),
    ctx.store.subscribers.get(key.subscriberId),
  ]);
  if (!enrollment) return 'skipped';

  if (subscriber?.status !== 'active') {
    await ctx.store.enrollments.deactivate(key, subscriber?.status ?? 'unsubscribed', now);
    return 'skipped';
  }
  if (!ctx.catalog.has(enrollment.courseId)) {
    ctx.log.error('enrollment in an unknown course', { course: enrollment.courseId });
    await ctx.store.delivery.releaseClaim(key, new Date(now.getTime() + retryDelayMs(8)));
    return 'failed';
  }
  const course = ctx.catalog.course(enrollment.courseId);
  const stageIndex = enrollment.nextStage;
  const stage = course.stages[stageIndex];
  if (!stage) {
    await ctx.store.delivery.recordSent(key, stageIndex, now, {
      status: 'completed',
      nextStage: stageIndex,
    });
    return 'skipped';
  }

  const gate = await pairGate(ctx, enrollment, now);
  if (gate.kind === 'held') return 'skipped';
  if (await holdForAnswer(ctx, enrollment, subscriber, course, now)) return 'skipped';

  const email = composeStageEmail(
    ctx.catalog,
    ctx.links,
    ctx.mail,
    subscriber,
    subscriber.perspective,
    { enrollmentId: enrollment.enrollmentId, courseId: enrollment.courseId, stageIndex },
  );
  let messageId: string;
  try {
    ({ messageId } = await ctx.mailer.send(email));
  } catch (error) {
    const failure = classifySendFailure(error);
    if (failure === 'account') {
      await ctx.store.delivery.releaseClaim(key);
      throw new AccountBlockedError(error instanceof Error ? error.name : 'unknown', {
        cause: error,
      });
    }
    if (failure === 'rejected') {
      ctx.log.warn('SES rejected a message; address suppressed', { subscriber: key.subscriberId });
      await stopAllMail(ctx, key.subscriberId, 'bounced');
      return 'failed';
    }
    // Every other refusal leaves the person alone: the stage stays due, after a backoff.
    const attempt = (enrollment.sendAttempts ?? 0) + 1;
    await ctx.store.delivery.releaseClaim(key, new Date(now.getTime() + retryDelayMs(attempt)));
    if (failure === 'configuration') return 'misconfigured';
    if (failure === 'message') {
      ctx.log.warn('SES refused this message as a bad request; will retry', {
        subscriber: key.subscriberId,
        stage: stageIndex,
        attempt,
      });
      return 'failed';
    }
    return 'retried';
  }

  await ctx.store.sends.record(key.subscriberId, {
    enrollmentId: enrollment.enrollmentId,
    stageIndex,
    stageId: stage.id,
    sentAt: now.toISOString(),
    messageId,
  });
  const progress =
    gate.kind === 'together'
      ? await pairedProgress(ctx, gate, enrollment, course, now)
      : progressAfterSend(course, stageIndex, now, enrollment);
  await ctx.store.delivery.recordSent(key, stageIndex, now, progress);
  return 'sent';
}

import type { StopReason } from '../domain/enrollment';
import type { CoreContext } from './context';
import { endPair } from './pair-actions';

/**
 * Stops all mail to a subscriber at once (unsubscribe, permanent bounce, complaint): the
 * profile, then every enrollment, each a single-item write, then any pair they were in ends.
 * Nothing of theirs is deleted.
 */
export async function stopAllMail(
  ctx: CoreContext,
  subscriberId: string,
  reason: StopReason,
): Promise<boolean> {
  const now = ctx.clock.now();
  if (!(await ctx.store.subscribers.markStopped(subscriberId, reason, now))) return false;
  const enrollments = await ctx.store.enrollments.listForSubscriber(subscriberId);
  await Promise.all(
    enrollments
      .filter((enrollment) => enrollment.status !== reason)
      .map((enrollment) => ctx.store.enrollments.deactivate(enrollment, reason, now)),
  );
  // Leaving ends a pair: the other goes on alone, told only that the pair has ended.
  for (const enrollment of enrollments) {
    if (enrollment.pairId) await endPair(ctx, enrollment.pairId, subscriberId);
  }
  ctx.log.info('mail stopped', {
    subscriber: subscriberId,
    reason,
    enrollments: enrollments.length,
  });
  return true;
}

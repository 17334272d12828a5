import type { ServiceContext } from './context';

/** Stops all mail to a subscriber at once: the profile and every enrollment, nothing deleted. */
export async function unsubscribe(ctx: ServiceContext, subscriberId: string): Promise<void> {
  const now = ctx.clock.now();
  await ctx.store.subscribers.markUnsubscribed(subscriberId, now);
  const enrollments = await ctx.store.enrollments.listForSubscriber(subscriberId);
  await Promise.all(
    enrollments
      .filter((enrollment) => enrollment.status !== 'unsubscribed')
      .map((enrollment) => ctx.store.enrollments.deactivate(enrollment, 'unsubscribed', now)),
  );
  ctx.log.info('unsubscribed', { subscriber: subscriberId, enrollments: enrollments.length });
}

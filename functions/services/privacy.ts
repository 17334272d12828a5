import { maskEmail } from '../domain/email-address';
import { ErasureIncompleteError } from '../domain/errors';
import { composeLinksEmail, composeSystemEmail } from '../mail/compose-email';
import type { ServiceContext } from './context';
import { endPair } from './pair-actions';
import type { SubscriberAccess } from './subscriber-access';

/**
 * "Sign out of all links": every link made so far stops working, and the person is sent a
 * fresh set at once, so they are never locked out of their own journal.
 */
export async function signOutEverywhere(
  ctx: ServiceContext,
  access: SubscriberAccess,
): Promise<void> {
  const { subscriberId } = access.subscriber;
  const renewed = await ctx.store.subscribers.rotateTokenVersion(subscriberId, ctx.clock.now());
  const [enrollment] = await ctx.store.enrollments.listForSubscriber(subscriberId);
  const courseId = enrollment?.courseId ?? ctx.defaultCourseId;
  await ctx.mailer.send(
    composeLinksEmail('new-links', ctx.catalog, ctx.links, ctx.mail, renewed, courseId),
  );
  ctx.log.info('links revoked', { subscriber: subscriberId, version: renewed.tokenVersion });
}

/**
 * Deletes everything held about a person. A suppression marker (keyed by their id, a keyed hash
 * of the address, with nothing else in it) is written first; then every other item, the profile
 * last, so an interrupted deletion can be retried from the same link. If DynamoDB keeps refusing
 * some deletes, `ErasureIncompleteError` tells the person to try again. The confirmation email is
 * composed from what was read before anything was deleted, and sent once all is gone.
 */
export async function deleteEverything(
  ctx: ServiceContext,
  access: SubscriberAccess,
): Promise<void> {
  const { subscriberId, email, firstName } = access.subscriber;
  // It carries no link back: there is nothing left to link to.
  const farewell = composeSystemEmail(
    ctx.catalog,
    ctx.mail,
    'data-deleted',
    { email, firstName },
    {},
  );
  const now = ctx.clock.now();
  await ctx.store.erasure.markSuppressed(subscriberId, now);
  // Practices keep a row saying the client left, with nothing that identifies them; a pair
  // ends, and its item (which names both) goes with it.
  for (const enrollment of await ctx.store.enrollments.listForSubscriber(subscriberId)) {
    if (enrollment.practiceId)
      await ctx.store.clients.forget(enrollment.practiceId, subscriberId, now);
    if (enrollment.pairId) await endPair(ctx, enrollment.pairId, subscriberId);
  }
  const { erased, notErased } = await ctx.store.erasure.eraseAll(subscriberId);
  if (notErased > 0) {
    // The enrollments went first, so no stage follows; the farewell waits until all is gone.
    ctx.log.warn('subscriber erasure incomplete; the person can retry', {
      subscriber: subscriberId,
      items: erased,
      left: notErased,
    });
    throw new ErasureIncompleteError();
  }
  ctx.log.info('subscriber erased', { subscriber: subscriberId, items: erased });
  try {
    await ctx.mailer.send(farewell);
  } catch (error) {
    // The deletion stands; only the courtesy email is lost.
    ctx.log.warn('deletion confirmation not sent', {
      to: maskEmail(email),
      error: error instanceof Error ? error.name : 'unknown',
    });
  }
}

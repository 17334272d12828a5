import type { ServiceContext } from './context';
import { endPair } from './pair-actions';
import { lookUpPair } from './pair-lookup';
import { withdrawInvitation } from './partner-invite';
import type { SubscriberAccess } from './subscriber-access';

/**
 * "Stop sharing and unpair": ends the pair this person is in (or withdraws the invitation they
 * are waiting on). The pair item goes first, so every shared answer disappears from the other
 * side from that moment; nothing is sent to the other, whose page then says only that the pair
 * has ended.
 */
export async function unpair(ctx: ServiceContext, access: SubscriberAccess): Promise<void> {
  const { subscriberId } = access.subscriber;
  const { standing, enrollment } = await lookUpPair(ctx, subscriberId);
  if (standing.kind === 'waiting') return withdrawInvitation(ctx, access);
  if (standing.kind === 'together') return endPair(ctx, standing.pair.pairId, subscriberId);
  // Already over: forget the pointer too, so the page stops saying so.
  if ((standing.kind === 'ended' || standing.kind === 'lapsed') && enrollment?.pairId) {
    await ctx.store.enrollments.dropPair(enrollment, enrollment.pairId, ctx.clock.now());
  }
}

import type { EnrollmentKey } from '../domain/enrollment';
import { ConflictError, InvalidLinkError } from '../domain/errors';
import { isOpenInvitation, memberOf, type Pair } from '../domain/pair';
import type { PendingSignup } from '../domain/signup';
import type { CoreContext } from './context';
import { formPair } from './pair-actions';
import { lookUpPair } from './pair-lookup';

const NO_LONGER_OPEN =
  'This invitation is no longer open. Nothing has been shared, and nothing has changed for anyone.';

/**
 * The pair an invitation to a pair is for (undefined for any other sign-up), while it is still
 * open and names the invitee; else `InvalidLinkError`. A withdrawn, replaced or lapsed one
 * keeps its pending sign-up until it lapses, but its page shows nothing of it, the note
 * included, and accepting it writes nothing.
 */
export async function stillOpenPairInvitation(
  ctx: CoreContext,
  signup: PendingSignup,
): Promise<Pair | undefined> {
  if (!signup.pairId) return undefined;
  const pair = await ctx.store.pairs.get(signup.pairId);
  if (!isOpenInvitation(pair, ctx.clock.now()) || !memberOf(pair, signup.subscriberId)) {
    throw new InvalidLinkError(NO_LONGER_OPEN);
  }
  return pair;
}

/**
 * Before anything is written for an invitee: the invitation is still open, names them, and they
 * are not taking the course with somebody else.
 */
export async function openPairInvitation(
  ctx: CoreContext,
  signup: PendingSignup,
): Promise<Pair | undefined> {
  const pair = await stillOpenPairInvitation(ctx, signup);
  if (!pair) return undefined;
  const { standing, enrollment } = await lookUpPair(ctx, signup.subscriberId);
  if (standing.kind === 'together' && enrollment?.pairId !== pair.pairId) {
    throw new ConflictError(
      'You are already taking the course with a partner. To accept this invitation, unpair first on your partner page.',
    );
  }
  return pair;
}

/**
 * The invitee's enrollment now exists: it points at the pair, their yes is recorded, and once
 * both have said yes the pair forms. Each step is one conditional write that is safe to repeat,
 * and the caller deletes the pending sign-up last, so a crash leaves a link that finishes this.
 * An invitation of their own still waiting is withdrawn: one pair at a time.
 */
export async function joinPair(ctx: CoreContext, pair: Pair, key: EnrollmentKey): Promise<void> {
  const now = ctx.clock.now();
  const enrollment = await ctx.store.enrollments.get(key.subscriberId, key.enrollmentId);
  if (!enrollment) throw new InvalidLinkError(NO_LONGER_OPEN);
  const previous = enrollment.pairId === pair.pairId ? undefined : enrollment.pairId;
  if (previous) {
    const old = await ctx.store.pairs.get(previous);
    if (old?.status === 'invited') await ctx.store.pairs.end(previous, 'invited');
    else if (old && memberOf(old, key.subscriberId)) {
      throw new ConflictError('You are already taking the course with a partner.');
    }
  }
  if (!(await ctx.store.enrollments.pointAtPair(key, pair.pairId, now, previous))) {
    throw new ConflictError('Something changed meanwhile. Please open the invitation again.');
  }
  const accepted = await ctx.store.pairs.accept(pair.pairId, key.subscriberId, now);
  if (!accepted) throw new InvalidLinkError(NO_LONGER_OPEN);
  if (accepted.status === 'invited' && accepted.accepted.length === 2) {
    await formPair(ctx, accepted);
  }
}

import type { Enrollment } from '../domain/enrollment';
import { type Pair, type PairStanding, standingIn } from '../domain/pair';
import type { CoreContext } from './context';

/** A person's enrollment that takes part in (or may start) a pair, and what they may know of it. */
export interface PairLookup {
  /** The enrollment the pair concerns: the one pointing at a pair, else their own course. */
  enrollment?: Enrollment;
  standing: PairStanding;
}

/** Statuses in which someone can start a pair: the course is still going, or resting. */
const PAIRABLE: Enrollment['status'][] = ['active', 'paused'];
/** A pair outlasts the course for whoever finishes first: what they shared stays in view. */
const STILL_PAIRED: Enrollment['status'][] = [...PAIRABLE, 'completed'];

/**
 * Where a person stands with a partner. An enrollment pointing at a pair wins; otherwise their
 * own course (not a practice's), if it is still under way, is where an invitation would start.
 */
export async function lookUpPair(ctx: CoreContext, subscriberId: string): Promise<PairLookup> {
  const enrollments = await ctx.store.enrollments.listForSubscriber(subscriberId);
  return lookUpPairIn(ctx, subscriberId, enrollments);
}

export async function lookUpPairIn(
  ctx: CoreContext,
  subscriberId: string,
  enrollments: Enrollment[],
): Promise<PairLookup> {
  const pointing = enrollments.find((e) => e.pairId && STILL_PAIRED.includes(e.status));
  // Said when nothing else applies: a pair that ended still reads as ended.
  let otherwise: PairStanding = { kind: 'none' };
  if (pointing?.pairId) {
    const pair = await ctx.store.pairs.get(pointing.pairId);
    const standing = standingIn(pair, subscriberId, pointing.pairId, ctx.clock.now());
    // A pair that is over, on a practice's course or on one already finished, leaves the person
    // free to invite someone to their own course while it is under way.
    const over = standing.kind === 'ended' || standing.kind === 'lapsed';
    const spent = pointing.practiceId !== undefined || !PAIRABLE.includes(pointing.status);
    if (!(over && spent)) return { enrollment: pointing, standing };
    otherwise = standing;
  }
  const own = enrollments.find((e) => !e.practiceId && PAIRABLE.includes(e.status));
  if (!own) return { enrollment: undefined, standing: otherwise };
  return { enrollment: own, standing: own.pairId ? { kind: 'ended' } : { kind: 'none' } };
}

/** The pair of a standing, when the two are together (active or paused). */
export function togetherPair(lookup: PairLookup): Pair | undefined {
  return lookup.standing.kind === 'together' ? lookup.standing.pair : undefined;
}

import type { PairPlan } from './pair-pacing';

/**
 * Two people taking the course side by side, each in private. The pair item is the one truth
 * about a pair: a member's enrollment only points at it (`pairId`), and a pointer whose pair is
 * gone, or which the pair does not list, means "the pair has ended". Ending a pair deletes its
 * item, so ending takes effect in one write and leaves nothing behind.
 */
export const pairStatuses = ['invited', 'active', 'paused'] as const;
export type PairStatus = (typeof pairStatuses)[number];

/** One of the two: whose enrollment in which course. */
export interface PairMember {
  subscriberId: string;
  enrollmentId: string;
}

export interface Pair {
  pairId: string;
  courseId: string;
  members: [PairMember, PairMember];
  /** The members who have said yes; the pair forms when both have. */
  accepted: string[];
  status: PairStatus;
  /** The member who paused the pair: only they may resume it. */
  pausedBy?: string;
  /** The shared calendar (`pair-pacing.ts`). */
  plan: PairPlan;
  /** Set when a practice enrolled the two as a pair. */
  practiceId?: string;
  createdAt: string;
  /** While invited: when the invitation lapses (seconds since the epoch). */
  expiresAt?: number;
}

/** An invitation not accepted within this long lapses; the inviter may invite again. */
export const PARTNER_INVITE_TTL_MS = 14 * 86_400_000;

/** The other member of the pair, or undefined when `subscriberId` is not one of them. */
export function partnerOf(pair: Pair, subscriberId: string): PairMember | undefined {
  const [a, b] = pair.members;
  if (a.subscriberId === subscriberId) return b;
  if (b.subscriberId === subscriberId) return a;
  return undefined;
}

/** This member's own entry, or undefined when they are not in the pair. */
export function memberOf(pair: Pair, subscriberId: string): PairMember | undefined {
  return pair.members.find((member) => member.subscriberId === subscriberId);
}

/** Whether an invitation is still open: not accepted by both, and not lapsed. */
export function isOpenInvitation(pair: Pair | undefined, now: Date): pair is Pair {
  return (
    pair !== undefined &&
    pair.status === 'invited' &&
    (pair.expiresAt === undefined || pair.expiresAt * 1000 > now.getTime())
  );
}

/** How one member sees their pair: all they are told, and no more. */
export type PairStanding =
  | { kind: 'none' }
  /** Their pointer names a pair that no longer exists, or no longer lists them. */
  | { kind: 'ended' }
  /** An invitation (theirs, or a practice's) that nobody accepted in time. */
  | { kind: 'lapsed' }
  /** They invited someone (or a practice paired them) and the other has not accepted yet. */
  | { kind: 'waiting'; expiresAt?: Date }
  | { kind: 'together'; pair: Pair; partner: PairMember; pausedBy?: 'you' | 'partner' };

/** What `subscriberId` may know of the pair their enrollment points at. */
export function standingIn(
  pair: Pair | undefined,
  subscriberId: string,
  pointer: string | undefined,
  now: Date,
): PairStanding {
  if (!pointer) return { kind: 'none' };
  const partner = pair && partnerOf(pair, subscriberId);
  if (!pair || !partner) return { kind: 'ended' };
  if (pair.status === 'invited') {
    if (!isOpenInvitation(pair, now)) return { kind: 'lapsed' };
    return {
      kind: 'waiting',
      expiresAt: pair.expiresAt === undefined ? undefined : new Date(pair.expiresAt * 1000),
    };
  }
  const pausedBy =
    pair.status === 'paused' ? (pair.pausedBy === subscriberId ? 'you' : 'partner') : undefined;
  return { kind: 'together', pair, partner, pausedBy };
}

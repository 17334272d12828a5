import type { PairStanding } from '../domain/pair';
import type { ServiceContext } from './context';
import { lookUpPair } from './pair-lookup';
import type { SubscriberAccess } from './subscriber-access';

/** What a person's partner page shows: their own side of the pair, and nothing of the other's. */
export interface PartnerView {
  standing:
    | { kind: 'none' | 'ended' | 'lapsed' }
    | { kind: 'waiting'; expiresAt?: Date; byPractice: boolean }
    | { kind: 'together'; pausedBy?: 'you' | 'partner'; cadenceDays: number };
  /** Whether they have a course of their own under way, from which to invite someone. */
  canInvite: boolean;
  journalUrl: string;
  manageUrl: string;
}

function shown(standing: PairStanding): PartnerView['standing'] {
  switch (standing.kind) {
    case 'waiting':
      return { kind: 'waiting', expiresAt: standing.expiresAt, byPractice: false };
    case 'together':
      return {
        kind: 'together',
        pausedBy: standing.pausedBy,
        cadenceDays: standing.pair.plan.cadenceDays,
      };
    default:
      return { kind: standing.kind };
  }
}

export async function loadPartnerView(
  ctx: ServiceContext,
  access: SubscriberAccess,
): Promise<PartnerView> {
  const { subscriberId, tokenVersion } = access.subscriber;
  const { enrollment, standing } = await lookUpPair(ctx, subscriberId);
  const view = shown(standing);
  if (view.kind === 'waiting' && enrollment?.practiceId) view.byPractice = true;
  return {
    standing: view,
    canInvite: enrollment !== undefined && !enrollment.practiceId && view.kind !== 'together',
    journalUrl: ctx.links.journal(subscriberId, tokenVersion),
    manageUrl: ctx.links.manage(subscriberId, tokenVersion),
  };
}

import { InvalidLinkError } from '../domain/errors';
import { type TokenClaims, type TokenPurpose, verifyToken } from '../domain/tokens';
import type { SubscriberItem } from '../store/subscriber-repo';
import type { ServiceContext } from './context';

export interface SubscriberAccess {
  claims: TokenClaims;
  subscriber: SubscriberItem;
}

/**
 * Resolves a long-lived link token to its subscriber. A token from before the subscriber's
 * current token version (revoked links) is as invalid as a forged one.
 */
export async function accessByToken(
  ctx: ServiceContext,
  token: string,
  purpose: Exclude<TokenPurpose, 'confirm'>,
): Promise<SubscriberAccess> {
  const claims = verifyToken(token, purpose, ctx.secret, ctx.clock.now());
  const subscriber = await ctx.store.subscribers.get(claims.subscriberId);
  if (!subscriber || claims.version !== subscriber.tokenVersion) throw new InvalidLinkError();
  return { claims, subscriber };
}

import { InvalidLinkError } from '../domain/errors';
import type { Subscriber } from '../domain/subscriber';
import { type TokenClaims, type TokenPurpose, verifyToken } from '../domain/tokens';
import type { ServiceContext } from './context';

export interface SubscriberAccess {
  claims: TokenClaims;
  subscriber: Subscriber;
}

/**
 * The access a verified token gives to the subscriber it names, as read from the store. A token
 * from before the subscriber's current token version (revoked links) is as invalid as a forged
 * one.
 */
export function accessFor(
  claims: TokenClaims,
  subscriber: Subscriber | undefined,
): SubscriberAccess {
  if (!subscriber || claims.version !== subscriber.tokenVersion) throw new InvalidLinkError();
  return { claims, subscriber };
}

/** Resolves a long-lived link token to its subscriber (see `accessFor`). */
export async function accessByToken(
  ctx: ServiceContext,
  token: string,
  purpose: Exclude<TokenPurpose, 'confirm'>,
): Promise<SubscriberAccess> {
  const claims = verifyToken(token, purpose, ctx.secret, ctx.clock.now());
  return accessFor(claims, await ctx.store.subscribers.get(claims.subscriberId));
}

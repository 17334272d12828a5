import { createHmac } from 'node:crypto';
import type { Context } from 'hono';
import { RateLimitedError } from '../../domain/errors';
import type { ServiceContext } from '../../services/context';

/**
 * The caller's address: API Gateway's view of it in Lambda, the socket's locally. Never a
 * client-supplied header, which anyone could vary to dodge a limit.
 */
export function clientAddress(c: Context): string {
  const env = (c.env ?? {}) as {
    requestContext?: { http?: { sourceIp?: string } };
    event?: { requestContext?: { http?: { sourceIp?: string } } };
    incoming?: { socket?: { remoteAddress?: string } };
  };
  return (
    env.requestContext?.http?.sourceIp ??
    env.event?.requestContext?.http?.sourceIp ??
    env.incoming?.socket?.remoteAddress ??
    'unknown'
  );
}

/** Requests per caller address per ten minutes. */
export const SIGNUPS_PER_ADDRESS = 60;
export const LOGINS_PER_ADDRESS = 30;
const WINDOW_MS = 10 * 60_000;
const LIMITS = { signup: SIGNUPS_PER_ADDRESS, login: LOGINS_PER_ADDRESS } as const;

/**
 * Counts a valid sign-up or sign-in request against its caller address and refuses it (429)
 * past the limit. Called after the input is parsed, so a rejected request changes nothing; the
 * address is stored only as a keyed hash.
 */
export async function spendAddressLimit(
  ctx: ServiceContext,
  c: Context,
  scope: keyof typeof LIMITS,
): Promise<void> {
  const who = createHmac('sha256', ctx.secret)
    .update(clientAddress(c))
    .digest('base64url')
    .slice(0, 16);
  if (
    !(await ctx.store.rateLimits.hit(`${scope}#${who}`, ctx.clock.now(), WINDOW_MS, LIMITS[scope]))
  ) {
    c.header('retry-after', String(WINDOW_MS / 1000));
    throw new RateLimitedError(
      'Too many requests from your network. Please wait a few minutes and try again.',
    );
  }
}

import { createHmac, timingSafeEqual } from 'node:crypto';
import * as z from 'zod/mini';
import { ExpiredLinkError, InvalidLinkError } from './errors';

/**
 * Link tokens: a compact JSON claim set and an HMAC-SHA256 signature, both base64url. A token is
 * scoped to one purpose and one subscriber, carries no email address, and is checked against the
 * subscriber's token version so that every earlier link can be revoked at once.
 */
export const tokenPurposes = [
  'confirm',
  'reflect',
  'journal',
  'manage',
  'unsubscribe',
  'partner',
  'login',
  'session',
] as const;
export type TokenPurpose = (typeof tokenPurposes)[number];

const claimsSchema = z.object({
  p: z.enum(tokenPurposes),
  s: z.string().check(z.minLength(1), z.maxLength(64)),
  v: z.optional(z.int().check(z.nonnegative())),
  e: z.optional(z.string().check(z.maxLength(64))),
  q: z.optional(z.string().check(z.maxLength(64))),
  n: z.optional(z.string().check(z.maxLength(64))),
  x: z.optional(z.int()),
});

export interface TokenClaims {
  purpose: TokenPurpose;
  subscriberId: string;
  /** The subscriber's token version when the link was made. */
  version?: number;
  enrollmentId?: string;
  questionId?: string;
  /** One-off value, e.g. the pending sign-up a confirmation link belongs to. */
  nonce?: string;
  expiresAt?: Date;
}

export const CONFIRM_TOKEN_TTL_MS = 7 * 86_400_000;
const SIGNATURE_BYTES = 16;
const MAX_TOKEN_LENGTH = 512;

function sign(payload: string, secret: string): Buffer {
  return createHmac('sha256', secret)
    .update(`mend.token.v1.${payload}`)
    .digest()
    .subarray(0, SIGNATURE_BYTES);
}

export function signToken(claims: TokenClaims, secret: string): string {
  const compact = {
    p: claims.purpose,
    s: claims.subscriberId,
    v: claims.version,
    e: claims.enrollmentId,
    q: claims.questionId,
    n: claims.nonce,
    x: claims.expiresAt ? Math.floor(claims.expiresAt.getTime() / 1000) : undefined,
  };
  const payload = Buffer.from(JSON.stringify(compact)).toString('base64url');
  return `${payload}.${sign(payload, secret).toString('base64url')}`;
}

/**
 * Checks signature, purpose and expiry. A token that is malformed, forged or made for another
 * purpose is simply not valid; only an authentic token past its time is "expired".
 */
export function verifyToken(
  token: string,
  purpose: TokenPurpose,
  secret: string,
  now: Date,
): TokenClaims {
  if (token.length > MAX_TOKEN_LENGTH) throw new InvalidLinkError();
  const [payload, signature, extra] = token.split('.');
  if (!payload || !signature || extra !== undefined) throw new InvalidLinkError();
  // Compared as text, so that a non-canonical base64 spelling of the signature is refused too.
  const given = Buffer.from(signature);
  const expected = Buffer.from(sign(payload, secret).toString('base64url'));
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw new InvalidLinkError();
  }
  let parsed: z.infer<typeof claimsSchema>;
  try {
    parsed = claimsSchema.parse(JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')));
  } catch (cause) {
    throw new InvalidLinkError(undefined, { cause });
  }
  if (parsed.p !== purpose) throw new InvalidLinkError();
  if (parsed.x !== undefined && parsed.x * 1000 <= now.getTime()) throw new ExpiredLinkError();
  return {
    purpose: parsed.p,
    subscriberId: parsed.s,
    version: parsed.v,
    enrollmentId: parsed.e,
    questionId: parsed.q,
    nonce: parsed.n,
    expiresAt: parsed.x === undefined ? undefined : new Date(parsed.x * 1000),
  };
}

import { randomBytes } from 'node:crypto';
import * as z from 'zod/mini';
import { emailSchema, maskEmail, normalizeEmail } from '../domain/email-address';
import { InvalidLinkError } from '../domain/errors';
import {
  isAllowedPractitioner,
  LOGIN_TOKEN_TTL_MS,
  type Practice,
  practiceIdFor,
  SESSION_TTL_MS,
} from '../domain/practice';
import { openAddress, sealAddress } from '../domain/sealed-address';
import { signToken, verifyToken } from '../domain/tokens';
import { composeSystemEmail } from '../mail/compose-email';
import type { ServiceContext } from './context';
import { inSteadyTime } from './steady-timing';

export const loginRequestSchema = z.strictObject({ email: emailSchema });

/** At most one sign-in email per address in this long. */
/** At most this many sign-in emails per address per hour. */
export const LOGIN_EMAILS_PER_WINDOW = 3;
export const LOGIN_EMAILS_WINDOW_MS = 3_600_000;
export const SESSION_COOKIE = 'mend_session';

/** A sign-in request answers after this long, whatever became of it. */
export const LOGIN_ANSWER_MS = 400;

/**
 * Emails a one-use sign-in link. The caller answers the same whatever happens here, and as late
 * (`LOGIN_ANSWER_MS`), so nobody learns whether an address is a practitioner or allowed to become
 * one, even from the time the answer takes.
 */
export function requestLogin(ctx: ServiceContext, rawEmail: string): Promise<void> {
  return inSteadyTime(LOGIN_ANSWER_MS, () => sendLoginLink(ctx, rawEmail));
}

async function sendLoginLink(ctx: ServiceContext, rawEmail: string): Promise<void> {
  const email = normalizeEmail(rawEmail);
  if (!isAllowedPractitioner(email, ctx.practice.allowlist)) {
    ctx.log.info('practitioner sign-in refused: not on the allowlist', { to: maskEmail(email) });
    return;
  }
  const now = ctx.clock.now();
  const practiceId = practiceIdFor(email, ctx.secret);
  if (
    !(await ctx.store.rateLimits.hit(
      `login-mail#${practiceId}`,
      now,
      LOGIN_EMAILS_WINDOW_MS,
      LOGIN_EMAILS_PER_WINDOW,
    ))
  ) {
    ctx.log.info('sign-in email held back: the hourly limit for this address', {
      to: maskEmail(email),
    });
    return;
  }
  const nonce = randomBytes(16).toString('base64url');
  const expiresAt = new Date(now.getTime() + LOGIN_TOKEN_TTL_MS);
  await ctx.store.practices.putLogin(
    practiceId,
    nonce,
    expiresAt,
    sealAddress(email, ctx.secret, nonce),
  );
  await ctx.mailer.send(
    composeSystemEmail(
      ctx.catalog,
      ctx.mail,
      'login',
      { email },
      {
        loginUrl: ctx.links.login(practiceId, nonce, expiresAt),
      },
    ),
  );
  ctx.log.info('sign-in link sent', { to: maskEmail(email) });
}

/** Checks a sign-in link without using it up (the GET page only shows a button). */
export function checkLoginToken(ctx: ServiceContext, token: string) {
  const claims = verifyToken(token, 'login', ctx.secret, ctx.clock.now());
  if (!claims.nonce) throw new InvalidLinkError();
  return { practiceId: claims.subscriberId, nonce: claims.nonce };
}

/** Uses up a sign-in link and opens a session; returns the session cookie's value. */
export async function completeLogin(ctx: ServiceContext, token: string) {
  const { practiceId, nonce } = checkLoginToken(ctx, token);
  const now = ctx.clock.now();
  const used = await ctx.store.practices.consumeLogin(practiceId, nonce, now);
  if (!used) {
    throw new InvalidLinkError(
      'This sign-in link has already been used or has expired. Ask for a new one.',
    );
  }
  // The practice is created here, when the link is used, never when one is merely asked for.
  const email = used.sealedAddress && openAddress(used.sealedAddress, ctx.secret, nonce);
  if (email && practiceIdFor(email, ctx.secret) === practiceId) {
    await ctx.store.practices.ensure({ practiceId, email, createdAt: now.toISOString() });
  }
  if (!(await ctx.store.practices.get(practiceId))) throw new InvalidLinkError();
  const sessionId = randomBytes(16).toString('base64url');
  const expiresAt = new Date(now.getTime() + SESSION_TTL_MS);
  await ctx.store.practices.putSession(practiceId, sessionId, expiresAt);
  ctx.log.info('practitioner signed in', { practice: practiceId });
  return {
    cookie: signToken(
      { purpose: 'session', subscriberId: practiceId, nonce: sessionId, expiresAt },
      ctx.secret,
    ),
    maxAgeSeconds: SESSION_TTL_MS / 1000,
  };
}

export interface PracticeSession {
  practice: Practice;
  sessionId: string;
}

/** The practice a session cookie belongs to, or undefined when it is missing, forged or over. */
export async function sessionFromCookie(
  ctx: ServiceContext,
  cookie: string | undefined,
): Promise<PracticeSession | undefined> {
  if (!cookie) return undefined;
  try {
    const claims = verifyToken(cookie, 'session', ctx.secret, ctx.clock.now());
    if (!claims.nonce) return undefined;
    if (
      !(await ctx.store.practices.hasSession(claims.subscriberId, claims.nonce, ctx.clock.now()))
    ) {
      return undefined;
    }
    const practice = await ctx.store.practices.get(claims.subscriberId);
    // Taken off the allowlist: the session ends at once, like one that expired.
    if (!practice || !isAllowedPractitioner(practice.email, ctx.practice.allowlist)) {
      return undefined;
    }
    return { practice, sessionId: claims.nonce };
  } catch {
    return undefined;
  }
}

export async function signOut(ctx: ServiceContext, session: PracticeSession): Promise<void> {
  await ctx.store.practices.deleteSession(session.practice.practiceId, session.sessionId);
}

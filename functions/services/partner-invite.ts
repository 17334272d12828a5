import { randomBytes } from 'node:crypto';
import * as z from 'zod/mini';
import { emailSchema, maskEmail, normalizeEmail, subscriberIdFor } from '../domain/email-address';
import { ConflictError, RateLimitedError, ValidationError } from '../domain/errors';
import { PARTNER_INVITE_TTL_MS, type Pair } from '../domain/pair';
import { displayName, personNameSchema } from '../domain/person-name';
import { DEFAULT_SEND_HOUR } from '../domain/schedule';
import { looksLikeLink, withoutInvisibles } from '../domain/user-text';
import type { ServiceContext } from './context';
import { lookUpPair } from './pair-lookup';
import type { SubscriberAccess } from './subscriber-access';

export const NOTE_MAX = 280;
const DAY_MS = 86_400_000;

export const inviteSchema = z.object({
  email: emailSchema,
  name: z.optional(personNameSchema),
  note: z.optional(
    z.pipe(
      z.transform((note: unknown) =>
        typeof note === 'string' ? withoutInvisibles(note).trim() : note,
      ),
      z.string({ error: 'The note must be text.' }).check(
        z.maxLength(NOTE_MAX, `Keep the note to ${NOTE_MAX} characters.`),
        z.refine(
          (note) => !looksLikeLink(note),
          'Leave links and addresses out of the note (a space after each full stop helps).',
        ),
      ),
    ),
  ),
});

export type InviteInput = z.infer<typeof inviteSchema>;

/**
 * Invites the other person to take the course alongside. One invitation a day per person,
 * counted before anything about the address is looked up. The invitee's choices (perspective,
 * hour, time zone) are theirs, made on the invitation's page; the email goes out with the
 * dispatcher's next run, and the mail guard withholds it from an address that unsubscribed, was
 * erased, bounced or complained, so the inviter sees "not accepted yet" either way.
 *
 * Three writes, each safe if the next never happens: the pair item (it lapses unanswered), the
 * inviter's pointer (their page then shows the invitation), the invitee's pending sign-up.
 */
export async function invitePartner(
  ctx: ServiceContext,
  access: SubscriberAccess,
  input: InviteInput,
): Promise<void> {
  const now = ctx.clock.now();
  const inviter = access.subscriber;
  const email = normalizeEmail(input.email);
  if (email === normalizeEmail(inviter.email)) {
    throw new ValidationError('That is your own address.', {
      email: 'Enter the other person’s email address, not your own.',
    });
  }
  const { enrollment, standing } = await lookUpPair(ctx, inviter.subscriberId);
  if (!enrollment) {
    throw new ConflictError('You can invite someone while your course is under way.');
  }
  if (standing.kind === 'together') {
    throw new ConflictError(
      'You are already taking the course with a partner. Unpair first to invite someone else.',
    );
  }
  if (!(await ctx.store.rateLimits.hit(`partner-invite:${inviter.subscriberId}`, now, DAY_MS, 1))) {
    throw new RateLimitedError('You can send one invitation a day. Please try again tomorrow.');
  }
  const inviteeId = subscriberIdFor(email, ctx.secret);
  const pairId = randomBytes(16).toString('base64url');
  const expiresAt = Math.floor((now.getTime() + PARTNER_INVITE_TTL_MS) / 1000);
  const pair: Pair = {
    pairId,
    courseId: enrollment.courseId,
    members: [
      { subscriberId: inviter.subscriberId, enrollmentId: enrollment.enrollmentId },
      { subscriberId: inviteeId, enrollmentId: enrollment.courseId },
    ],
    accepted: [inviter.subscriberId],
    status: 'invited',
    plan: { stage: 0, cadenceDays: enrollment.cadenceDays },
    createdAt: now.toISOString(),
    expiresAt,
  };
  await ctx.store.pairs.create(pair);
  const previous = enrollment.pairId;
  if (!(await ctx.store.enrollments.pointAtPair(enrollment, pairId, now, previous))) {
    await ctx.store.pairs.end(pairId);
    throw new ConflictError('Something changed meanwhile. Please reload the page and try again.');
  }
  // A new invitation replaces one still waiting: the old link then says it is no longer open.
  if (previous && standing.kind === 'waiting') await ctx.store.pairs.end(previous, 'invited');

  // One invitation a day reaches any one address, whoever sends it; beyond that the inviter
  // sees what anyone sees of an unanswered invitation.
  if (!(await ctx.store.rateLimits.hit(`partner-invited:${inviteeId}`, now, DAY_MS, 1))) {
    ctx.log.info('partner invitation held back: one a day per address', { to: maskEmail(email) });
    return;
  }
  await ctx.store.signups.put(
    {
      subscriberId: inviteeId,
      nonce: randomBytes(12).toString('base64url'),
      email,
      firstName: input.name || undefined,
      perspective: 'mutual',
      timeZone: 'UTC',
      sendHour: DEFAULT_SEND_HOUR,
      courseId: enrollment.courseId,
      pairId,
      partner: {
        inviterName: displayName(inviter.firstName),
        note: input.note || undefined,
      },
      createdAt: now.toISOString(),
      expiresAt,
    },
    { sendAt: now },
  );
  ctx.log.info('partner invitation queued', { subscriber: inviter.subscriberId });
}

/** Withdraws an invitation not yet accepted; nothing is said to the invitee. */
export async function withdrawInvitation(
  ctx: ServiceContext,
  access: SubscriberAccess,
): Promise<void> {
  const { enrollment, standing } = await lookUpPair(ctx, access.subscriber.subscriberId);
  if (standing.kind !== 'waiting' || !enrollment?.pairId) return;
  // Only while still an invitation: a pair formed a moment ago is ended by unpairing, not here.
  if (!(await ctx.store.pairs.end(enrollment.pairId, 'invited'))) return;
  await ctx.store.enrollments.dropPair(enrollment, enrollment.pairId, ctx.clock.now());
}

import { randomBytes } from 'node:crypto';
import * as z from 'zod/mini';
import { ConflictError, ValidationError } from '../domain/errors';
import type { Pair } from '../domain/pair';
import { type Practice, practiceEnrollmentId } from '../domain/practice';
import type { ServiceContext } from './context';
import {
  clientFields,
  countEnrollments,
  type EnrollTerms,
  enrollTerms,
  enrollTermsFields,
  type Invitee,
  invitationExpiresAt,
  inviteeOf,
  queueInvitation,
  recordClient,
} from './enroll-client';

const pairClientSchema = z.strictObject(clientFields);

export const enrollPairSchema = z.strictObject({
  clients: z.tuple([pairClientSchema, pairClientSchema]),
  ...enrollTermsFields,
});

export type EnrollPairInput = z.infer<typeof enrollPairSchema>;

/**
 * Enrolls two new clients as a pair. Each is recorded in the practice and gets the practice's own
 * invitation, and consents (or not) on their own; accepting it also joins the pair, which forms
 * once both have (`pair-join.ts`). Until then each is simply invited, and neither learns anything
 * about the other from us.
 *
 * Both addresses are looked up before anything is written: a pair is two new enrollments, so a
 * client already in the practice is refused (409), uncounted. Then, in order: the two are counted
 * against the hourly limit together; the pair item (status `invited`, lapsing with the
 * invitations); the two client records (if either cannot be, the pair and the other record are
 * taken back: nothing refers to them yet); the two invitations. A crash part-way leaves a pair
 * that lapses unanswered, and clients shown as invited who never are, as for an invitation
 * nobody answers.
 */
export async function enrollPair(
  ctx: ServiceContext,
  practice: Practice,
  input: EnrollPairInput,
): Promise<{ clientIds: [string, string]; outcome: 'invited' }> {
  const now = ctx.clock.now();
  const terms = enrollTerms(ctx, input, now);
  const invitees = [inviteeOf(ctx, input.clients[0]), inviteeOf(ctx, input.clients[1])] as const;
  const [first, second] = invitees;
  if (first.subscriberId === second.subscriberId) {
    throw new ValidationError('The two clients need different email addresses.', {
      'clients.1.email': 'Enter a different address from the first client’s.',
    });
  }
  const existing = await Promise.all(
    invitees.map((invitee) => ctx.store.clients.get(practice.practiceId, invitee.subscriberId)),
  );
  const enrolled = existing.findIndex((client) => client !== undefined);
  if (enrolled !== -1) throw alreadyEnrolled(enrolled);
  await countEnrollments(ctx, practice, now, 2);

  const pairId = randomBytes(16).toString('base64url');
  const enrollmentId = practiceEnrollmentId(terms.courseId, practice.practiceId);
  const pair: Pair = {
    pairId,
    courseId: terms.courseId,
    members: [
      { subscriberId: first.subscriberId, enrollmentId },
      { subscriberId: second.subscriberId, enrollmentId },
    ],
    accepted: [],
    status: 'invited',
    plan: { stage: 0, cadenceDays: terms.cadenceDays },
    practiceId: practice.practiceId,
    createdAt: now.toISOString(),
    // The pair lapses with the invitations: no one can join it once their link no longer works.
    expiresAt: invitationExpiresAt(now),
  };
  await ctx.store.pairs.create(pair);
  await recordBoth(ctx, practice, invitees, terms, now, pairId);
  for (const invitee of invitees) {
    await queueInvitation(ctx, practice, invitee, terms, now, pairId);
  }
  ctx.log.info('pair enrollment queued', { practice: practice.practiceId });
  return { clientIds: [first.subscriberId, second.subscriberId], outcome: 'invited' };
}

/**
 * Records both clients as members of `pairId`, or neither: one enrolled by someone else a moment
 * ago (a double submit, say) ends the pair and takes back the other's record before any
 * invitation refers to them.
 */
async function recordBoth(
  ctx: ServiceContext,
  practice: Practice,
  invitees: readonly [Invitee, Invitee],
  terms: EnrollTerms,
  now: Date,
  pairId: string,
): Promise<void> {
  const recorded: Invitee[] = [];
  for (const [index, invitee] of invitees.entries()) {
    if (await recordClient(ctx, practice, invitee, terms, now, pairId)) {
      recorded.push(invitee);
      continue;
    }
    await ctx.store.pairs.end(pairId, 'invited');
    for (const done of recorded) {
      await ctx.store.clients.withdrawFromPair(practice.practiceId, done.subscriberId, pairId);
    }
    throw alreadyEnrolled(index);
  }
}

function alreadyEnrolled(index: number): ConflictError {
  return new ConflictError(
    `The ${index ? 'second' : 'first'} client is already in your practice; a pair is two new clients.`,
  );
}

import { randomBytes } from 'node:crypto';
import * as z from 'zod/mini';
import { emailSchema, maskEmail, normalizeEmail, subscriberIdFor } from '../domain/email-address';
import { RateLimitedError } from '../domain/errors';
import { displayName, personNameSchema } from '../domain/person-name';
import type { Practice } from '../domain/practice';
import { practiceEnrollmentId } from '../domain/practice';
import { DEFAULT_SEND_HOUR } from '../domain/schedule';
import { CONFIRM_TOKEN_TTL_MS } from '../domain/tokens';
import { courseToJoin, type ServiceContext } from './context';
import { cadenceDaysField } from './fields';

/** Who is enrolled: the same rules for one client and for each of a pair. */
export const clientFields = {
  email: emailSchema,
  name: z.pipe(personNameSchema, z.string().check(z.minLength(1, 'Enter the client’s name.'))),
};

/** How they are enrolled: the course and its pace, shared by both of a pair. */
export const enrollTermsFields = {
  courseId: z.optional(z.string().check(z.maxLength(64))),
  cadenceDays: z.optional(cadenceDaysField),
  paceByAnswers: z.optional(
    z.pipe(
      z.transform((value: unknown) => value === 'on' || value === 'true' || value === true),
      z.boolean(),
    ),
  ),
  startDate: z.optional(z.iso.date({ error: 'Give the start date as YYYY-MM-DD.' })),
};

export const enrollClientSchema = z.strictObject({ ...clientFields, ...enrollTermsFields });

/** Enrollments (one at a time, as pairs or by CSV) a practice may make per fixed hour. */
export const ENROLLMENTS_PER_HOUR = 200;
const ENROLL_WINDOW_MS = 3_600_000;

export type EnrollClientInput = z.infer<typeof enrollClientSchema>;
export type EnrollOutcome = 'invited' | 'already-enrolled';

type ClientInput = Pick<EnrollClientInput, 'email' | 'name'>;
type TermsInput = Omit<EnrollClientInput, 'email' | 'name'>;

/** A person being enrolled: their address as stored, and their id towards the practice. */
export interface Invitee {
  email: string;
  name: string;
  subscriberId: string;
}

/** The enrollment the practice offers, with every default filled in. */
export interface EnrollTerms {
  courseId: string;
  cadenceDays: number;
  paceByAnswers: boolean;
  /** YYYY-MM-DD. */
  startDate: string;
}

export function inviteeOf(ctx: ServiceContext, input: ClientInput): Invitee {
  const email = normalizeEmail(input.email);
  return { email, name: input.name, subscriberId: subscriberIdFor(email, ctx.secret) };
}

/** The terms of an enrollment; 400 for a course that does not exist. */
export function enrollTerms(ctx: ServiceContext, input: TermsInput, now: Date): EnrollTerms {
  const courseId = courseToJoin(ctx, input.courseId);
  return {
    courseId,
    cadenceDays: input.cadenceDays ?? ctx.catalog.course(courseId).defaultCadenceDays,
    paceByAnswers: input.paceByAnswers ?? false,
    startDate: input.startDate ?? now.toISOString().slice(0, 10),
  };
}

/** When a practice's invitation made at `now` stops working (seconds since the epoch). */
export function invitationExpiresAt(now: Date): number {
  return Math.floor((now.getTime() + CONFIRM_TOKEN_TTL_MS) / 1000);
}

/** Counts `amount` enrollments against the practice's hourly limit, all or none; 429 if over. */
export async function countEnrollments(
  ctx: ServiceContext,
  practice: Practice,
  now: Date,
  amount = 1,
): Promise<void> {
  if (
    !(await ctx.store.rateLimits.hitPractice(
      practice.practiceId,
      now,
      ENROLL_WINDOW_MS,
      ENROLLMENTS_PER_HOUR,
      amount,
    ))
  ) {
    throw new RateLimitedError(
      `You can enroll at most ${ENROLLMENTS_PER_HOUR} clients an hour. Please try again after ${nextWindow(now)} UTC; anyone already enrolled is kept.`,
    );
  }
}

/**
 * Records the client in the practice; false when the practice already has them (a repeat adds
 * no one). With `pairId`, the practice enrolled them as one of that pair.
 */
export function recordClient(
  ctx: ServiceContext,
  practice: Practice,
  invitee: Invitee,
  terms: EnrollTerms,
  now: Date,
  pairId?: string,
): Promise<boolean> {
  return ctx.store.clients.create({
    practiceId: practice.practiceId,
    subscriberId: invitee.subscriberId,
    email: invitee.email,
    name: invitee.name,
    courseId: terms.courseId,
    enrollmentId: practiceEnrollmentId(terms.courseId, practice.practiceId),
    cadenceDays: terms.cadenceDays,
    paceByAnswers: terms.paceByAnswers,
    startDate: terms.startDate,
    invitedAt: now.toISOString(),
    ...(pairId && { pairId }),
  });
}

/**
 * Queues the invitation naming the practitioner, which the dispatcher sends on its next run:
 * enrolling, even 1,000 rows of a CSV, only writes. With `pairId`, accepting it also joins the
 * pair (`confirm.ts`).
 */
export async function queueInvitation(
  ctx: ServiceContext,
  practice: Practice,
  invitee: Invitee,
  terms: EnrollTerms,
  now: Date,
  pairId?: string,
): Promise<void> {
  await ctx.store.signups.put(
    {
      subscriberId: invitee.subscriberId,
      nonce: randomBytes(12).toString('base64url'),
      email: invitee.email,
      firstName: invitee.name.split(/\s+/)[0],
      perspective: 'mutual',
      timeZone: 'UTC',
      sendHour: DEFAULT_SEND_HOUR,
      courseId: terms.courseId,
      invitation: {
        practiceId: practice.practiceId,
        practitionerName: displayName(practice.name) ?? practice.email,
        cadenceDays: terms.cadenceDays,
        paceByAnswers: terms.paceByAnswers,
        startDate: terms.startDate,
      },
      ...(pairId && { pairId }),
      createdAt: now.toISOString(),
      expiresAt: invitationExpiresAt(now),
    },
    { sendAt: now },
  );
  ctx.log.info('client invitation queued', {
    practice: practice.practiceId,
    to: maskEmail(invitee.email),
  });
}

/**
 * Enrolls one client: records them in the practice (once: a repeat adds no one) and queues an
 * invitation naming the practitioner, which the dispatcher sends on its next run. Nothing else is
 * sent until the client consents.
 */
export async function enrollClient(
  ctx: ServiceContext,
  practice: Practice,
  input: EnrollClientInput,
): Promise<{ outcome: EnrollOutcome; clientId: string }> {
  const now = ctx.clock.now();
  const terms = enrollTerms(ctx, input, now);
  const invitee = inviteeOf(ctx, input);
  const clientId = invitee.subscriberId;
  // Counted before anything is looked up, so neither the answer nor the limit tells anything
  // about the address.
  await countEnrollments(ctx, practice, now);
  if (await ctx.store.clients.get(practice.practiceId, clientId)) {
    return { outcome: 'already-enrolled', clientId };
  }
  // An address that must not be mailed (erased, unsubscribed, bounced, complained) is enrolled
  // like any other: the invitation is queued and the mail guard withholds it, so the practitioner
  // sees an invitation that was never accepted, as for anyone who does not answer.
  if (!(await recordClient(ctx, practice, invitee, terms, now))) {
    return { outcome: 'already-enrolled', clientId };
  }
  await queueInvitation(ctx, practice, invitee, terms, now);
  return { outcome: 'invited', clientId };
}

/** When the current enrollment window ends, as HH:MM (UTC). */
function nextWindow(now: Date): string {
  const end = new Date(Math.floor(now.getTime() / ENROLL_WINDOW_MS + 1) * ENROLL_WINDOW_MS);
  return end.toISOString().slice(11, 16);
}

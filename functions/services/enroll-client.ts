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

export const enrollClientSchema = z.strictObject({
  email: emailSchema,
  name: z.pipe(personNameSchema, z.string().check(z.minLength(1, 'Enter the client’s name.'))),
  courseId: z.optional(z.string().check(z.maxLength(64))),
  cadenceDays: z.optional(cadenceDaysField),
  paceByAnswers: z.optional(
    z.pipe(
      z.transform((value: unknown) => value === 'on' || value === 'true' || value === true),
      z.boolean(),
    ),
  ),
  startDate: z.optional(z.iso.date({ error: 'Give the start date as YYYY-MM-DD.' })),
});

/** Enrollments (one at a time or by CSV) a practice may make per fixed hour. */
export const ENROLLMENTS_PER_HOUR = 200;
const ENROLL_WINDOW_MS = 3_600_000;

export type EnrollClientInput = z.infer<typeof enrollClientSchema>;
export type EnrollOutcome = 'invited' | 'already-enrolled';

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
  const courseId = courseToJoin(ctx, input.courseId);
  const now = ctx.clock.now();
  const email = normalizeEmail(input.email);
  const subscriberId = subscriberIdFor(email, ctx.secret);
  // Counted before anything is looked up, so neither the answer nor the limit tells anything
  // about the address.
  if (
    !(await ctx.store.rateLimits.hitPractice(
      practice.practiceId,
      now,
      ENROLL_WINDOW_MS,
      ENROLLMENTS_PER_HOUR,
    ))
  ) {
    throw new RateLimitedError(
      `You can enroll at most ${ENROLLMENTS_PER_HOUR} clients an hour. Please try again after ${nextWindow(now)} UTC; anyone already enrolled is kept.`,
    );
  }
  if (await ctx.store.clients.get(practice.practiceId, subscriberId)) {
    return { outcome: 'already-enrolled', clientId: subscriberId };
  }
  // An address that must not be mailed (erased, unsubscribed, bounced, complained) is enrolled
  // like any other: the invitation is queued and the mail guard withholds it, so the practitioner
  // sees an invitation that was never accepted, as for anyone who does not answer.
  const cadenceDays = input.cadenceDays ?? ctx.catalog.course(courseId).defaultCadenceDays;
  const startDate = input.startDate ?? now.toISOString().slice(0, 10);
  const created = await ctx.store.clients.create({
    practiceId: practice.practiceId,
    subscriberId,
    email,
    name: input.name,
    courseId,
    enrollmentId: practiceEnrollmentId(courseId, practice.practiceId),
    cadenceDays,
    paceByAnswers: input.paceByAnswers ?? false,
    startDate,
    invitedAt: now.toISOString(),
  });
  if (!created) return { outcome: 'already-enrolled', clientId: subscriberId };

  const nonce = randomBytes(12).toString('base64url');
  const practitionerName = displayName(practice.name) ?? practice.email;
  await ctx.store.signups.put(
    {
      subscriberId,
      nonce,
      email,
      firstName: input.name.split(/\s+/)[0],
      perspective: 'mutual',
      timeZone: 'UTC',
      sendHour: DEFAULT_SEND_HOUR,
      courseId,
      invitation: {
        practiceId: practice.practiceId,
        practitionerName,
        cadenceDays,
        paceByAnswers: input.paceByAnswers ?? false,
        startDate,
      },
      createdAt: now.toISOString(),
      expiresAt: Math.floor((now.getTime() + CONFIRM_TOKEN_TTL_MS) / 1000),
    },
    // The dispatcher emails it at the send rate: enrolling, even 1,000 rows of a CSV, only writes.
    { sendAt: now },
  );
  ctx.log.info('client invitation queued', { practice: practice.practiceId, to: maskEmail(email) });
  return { outcome: 'invited', clientId: subscriberId };
}

/** When the current enrollment window ends, as HH:MM (UTC). */
function nextWindow(now: Date): string {
  const end = new Date(Math.floor(now.getTime() / ENROLL_WINDOW_MS + 1) * ENROLL_WINDOW_MS);
  return end.toISOString().slice(11, 16);
}

import { randomBytes } from 'node:crypto';
import * as z from 'zod/mini';
import { perspectives } from '../domain/course';
import { emailSchema, maskEmail, normalizeEmail, subscriberIdFor } from '../domain/email-address';
import { NAME_MAX, personNameSchema } from '../domain/person-name';
import { DEFAULT_SEND_HOUR } from '../domain/schedule';
import { CONFIRM_TOKEN_TTL_MS } from '../domain/tokens';
import { composeLinksEmail, composeSystemEmail } from '../mail/compose-email';
import { courseToJoin, type ServiceContext } from './context';
import { sendHourField, timeZoneField } from './fields';

export const FIRST_NAME_MAX = NAME_MAX;
/** At most one sign-up email (confirmation or note) per address in this long. */
export const SIGNUP_EMAIL_INTERVAL_MS = 3_600_000;

export const subscriptionSchema = z.strictObject({
  email: emailSchema,
  name: z.optional(personNameSchema),
  perspective: z._default(
    z.enum(perspectives, { error: 'Choose one of the perspectives: caused, hurt or mutual.' }),
    'mutual',
  ),
  timezone: z._default(timeZoneField, 'UTC'),
  // A prefault is parsed like a sent value, so the OpenAPI document can show it as the default.
  sendHour: z.prefault(sendHourField, DEFAULT_SEND_HOUR),
  courseId: z.optional(z.string().check(z.maxLength(64))),
});

export type SubscriptionInput = z.infer<typeof subscriptionSchema>;

/**
 * Starts a sign-up. The caller always answers "pending", whatever happened here, so nobody can
 * learn whether an address is known. A new or lapsed address gets a confirmation link; an
 * active one gets a note with its manage link instead, and its settings are left untouched.
 */
export async function subscribe(ctx: ServiceContext, input: SubscriptionInput): Promise<void> {
  const courseId = courseToJoin(ctx, input.courseId);
  const now = ctx.clock.now();
  const email = normalizeEmail(input.email);
  const subscriberId = subscriberIdFor(email, ctx.secret);
  const profile = await ctx.store.subscribers.get(subscriberId);
  const enrollment = profile && (await ctx.store.enrollments.get(subscriberId, courseId));

  if (profile?.status === 'complained') {
    // They marked our mail as spam: nothing more goes to this address, not even a confirmation.
    ctx.log.info('signup for a complained address ignored', { to: maskEmail(email) });
    return;
  }
  if (!(await ctx.store.mailGuard.tryTake({ subscriberId }, now, SIGNUP_EMAIL_INTERVAL_MS))) {
    ctx.log.info('signup email held back: one per address per hour', { to: maskEmail(email) });
    return;
  }
  if (profile?.status === 'active' && enrollment && enrollment.status !== 'unsubscribed') {
    await ctx.mailer.send(
      composeLinksEmail('already-subscribed', ctx.catalog, ctx.links, ctx.mail, profile, courseId),
    );
    ctx.log.info('signup for an active subscriber', { to: maskEmail(email) });
    return;
  }

  const nonce = randomBytes(12).toString('base64url');
  const firstName = input.name || undefined;
  await ctx.store.signups.put({
    subscriberId,
    nonce,
    email,
    firstName,
    perspective: input.perspective,
    timeZone: input.timezone,
    sendHour: input.sendHour,
    courseId,
    createdAt: now.toISOString(),
    expiresAt: Math.floor((now.getTime() + CONFIRM_TOKEN_TTL_MS) / 1000),
  });
  const confirmUrl = ctx.links.confirm(subscriberId, nonce, now);
  await ctx.mailer.send(
    composeSystemEmail(
      ctx.catalog,
      ctx.mail,
      'confirm',
      { email, firstName },
      {
        confirmUrl,
        courseTitle: ctx.catalog.compiled(courseId).title,
      },
    ),
  );
  ctx.log.info('confirmation sent', { to: maskEmail(email) });
}

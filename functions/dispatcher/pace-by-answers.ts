import type { Course } from '../domain/course';
import type { Enrollment } from '../domain/enrollment';
import { nextSendAfter, nextSendHourFrom } from '../domain/schedule';
import type { Subscriber } from '../domain/subscriber';
import { composeSystemEmail, listUnsubscribeHeaders } from '../mail/compose-email';
import type { ServiceContext } from '../services/context';

/** Days after a stage, beyond the cadence, before the one gentle reminder. */
export const REMINDER_GRACE_DAYS = 3;

/**
 * Pacing by answers, as a practice may choose for a client: the next stage goes out at the later of the cadence and the
 * first answer to the stage before. Until that answer, the enrollment is looked at again at the
 * person's hour each day; once, `cadence + 3` days after the stage, a reminder is sent.
 * Returns true when the stage is held back.
 */
export async function holdForAnswer(
  ctx: ServiceContext,
  enrollment: Enrollment,
  subscriber: Subscriber,
  course: Course,
  now: Date,
): Promise<boolean> {
  if (!enrollment.paceByAnswers || enrollment.nextStage === 0 || !enrollment.lastSentAt)
    return false;
  const previous = course.stages[enrollment.nextStage - 1];
  if (!previous) return false;
  const { subscriberId, enrollmentId } = enrollment;
  if (await ctx.store.answers.hasAnswerInStage(subscriberId, enrollmentId, previous.id))
    return false;

  const reminderAt = nextSendAfter(enrollment.lastSentAt, {
    ...enrollment,
    cadenceDays: enrollment.cadenceDays + REMINDER_GRACE_DAYS,
  });
  const stage = enrollment.nextStage - 1;
  let reminded: number | undefined;
  if (now.getTime() >= reminderAt.getTime() && enrollment.remindedStage !== stage) {
    await ctx.mailer.send(
      composeSystemEmail(
        ctx.catalog,
        ctx.mail,
        'reminder',
        subscriber,
        {
          journalUrl: ctx.links.journal(subscriberId, subscriber.tokenVersion),
          manageUrl: ctx.links.manage(subscriberId, subscriber.tokenVersion),
        },
        listUnsubscribeHeaders(
          ctx.links.unsubscribe(subscriberId, subscriber.tokenVersion),
          ctx.mail.listUnsubscribeMailto,
        ),
      ),
    );
    reminded = stage;
  }
  const tomorrowAtHour = nextSendHourFrom(new Date(now.getTime() + 60_000), enrollment);
  await ctx.store.delivery.postpone(enrollment, tomorrowAtHour, reminded);
  return true;
}

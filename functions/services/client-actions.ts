import * as z from 'zod/mini';
import { ConflictError } from '../domain/errors';
import { displayName } from '../domain/person-name';
import type { Practice } from '../domain/practice';
import { resumeSendAt } from '../domain/schedule';
import { composeSystemEmail } from '../mail/compose-email';
import type { ServiceContext } from './context';
import { cadenceDaysField } from './fields';
import { endPair, repacePair } from './pair-actions';
import { clientDetail } from './practice-clients';

export const clientActionSchema = z.discriminatedUnion(
  'action',
  [
    z.object({ action: z.literal('pause') }),
    z.object({ action: z.literal('resume') }),
    z.object({ action: z.literal('end') }),
    z.object({
      action: z.literal('pace'),
      cadenceDays: cadenceDaysField,
    }),
  ],
  { error: 'Choose to pause, resume, change the pace or end.' },
);

export type ClientAction = z.infer<typeof clientActionSchema>;

/**
 * A practitioner pauses, resumes, re-paces or ends a client's enrollment (only the one their
 * practice made). Ending tells the client by email.
 */
export async function applyClientAction(
  ctx: ServiceContext,
  practice: Practice,
  clientId: string,
  action: ClientAction,
): Promise<void> {
  const { client } = await clientDetail(ctx, practice.practiceId, clientId);
  const now = ctx.clock.now();
  const key = { subscriberId: client.subscriberId, enrollmentId: client.enrollmentId };
  const enrollment = client.deletedAt
    ? undefined
    : await ctx.store.enrollments.get(key.subscriberId, key.enrollmentId);
  if (!enrollment) {
    if (action.action === 'pace') {
      await ctx.store.clients.updatePace(practice.practiceId, clientId, action.cadenceDays);
      return;
    }
    throw new ConflictError('The client has not accepted the invitation yet.');
  }
  switch (action.action) {
    case 'pause':
      if (!(await ctx.store.enrollments.deactivate(key, 'paused', now, 'practice'))) {
        throw new ConflictError('Only an active enrollment can be paused.');
      }
      break;
    case 'resume':
      if (enrollment.status === 'paused' && enrollment.pausedBy === 'client') {
        throw new ConflictError('Your client paused the course; only they can resume it.');
      }
      if (enrollment.status === 'paused' && enrollment.pausedBy === 'partner') {
        throw new ConflictError(
          'The course is paused for both partners by one of them; only they can resume it.',
        );
      }
      if (
        !(await ctx.store.enrollments.resumeByPractice(
          key,
          resumeSendAt(now, enrollment.lastSentAt, enrollment),
          now,
        ))
      ) {
        throw new ConflictError('Only a paused enrollment can be resumed.');
      }
      break;
    case 'pace':
      if (enrollment.pairId && (await repacePair(ctx, practice, enrollment.pairId, action))) {
        break;
      }
      await ctx.store.enrollments.updateSchedule(
        key,
        {
          sendHour: enrollment.sendHour,
          timeZone: enrollment.timeZone,
          cadenceDays: action.cadenceDays,
        },
        undefined,
        now,
      );
      await ctx.store.clients.updatePace(practice.practiceId, clientId, action.cadenceDays);
      break;
    case 'end': {
      if (!(await ctx.store.enrollments.deactivate(key, 'ended', now))) {
        throw new ConflictError('This enrollment has already ended.');
      }
      if (enrollment.pairId) await endPair(ctx, enrollment.pairId, client.subscriberId);
      const profile = await ctx.store.subscribers.get(client.subscriberId);
      if (profile?.status === 'active') {
        await ctx.mailer.send(
          composeSystemEmail(ctx.catalog, ctx.mail, 'enrollment-ended', profile, {
            practitionerName: displayName(practice.name) ?? practice.email,
            courseTitle: ctx.catalog.compiled(client.courseId).title,
            journalUrl: ctx.links.journal(profile.subscriberId, profile.tokenVersion),
          }),
        );
      }
      break;
    }
  }
  ctx.log.info('practitioner changed an enrollment', {
    practice: practice.practiceId,
    action: action.action,
  });
}

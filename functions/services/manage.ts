import * as z from 'zod/mini';
import type { Enrollment } from '../domain/enrollment';
import { ConflictError } from '../domain/errors';
import { nextSendAfter, nextSendHourFrom, resumeSendAt } from '../domain/schedule';
import type { ServiceContext } from './context';
import { cadenceDaysField, sendHourField, timeZoneField } from './fields';
import { pausePair, resumePair } from './pair-actions';
import { lookUpPairIn, togetherPair } from './pair-lookup';
import type { SubscriberAccess } from './subscriber-access';

export const manageSchema = z.discriminatedUnion(
  'action',
  [
    z.object({ action: z.literal('pause') }),
    z.object({ action: z.literal('resume') }),
    z.object({
      action: z.literal('settings'),
      cadenceDays: cadenceDaysField,
      sendHour: sendHourField,
      timezone: timeZoneField,
    }),
  ],
  { error: 'Choose to pause, to resume, or to save new settings.' },
);

export type ManageAction = z.infer<typeof manageSchema>;

/** When an active enrollment's next stage goes out under a new schedule. */
function rescheduledDueAt(enrollment: Enrollment, now: Date): Date {
  if (!enrollment.lastSentAt) return enrollment.dueAt ?? now;
  const next = nextSendAfter(enrollment.lastSentAt, enrollment);
  return next.getTime() > now.getTime() ? next : nextSendHourFrom(now, enrollment);
}

/** Pause, resume, or change pace, hour and time zone; each takes effect on the next run. */
export async function applyManageAction(
  ctx: ServiceContext,
  access: SubscriberAccess,
  action: ManageAction,
): Promise<void> {
  const now = ctx.clock.now();
  const { subscriberId } = access.subscriber;
  if (access.subscriber.status !== 'active') {
    throw new ConflictError('You have unsubscribed. Sign up again to restart the course.');
  }
  const enrollments = await ctx.store.enrollments.listForSubscriber(subscriberId);
  // A pair pauses and resumes as one (`pair-actions.ts`); every other enrollment on its own.
  const pair = togetherPair(await lookUpPairIn(ctx, subscriberId, enrollments));
  const alone = enrollments.filter((e) => !pair || e.pairId !== pair.pairId);
  switch (action.action) {
    case 'pause':
      if (pair?.status === 'active') await pausePair(ctx, pair, subscriberId);
      for (const enrollment of alone.filter((e) => e.status === 'active')) {
        await ctx.store.enrollments.deactivate(enrollment, 'paused', now, 'client');
      }
      break;
    case 'resume':
      if (pair?.status === 'paused' && pair.pausedBy === subscriberId) {
        await resumePair(ctx, pair, subscriberId);
      }
      // A partner's pause outlives its pair only if ending the pair was cut short: it is theirs now.
      for (const enrollment of alone.filter((e) => e.status === 'paused')) {
        const dueAt = resumeSendAt(now, enrollment.lastSentAt, enrollment);
        await ctx.store.enrollments.activate(enrollment, ['paused'], dueAt, now);
      }
      break;
    case 'settings': {
      const change = { sendHour: action.sendHour, timeZone: action.timezone };
      await ctx.store.subscribers.updateDelivery(subscriberId, change, now);
      for (const enrollment of enrollments) {
        if (enrollment.status === 'completed' || enrollment.status === 'unsubscribed') continue;
        const paired = pair !== undefined && enrollment.pairId === pair.pairId;
        // A pair keeps the pace it shares; a new hour or zone is placed on its calendar by the
        // dispatcher, which looks at the enrollment at once.
        const schedule = {
          ...change,
          cadenceDays: paired ? enrollment.cadenceDays : action.cadenceDays,
        };
        const dueAt =
          enrollment.status !== 'active'
            ? undefined
            : paired
              ? now
              : rescheduledDueAt({ ...enrollment, ...schedule }, now);
        await ctx.store.enrollments.updateSchedule(enrollment, schedule, dueAt, now);
      }
      break;
    }
  }
  ctx.log.info('settings changed', { subscriber: subscriberId, action: action.action });
}

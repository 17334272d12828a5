import * as z from 'zod/mini';
import type { Enrollment } from '../domain/enrollment';
import { ConflictError } from '../domain/errors';
import { nextSendAfter, nextSendHourFrom, resumeSendAt } from '../domain/schedule';
import type { ServiceContext } from './context';
import { cadenceDaysField, sendHourField, timeZoneField } from './fields';
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
  switch (action.action) {
    case 'pause':
      for (const enrollment of enrollments.filter((e) => e.status === 'active')) {
        await ctx.store.enrollments.deactivate(enrollment, 'paused', now, 'client');
      }
      break;
    case 'resume':
      for (const enrollment of enrollments.filter((e) => e.status === 'paused')) {
        const dueAt = resumeSendAt(now, enrollment.lastSentAt, enrollment);
        await ctx.store.enrollments.activate(enrollment, ['paused'], dueAt, now);
      }
      break;
    case 'settings': {
      const change = { sendHour: action.sendHour, timeZone: action.timezone };
      await ctx.store.subscribers.updateDelivery(subscriberId, change, now);
      for (const enrollment of enrollments) {
        if (enrollment.status === 'completed' || enrollment.status === 'unsubscribed') continue;
        const schedule = { ...change, cadenceDays: action.cadenceDays };
        const dueAt =
          enrollment.status === 'active'
            ? rescheduledDueAt({ ...enrollment, ...schedule }, now)
            : undefined;
        await ctx.store.enrollments.updateSchedule(enrollment, schedule, dueAt, now);
      }
      break;
    }
  }
  ctx.log.info('settings changed', { subscriber: subscriberId, action: action.action });
}

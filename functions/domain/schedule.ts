import { addDays, atLocalHour, localDateOf } from './zoned-time';

/** When and how often one enrollment receives its stages. */
export interface Schedule {
  /** Hour of the day, 0–23, on the person's own clock. */
  sendHour: number;
  /** IANA time zone, e.g. `Europe/London`. */
  timeZone: string;
  /** Days between stages, 1–14. */
  cadenceDays: number;
}

export const MIN_CADENCE_DAYS = 1;
export const MAX_CADENCE_DAYS = 14;
export const DEFAULT_SEND_HOUR = 8;

/**
 * The next stage goes out `cadenceDays` calendar days after the previous one, at the person's
 * hour. Counting calendar days on their own clock keeps the hour fixed across DST changes.
 */
export function nextSendAfter(previousSentAt: Date, schedule: Schedule): Date {
  const day = addDays(localDateOf(previousSentAt, schedule.timeZone), schedule.cadenceDays);
  return atLocalHour(day, schedule.sendHour, schedule.timeZone);
}

/** The first moment at or after `now` when the person's clock shows their hour. */
export function nextSendHourFrom(
  now: Date,
  schedule: Pick<Schedule, 'sendHour' | 'timeZone'>,
): Date {
  const today = localDateOf(now, schedule.timeZone);
  const todayAtHour = atLocalHour(today, schedule.sendHour, schedule.timeZone);
  if (todayAtHour.getTime() >= now.getTime()) return todayAtHour;
  return atLocalHour(addDays(today, 1), schedule.sendHour, schedule.timeZone);
}

/**
 * When a paused enrollment should get its next stage on resuming: at the person's hour, at least
 * one cadence after the last stage they received, and never in the past.
 */
export function resumeSendAt(now: Date, lastSentAt: Date | undefined, schedule: Schedule): Date {
  const earliest = lastSentAt ? nextSendAfter(lastSentAt, schedule) : now;
  return earliest.getTime() > now.getTime() ? earliest : nextSendHourFrom(now, schedule);
}

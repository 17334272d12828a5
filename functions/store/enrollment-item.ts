import * as z from 'zod/mini';
import { type Enrollment, enrollmentStatuses, pausers } from '../domain/enrollment';
import { enrollmentIdFromKey, subscriberIdFromKey } from './table';

const enrollmentItem = z.object({
  PK: z.string(),
  SK: z.string(),
  courseId: z.string(),
  status: z.enum(enrollmentStatuses),
  nextStage: z.int().check(z.nonnegative()),
  sendHour: z.int(),
  timeZone: z.string(),
  cadenceDays: z.int(),
  dueAt: z.optional(z.iso.datetime()),
  lastSentAt: z.optional(z.iso.datetime()),
  sendAttempts: z.optional(z.int()),
  practiceId: z.optional(z.string()),
  shareByDefault: z.optional(z.boolean()),
  paceByAnswers: z.optional(z.boolean()),
  remindedStage: z.optional(z.int()),
  pausedBy: z.optional(z.enum(pausers)),
  pairId: z.optional(z.string()),
  createdAt: z.iso.datetime(),
});

/** An enrollment item as the domain sees it: ids from its keys, dates as dates. */
export function toEnrollment(item: unknown): Enrollment {
  const row = enrollmentItem.parse(item);
  return {
    subscriberId: subscriberIdFromKey(row.PK),
    enrollmentId: enrollmentIdFromKey(row.SK),
    courseId: row.courseId,
    status: row.status,
    nextStage: row.nextStage,
    sendHour: row.sendHour,
    timeZone: row.timeZone,
    cadenceDays: row.cadenceDays,
    dueAt: row.dueAt ? new Date(row.dueAt) : undefined,
    lastSentAt: row.lastSentAt ? new Date(row.lastSentAt) : undefined,
    sendAttempts: row.sendAttempts ?? 0,
    practiceId: row.practiceId,
    shareByDefault: row.shareByDefault,
    paceByAnswers: row.paceByAnswers,
    remindedStage: row.remindedStage,
    pausedBy: row.pausedBy,
    pairId: row.pairId,
    createdAt: new Date(row.createdAt),
  };
}

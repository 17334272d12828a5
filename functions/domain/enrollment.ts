import type { Course } from './course';
import { nextSendAfter, type Schedule } from './schedule';

export const enrollmentStatuses = [
  'active',
  'paused',
  'completed',
  'unsubscribed',
  'bounced',
  'complained',
  'ended',
] as const;
export type EnrollmentStatus = (typeof enrollmentStatuses)[number];

/** Statuses in which nothing more is ever sent until the person signs up again. */
export const stoppedStatuses = ['unsubscribed', 'bounced', 'complained', 'ended'] as const;
export type StopReason = (typeof stoppedStatuses)[number];

/**
 * Who paused an enrollment: a practitioner may not resume a pause the client made, and a pause
 * their partner made (`partner`) ends only when that partner resumes or the pair ends.
 */
export const pausers = ['client', 'practice', 'partner'] as const;
export type PausedBy = (typeof pausers)[number];

/** Names one enrollment: the person, and which of their enrollments. */
export interface EnrollmentKey {
  subscriberId: string;
  enrollmentId: string;
}

/** Where one person is in one course. */
export interface Enrollment extends Schedule, EnrollmentKey {
  courseId: string;
  status: EnrollmentStatus;
  /** Index of the stage that goes out next; equals the stage count once all are sent. */
  nextStage: number;
  /** When the next stage is due; set only while the enrollment is active. */
  dueAt?: Date;
  lastSentAt?: Date;
  /** The practice that enrolled this person, if one did. */
  practiceId?: string;
  /** The person's choice, on consenting, of whether answers are shared with the practice. */
  shareByDefault?: boolean;
  /** Each stage waits for an answer to the one before, with one reminder (`pace-by-answers`). */
  paceByAnswers?: boolean;
  /** The stage whose unanswered questions were last the subject of a reminder. */
  remindedStage?: number;
  /** Who paused it: a practitioner may not resume a pause the client made. */
  pausedBy?: PausedBy;
  /** The pair this enrollment takes part in, if any (`pair.ts`: the pair item decides). */
  pairId?: string;
  /** Failed tries at the current stage since it was last sent. */
  sendAttempts?: number;
  createdAt: Date;
}

export type Progress =
  | { status: 'active'; nextStage: number; dueAt: Date }
  | { status: 'completed'; nextStage: number };

/** What follows once stage `sentStage` has gone out at `sentAt`. */
export function progressAfterSend(
  course: Course,
  sentStage: number,
  sentAt: Date,
  schedule: Schedule,
): Progress {
  const nextStage = sentStage + 1;
  if (nextStage >= course.stages.length) return { status: 'completed', nextStage };
  return { status: 'active', nextStage, dueAt: nextSendAfter(sentAt, schedule) };
}

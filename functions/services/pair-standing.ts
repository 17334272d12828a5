import type { Enrollment } from '../domain/enrollment';
import { type MemberStanding, type PairPlan, planPair } from '../domain/pair-pacing';
import { resumeSendAt } from '../domain/schedule';

/**
 * A member as the pair's calendar sees them: their clock, their next stage, and the earliest
 * their next stage may go on their own pace (never before `now`). An active member's own due
 * time stands; a paused one counts as resuming now: a cadence after their last stage at least.
 */
export function memberStanding(enrollment: Enrollment, now: Date): MemberStanding {
  const own =
    enrollment.status === 'active' && enrollment.dueAt
      ? enrollment.dueAt
      : resumeSendAt(now, enrollment.lastSentAt, enrollment);
  return {
    sendHour: enrollment.sendHour,
    timeZone: enrollment.timeZone,
    nextStage: enrollment.nextStage,
    notBefore: own.getTime() > now.getTime() ? own : now,
  };
}

/** The pair's calendar from both members' enrollments as they stand at `now`, at `cadenceDays`. */
export function planFrom(
  members: readonly [Enrollment, Enrollment],
  now: Date,
  cadenceDays: number,
): PairPlan {
  return planPair([memberStanding(members[0], now), memberStanding(members[1], now)], cadenceDays);
}

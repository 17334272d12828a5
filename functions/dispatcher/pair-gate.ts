import type { Course } from '../domain/course';
import type { Enrollment, Progress } from '../domain/enrollment';
import { type Pair, type PairMember, partnerOf } from '../domain/pair';
import { afterPairedSend, decidePairedSend } from '../domain/pair-pacing';
import type { ServiceContext } from '../services/context';

/** Alone, or with a partner: how a due enrollment's stage is paced. */
export type PairGate =
  | { kind: 'alone' }
  /** Not now: held back (`postpone`d) or paused to match its pair. */
  | { kind: 'held' }
  | { kind: 'together'; pair: Pair; partner: PairMember };

/** Whether the partner is still taking the course; one who finished or left holds nobody back. */
const GOING: Enrollment['status'][] = ['active', 'paused'];

/**
 * Brings a claimed enrollment in line with its pair before anything is sent. The pair item
 * decides: gone, or still an invitation, and the person goes alone; paused, and their enrollment
 * pauses too (the second write of a pause that was cut short); active, and the pair's calendar
 * says whether the stage goes now or waits (`pair-pacing.ts`). A held member is looked at again
 * daily at their hour, so a calendar the partner sets meanwhile is seen on its day.
 */
export async function pairGate(
  ctx: ServiceContext,
  enrollment: Enrollment,
  now: Date,
): Promise<PairGate> {
  if (!enrollment.pairId) return { kind: 'alone' };
  let pair = await ctx.store.pairs.get(enrollment.pairId);
  const partner = pair && partnerOf(pair, enrollment.subscriberId);
  if (!pair || !partner || pair.status === 'invited') return { kind: 'alone' };
  if (pair.status === 'paused') {
    const by = pair.pausedBy === enrollment.subscriberId ? 'client' : 'partner';
    await ctx.store.enrollments.deactivate(enrollment, 'paused', now, by);
    return { kind: 'held' };
  }
  let partnerClock: Parameters<typeof decidePairedSend>[3];
  if (pair.plan.day === undefined && enrollment.nextStage >= pair.plan.stage) {
    // Held for the other to catch up: only their standing can release this one.
    const other = await ctx.store.enrollments.get(partner.subscriberId, partner.enrollmentId);
    if (!other || !GOING.includes(other.status)) return { kind: 'alone' };
    partnerClock = other;
  }
  let decision = decidePairedSend(now, enrollment, pair.plan, partnerClock);
  if (decision.kind === 'align') {
    // Of two members aligning at once, one writes the day; the other reads it next time.
    if (!(await ctx.store.pairs.replacePlan(pair.pairId, pair.plan, decision.plan))) {
      await ctx.store.delivery.postpone(enrollment, new Date(now.getTime() + 60_000));
      return { kind: 'held' };
    }
    pair = { ...pair, plan: decision.plan };
    decision = decision.then;
  }
  if (decision.kind === 'wait') {
    await ctx.store.delivery.postpone(enrollment, decision.until);
    return { kind: 'held' };
  }
  return { kind: 'together', pair, partner };
}

/**
 * What follows a paired member's stage: the next one on the pair's calendar, and, when this send
 * brought the one behind to the held stage, the calendar both follow from now on.
 */
export async function pairedProgress(
  ctx: ServiceContext,
  gate: Extract<PairGate, { kind: 'together' }>,
  enrollment: Enrollment,
  course: Course,
  sentAt: Date,
): Promise<Progress> {
  const sentStage = enrollment.nextStage;
  const nextStage = sentStage + 1;
  if (nextStage >= course.stages.length) return { status: 'completed', nextStage };
  const { pair, partner } = gate;
  // The partner's clock matters only while the pair is still finding its common day.
  const other =
    pair.plan.day === undefined
      ? await ctx.store.enrollments.get(partner.subscriberId, partner.enrollmentId)
      : undefined;
  const next = afterPairedSend(sentAt, sentStage, enrollment, pair.plan, other ?? enrollment);
  if (next.plan && other) await ctx.store.pairs.replacePlan(pair.pairId, pair.plan, next.plan);
  return { status: 'active', nextStage, dueAt: next.dueAt };
}

import type { EnrollmentKey } from '../domain/enrollment';
import { ConflictError } from '../domain/errors';
import type { Pair, PairMember } from '../domain/pair';
import { resumeSendAt } from '../domain/schedule';
import type { CoreContext } from './context';
import { planFrom } from './pair-standing';

/**
 * What happens to a pair once it exists: forming, pausing, resuming, ending. The pair item is
 * written first each time and decides; the members' enrollments follow. If the process dies in
 * between, the dispatcher brings an enrollment in line with its pair when it next looks at it
 * (`dispatcher/pair-gate.ts`), and repeating the action from the page finishes the rest.
 */

async function bothEnrollments(ctx: CoreContext, pair: Pair) {
  const [a, b] = await Promise.all(
    pair.members.map((m) => ctx.store.enrollments.get(m.subscriberId, m.enrollmentId)),
  );
  if (!a || !b) return undefined;
  return [a, b] as const;
}

/** Both said yes: the pair gets its first calendar; a member already resting pauses the pair. */
export async function formPair(ctx: CoreContext, pair: Pair): Promise<void> {
  const now = ctx.clock.now();
  const members = await bothEnrollments(ctx, pair);
  if (!members) return;
  const plan = planFrom(members, now, pair.plan.cadenceDays);
  if (!(await ctx.store.pairs.form(pair.pairId, plan))) return;
  ctx.log.info('pair formed', { pair: pair.pairId });
  const resting = members.find((e) => e.status === 'paused' && e.pausedBy === 'client');
  if (resting) await pausePair(ctx, { ...pair, status: 'active', plan }, resting.subscriberId);
}

/** One member pauses: the pair pauses, and the other is paused "by your partner". */
export async function pausePair(ctx: CoreContext, pair: Pair, by: string): Promise<void> {
  const now = ctx.clock.now();
  if (pair.status === 'active' && !(await ctx.store.pairs.pause(pair.pairId, by))) {
    throw new ConflictError('The pair changed meanwhile. Please reload the page.');
  }
  if (pair.status === 'paused' && pair.pausedBy !== by) {
    throw new ConflictError('Your partner has paused the course for you both.');
  }
  for (const member of pair.members) {
    await ctx.store.enrollments.deactivate(
      member,
      'paused',
      now,
      member.subscriberId === by ? 'client' : 'partner',
    );
  }
}

/** The member who paused resumes: a new calendar from today, and both go on. */
export async function resumePair(ctx: CoreContext, pair: Pair, by: string): Promise<void> {
  const now = ctx.clock.now();
  const pausedBy = (member: PairMember) => (member.subscriberId === by ? 'client' : 'partner');
  if (pair.status === 'paused') {
    if (pair.pausedBy !== by) {
      throw new ConflictError('Your partner paused the course; only they can resume it.');
    }
    const members = await bothEnrollments(ctx, pair);
    if (!members) return;
    const plan = planFrom(members, now, pair.plan.cadenceDays);
    if (!(await ctx.store.pairs.resume(pair.pairId, by, plan))) {
      throw new ConflictError('The pair changed meanwhile. Please reload the page.');
    }
  } else if (pair.status === 'active') {
    // A resume cut short by a crash finishes here. Its calendar was set when the pair's write
    // happened, maybe days ago: its day may have passed, and the stages after it would then
    // come a day apart. The members still paused resume now, so the calendar starts from now.
    const members = await bothEnrollments(ctx, pair);
    if (!members) return;
    const resuming = members.some((e) => e.status === 'paused' && e.pausedBy === pausedBy(e));
    if (resuming) {
      const plan = planFrom(members, now, pair.plan.cadenceDays);
      await ctx.store.pairs.replacePlan(pair.pairId, pair.plan, plan);
    }
  }
  for (const member of pair.members) await reactivate(ctx, member, now, pausedBy(member));
}

/**
 * A practice re-paces a client who takes the course with a partner. The pace is the pair's, so
 * only the practice that made the pair may change it, and it changes for both: a new calendar
 * from each one's next stage, and both enrollments and client records say the new pace. Someone
 * else's partner is not the practice's to re-pace: 409. False when the client is not paired.
 */
export async function repacePair(
  ctx: CoreContext,
  practice: { practiceId: string },
  pairId: string,
  action: { cadenceDays: number },
): Promise<boolean> {
  const now = ctx.clock.now();
  const pair = await ctx.store.pairs.get(pairId);
  if (!pair || pair.status === 'invited') return false;
  if (pair.practiceId !== practice.practiceId) {
    throw new ConflictError(
      'This client takes the course with a partner, at a pace they share; only they can change it, by unpairing.',
    );
  }
  const members = await bothEnrollments(ctx, pair);
  if (!members) return false;
  const plan = planFrom(members, now, action.cadenceDays);
  if (!(await ctx.store.pairs.replacePlan(pair.pairId, pair.plan, plan))) {
    throw new ConflictError('The pair changed meanwhile. Please try again.');
  }
  for (const member of members) {
    await ctx.store.enrollments.updateSchedule(
      member,
      { sendHour: member.sendHour, timeZone: member.timeZone, cadenceDays: action.cadenceDays },
      undefined,
      now,
    );
    await ctx.store.clients.updatePace(
      practice.practiceId,
      member.subscriberId,
      action.cadenceDays,
    );
  }
  return true;
}

async function reactivate(
  ctx: CoreContext,
  key: EnrollmentKey,
  now: Date,
  pausedBy: 'client' | 'partner',
): Promise<void> {
  const enrollment = await ctx.store.enrollments.get(key.subscriberId, key.enrollmentId);
  if (enrollment?.status !== 'paused' || enrollment.pausedBy !== pausedBy) return;
  await ctx.store.enrollments.activate(
    key,
    ['paused'],
    resumeSendAt(now, enrollment.lastSentAt, enrollment),
    now,
    { onlyIfPausedBy: pausedBy },
  );
}

/**
 * Ends a pair, at once: its item is deleted, so from the next read neither sees anything of the
 * other. `by` (the member who unpaired, or who left) loses their pointer; the other keeps theirs,
 * now pointing at nothing, which their page reads as "the pair has ended" and nothing more. A
 * member the other had paused goes on alone at their own pace. Repeating it after a crash finds
 * no pair; a pause left behind is then the person's to lift from their settings page.
 */
export async function endPair(ctx: CoreContext, pairId: string, by?: string): Promise<void> {
  const now = ctx.clock.now();
  const pair = await ctx.store.pairs.end(pairId);
  if (!pair) return;
  ctx.log.info('pair ended', { pair: pairId });
  const leaver = by ? pair.members.find((m) => m.subscriberId === by) : undefined;
  if (leaver) await ctx.store.enrollments.dropPair(leaver, pairId, now);
  // Whoever was paused by the other goes on alone, the one who unpaired included.
  for (const member of pair.members) await reactivate(ctx, member, now, 'partner');
}

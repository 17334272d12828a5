/**
 * Paired pacing: two people take the course together and receive the same stage on the same
 * local calendar day, each at their own hour on their own clock. A partner who joins later
 * catches up alone at the pair's cadence while the one ahead is held; once both have reached the
 * same stage the pair shares one calendar from then on.
 */
import { nextSendAfter, nextSendHourFrom } from './schedule';
import { addDays, atLocalHour, type LocalDate, localDateOf } from './zoned-time';

/** The pair's shared calendar. `day` (YYYY-MM-DD) is absent while the pair is aligning. */
export interface PairPlan {
  /** The stage `day` belongs to; while aligning, the stage the member ahead is held at. */
  stage: number;
  /** Local date on which `stage` goes out to both members. */
  day?: string;
  /** Days between stages, for both members. */
  cadenceDays: number;
}

/** When in the day, and on which clock, a member receives their stages. */
export interface MemberClock {
  /** Hour of the day, 0–23, on the member's own clock. */
  sendHour: number;
  /** IANA time zone, e.g. `Australia/Sydney`. */
  timeZone: string;
}

/**
 * A member as the plan sees them: their clock, their next stage, and the earliest instant their
 * next stage may go (their own pace).
 */
export interface MemberStanding extends MemberClock {
  nextStage: number;
  notBefore: Date;
}

/** What the dispatcher does with a paired member whose enrollment has come due. */
export type PairDecision =
  | { kind: 'send' }
  | { kind: 'wait'; until: Date }
  /** The pair has just become aligned: store `plan` (a conditional write), then act on `then`. */
  | { kind: 'align'; plan: PairPlan; then: { kind: 'send' } | { kind: 'wait'; until: Date } };

const MINUTE_MS = 60_000;
// The search starts on the latest member's date, and every member can make the day after their
// own: two candidates always suffice. The bound only keeps bad input from looping.
const MAX_SEARCH_DAYS = 60;

/** `YYYY-MM-DD`, the form a plan stores its day in. */
export function formatDay(d: LocalDate): string {
  const pad = (n: number, width: number) => String(n).padStart(width, '0');
  return `${pad(d.year, 4)}-${pad(d.month, 2)}-${pad(d.day, 2)}`;
}

/** Reads a `YYYY-MM-DD` day; throws `RangeError` on anything else, so a bad plan fails loudly. */
export function parseDay(s: string): LocalDate {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!match) throw new RangeError(`Not a YYYY-MM-DD day: ${s}`);
  return { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
}

/**
 * The smallest local date on which every member's hour, on their own clock, is at or after their
 * `notBefore`. Zones far apart are fine: the same date in Sydney and Los Angeles spans about 17–18
 * hours of absolute time, so each member is checked on their own clock. Throws `RangeError` when
 * there are no members or no such day within 60 days (bad input).
 */
export function firstCommonDay(members: readonly (MemberClock & { notBefore: Date })[]): string {
  if (members.length === 0) throw new RangeError('firstCommonDay needs at least one member');
  // No member can make a date before the one their `notBefore` falls on, so start at the latest.
  const start = members
    .map((m) => formatDay(localDateOf(m.notBefore, m.timeZone)))
    .reduce((a, b) => (a > b ? a : b));
  let day = parseDay(start);
  for (let n = 0; n <= MAX_SEARCH_DAYS; n++, day = addDays(day, 1)) {
    const candidate = day;
    const allMake = members.every(
      (m) => atLocalHour(candidate, m.sendHour, m.timeZone).getTime() >= m.notBefore.getTime(),
    );
    if (allMake) return formatDay(candidate);
  }
  throw new RangeError(`No common day within ${MAX_SEARCH_DAYS} days of ${start}`);
}

/**
 * The plan when a pair forms or resumes: members at the same stage are aligned at it on the first
 * day both can make; otherwise the pair is aligning at the stage of the one ahead, who is held
 * there while the other catches up.
 */
export function planPair(
  members: readonly [MemberStanding, MemberStanding],
  cadenceDays: number,
): PairPlan {
  const [a, b] = members;
  if (a.nextStage === b.nextStage) {
    return { stage: a.nextStage, day: firstCommonDay(members), cadenceDays };
  }
  return { stage: Math.max(a.nextStage, b.nextStage), cadenceDays };
}

/**
 * Local day on which `stage` goes out under an aligned plan; undefined while aligning or for a
 * stage before `plan.stage` (the plan says nothing about stages a member is catching up on).
 */
export function dayOfStage(plan: PairPlan, stage: number): string | undefined {
  if (plan.day === undefined || stage < plan.stage) return undefined;
  return formatDay(addDays(parseDay(plan.day), (stage - plan.stage) * plan.cadenceDays));
}

/** The instant `member` should receive `stage` under the plan; undefined as for `dayOfStage`. */
export function sendTimeOf(plan: PairPlan, stage: number, member: MemberClock): Date | undefined {
  const day = dayOfStage(plan, stage);
  return day === undefined
    ? undefined
    : atLocalHour(parseDay(day), member.sendHour, member.timeZone);
}

/** The member's next own hour strictly after `now`, when a held member looks again. */
function nextOwnHourAfter(now: Date, member: MemberClock): Date {
  // A minute on, so a member looked at exactly on their hour is not told to wait until now.
  return nextSendHourFrom(new Date(now.getTime() + MINUTE_MS), member);
}

function decideAligned(
  now: Date,
  stage: number,
  plan: PairPlan,
  member: MemberClock,
): { kind: 'send' } | { kind: 'wait'; until: Date } {
  const target = sendTimeOf(plan, stage, member);
  // No target means a stage before the plan's: the member is still catching up.
  if (target === undefined || now.getTime() >= target.getTime()) return { kind: 'send' };
  return { kind: 'wait', until: target };
}

/**
 * What to do for a paired member whose next stage, `self.nextStage`, is due at `now`.
 *
 * Aligned: an earlier stage than the plan's goes out (catching up); a planned stage goes out once
 * its instant has come, otherwise the member waits for it. Aligning at stage s: a member behind s
 * catches up at their own pace; a member at s is held until their next own hour, looked at daily
 * so a plan the partner sets meanwhile is seen in time, unless `partner` shows both are already
 * at s (a lost write), in which case the pair aligns now on the first day both can still make.
 */
export function decidePairedSend(
  now: Date,
  self: MemberClock & { nextStage: number },
  plan: PairPlan,
  partner?: MemberClock & { nextStage: number },
): PairDecision {
  if (plan.day !== undefined) return decideAligned(now, self.nextStage, plan, self);
  if (self.nextStage < plan.stage) return { kind: 'send' };
  if (partner !== undefined && partner.nextStage >= plan.stage) {
    const day = firstCommonDay([
      { ...self, notBefore: now },
      { ...partner, notBefore: now },
    ]);
    const aligned: PairPlan = { stage: plan.stage, day, cadenceDays: plan.cadenceDays };
    return {
      kind: 'align',
      plan: aligned,
      // biome-ignore lint/suspicious/noThenProperty: agreed name; not callable, so not a thenable.
      then: decideAligned(now, self.nextStage, aligned, self),
    };
  }
  return { kind: 'wait', until: nextOwnHourAfter(now, self) };
}

/**
 * After `sentStage` went out to a member at `sentAt`: when their next stage is due, and a new
 * plan when this send made the pair aligned (the one behind has just caught up).
 *
 * Aligned: the next stage's planned instant, or the member's next own hour when they are running
 * late and that instant has passed. A stage before the plan's is followed at the member's own
 * pace. Aligning: own pace at the pair's cadence, until the send that brings the member to the
 * held stage; then both get that stage on the first day the catching-up member's cadence allows
 * and the held partner can still make.
 */
export function afterPairedSend(
  sentAt: Date,
  sentStage: number,
  self: MemberClock,
  plan: PairPlan,
  partner: MemberClock,
): { dueAt: Date; plan?: PairPlan } {
  const next = sentStage + 1;
  const ownPace = nextSendAfter(sentAt, { ...self, cadenceDays: plan.cadenceDays });
  if (plan.day !== undefined) {
    const target = sendTimeOf(plan, next, self);
    if (target === undefined) return { dueAt: ownPace };
    if (target.getTime() > sentAt.getTime()) return { dueAt: target };
    return { dueAt: nextOwnHourAfter(sentAt, self) };
  }
  if (next !== plan.stage) return { dueAt: ownPace };
  const day = firstCommonDay([
    { ...self, notBefore: ownPace },
    // The partner has been held at this stage; a minute's margin lets the plan be written
    // before their instant comes.
    { ...partner, notBefore: new Date(sentAt.getTime() + MINUTE_MS) },
  ]);
  const aligned: PairPlan = { stage: plan.stage, day, cadenceDays: plan.cadenceDays };
  return { dueAt: atLocalHour(parseDay(day), self.sendHour, self.timeZone), plan: aligned };
}

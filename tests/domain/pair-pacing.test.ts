import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  afterPairedSend,
  dayOfStage,
  decidePairedSend,
  firstCommonDay,
  formatDay,
  type MemberClock,
  type PairDecision,
  type PairPlan,
  parseDay,
  planPair,
  sendTimeOf,
} from '../../functions/domain/pair-pacing';
import { nextSendAfter } from '../../functions/domain/schedule';
import { addDays, atLocalHour, localDateOf } from '../../functions/domain/zoned-time';

const at = (iso: string) => new Date(iso);
const minutes = (n: number) => n * 60_000;
const later = (instant: Date, ms: number) => new Date(instant.getTime() + ms);

const SYDNEY: MemberClock = { timeZone: 'Australia/Sydney', sendHour: 8 };
const LOS_ANGELES: MemberClock = { timeZone: 'America/Los_Angeles', sendHour: 7 };

/** The member's local calendar day at `instant`, as a plan writes it. */
const dayIn = (instant: Date, member: MemberClock) =>
  formatDay(localDateOf(instant, member.timeZone));

/** The hour the member's own clock shows at `instant`. */
const hourIn = (instant: Date, member: MemberClock) =>
  Number(
    new Intl.DateTimeFormat('en-US', {
      timeZone: member.timeZone,
      hour: 'numeric',
      hourCycle: 'h23',
    }).format(instant),
  );

const plusDays = (day: string, n: number) => formatDay(addDays(parseDay(day), n));

/** Days from `from` to `to`, both YYYY-MM-DD. */
const daysBetween = (from: string, to: string) =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

describe('days', () => {
  it('are written YYYY-MM-DD and read back', () => {
    expect(formatDay({ year: 2027, month: 3, day: 4 })).toBe('2027-03-04');
    expect(parseDay('2027-12-31')).toEqual({ year: 2027, month: 12, day: 31 });
    expect(formatDay(parseDay('2028-02-29'))).toBe('2028-02-29');
  });

  it('refuse anything that is not a day, so a bad plan fails loudly', () => {
    expect(() => parseDay('2027-3-4')).toThrow(RangeError);
    expect(() => parseDay('')).toThrow(RangeError);
  });
});

describe('an aligned pair gets each stage on the same local day, each at their own hour', () => {
  // A daily plan whose stage 0 is 1 March 2027: stage n is n days later.
  const daily: PairPlan = { stage: 0, day: '2027-03-01', cadenceDays: 1 };

  const cases: [string, string, string, string][] = [
    // local day, Sydney 08:00 (UTC), Los Angeles 07:00 (UTC), what changes
    ['2027-03-13', '2027-03-12T21:00:00Z', '2027-03-13T15:00:00Z', 'LA on PST'],
    ['2027-03-14', '2027-03-13T21:00:00Z', '2027-03-14T14:00:00Z', 'LA springs forward'],
    ['2027-04-03', '2027-04-02T21:00:00Z', '2027-04-03T14:00:00Z', 'Sydney on AEDT'],
    ['2027-04-04', '2027-04-03T22:00:00Z', '2027-04-04T14:00:00Z', 'Sydney falls back'],
    ['2027-10-02', '2027-10-01T22:00:00Z', '2027-10-02T14:00:00Z', 'Sydney on AEST'],
    ['2027-10-03', '2027-10-02T21:00:00Z', '2027-10-03T14:00:00Z', 'Sydney springs forward'],
    ['2027-11-06', '2027-11-05T21:00:00Z', '2027-11-06T14:00:00Z', 'LA on PDT'],
    ['2027-11-07', '2027-11-06T21:00:00Z', '2027-11-07T15:00:00Z', 'LA falls back'],
  ];

  it.each(cases)('%s: Sydney at %s, Los Angeles at %s (%s)', (day, sydney, losAngeles) => {
    const stage = daysBetween('2027-03-01', day);
    expect(dayOfStage(daily, stage)).toBe(day);
    expect(sendTimeOf(daily, stage, SYDNEY)?.toISOString()).toBe(at(sydney).toISOString());
    expect(sendTimeOf(daily, stage, LOS_ANGELES)?.toISOString()).toBe(at(losAngeles).toISOString());
  });

  it('keeps both on one calendar for months across all four changes, at every cadence', () => {
    for (const start of ['2027-02-20', '2027-09-15']) {
      for (const cadenceDays of [1, 2, 3, 7, 14]) {
        const plan: PairPlan = { stage: 2, day: start, cadenceDays };
        for (let stage = 2; stage <= 2 + Math.ceil(90 / cadenceDays); stage++) {
          const day = dayOfStage(plan, stage);
          expect(day).toBe(plusDays(start, (stage - 2) * cadenceDays));
          for (const member of [SYDNEY, LOS_ANGELES]) {
            const sendAt = sendTimeOf(plan, stage, member) as Date;
            expect(dayIn(sendAt, member), `${member.timeZone} stage ${stage}`).toBe(day);
            expect(hourIn(sendAt, member)).toBe(member.sendHour);
          }
        }
      }
    }
  });

  it('says nothing about stages before the plan’s, nor while the pair is aligning', () => {
    const plan: PairPlan = { stage: 4, day: '2027-01-30', cadenceDays: 2 };
    expect(dayOfStage(plan, 3)).toBeUndefined();
    expect(sendTimeOf(plan, 3, SYDNEY)).toBeUndefined();
    expect(dayOfStage(plan, 5)).toBe('2027-02-01');
    expect(dayOfStage({ stage: 4, cadenceDays: 2 }, 4)).toBeUndefined();
    expect(sendTimeOf({ stage: 4, cadenceDays: 2 }, 4, SYDNEY)).toBeUndefined();
  });
});

describe('the first common day', () => {
  it('is the first day on which every member’s hour is at or after their own earliest', () => {
    // 14:00 UTC on 10 May is already midnight on 11 May in Sydney, but only 07:00 on 10 May in LA.
    const notBefore = at('2027-05-10T14:00:00Z');
    expect(firstCommonDay([{ ...LOS_ANGELES, notBefore }])).toBe('2027-05-10');
    expect(firstCommonDay([{ ...SYDNEY, notBefore }])).toBe('2027-05-11');
    expect(
      firstCommonDay([
        { ...SYDNEY, notBefore },
        { ...LOS_ANGELES, notBefore },
      ]),
    ).toBe('2027-05-11');
    // One minute late for LA's 07:00 moves LA, and so the pair, on a day.
    expect(firstCommonDay([{ ...LOS_ANGELES, notBefore: later(notBefore, minutes(1)) }])).toBe(
      '2027-05-11',
    );
  });

  it('refuses to guess with no members or an impossible time', () => {
    expect(() => firstCommonDay([])).toThrow(RangeError);
    expect(() => firstCommonDay([{ ...SYDNEY, notBefore: new Date(Number.NaN) }])).toThrow(
      RangeError,
    );
  });
});

describe('when the one behind catches up, the pair aligns on a day both can still make', () => {
  const aligning: PairPlan = { stage: 4, cadenceDays: 1 };

  it('LA behind: Sydney’s hour on the chosen day is still ahead when LA’s stage goes out', () => {
    // LA's 07:00 on 10 May is already 00:00 on 11 May in Sydney; Sydney's 08:00 is 8 h away.
    const sentAt = at('2027-05-10T14:00:00Z');
    const { plan, dueAt } = afterPairedSend(sentAt, 3, LOS_ANGELES, aligning, SYDNEY);
    expect(plan).toEqual({ stage: 4, day: '2027-05-11', cadenceDays: 1 });
    const sydneyAt = sendTimeOf(plan as PairPlan, 4, SYDNEY) as Date;
    expect(sydneyAt.toISOString()).toBe('2027-05-10T22:00:00.000Z');
    expect(sydneyAt.getTime()).toBeGreaterThan(sentAt.getTime());
    expect(dueAt.toISOString()).toBe('2027-05-11T14:00:00.000Z');
  });

  it('Sydney behind: Sydney keeps its cadence and LA gets the stage on the same day', () => {
    const sentAt = at('2027-05-10T22:00:00Z'); // 08:00 on 11 May in Sydney
    const { plan, dueAt } = afterPairedSend(sentAt, 3, SYDNEY, aligning, LOS_ANGELES);
    expect(plan).toEqual({ stage: 4, day: '2027-05-12', cadenceDays: 1 });
    expect(dueAt.toISOString()).toBe('2027-05-11T22:00:00.000Z');
    expect(sendTimeOf(plan as PairPlan, 4, LOS_ANGELES)?.toISOString()).toBe(
      '2027-05-12T14:00:00.000Z',
    );
  });

  it('a held partner far to the east can push the day past the catching-up one’s cadence', () => {
    // Honolulu 20:00 on 10 May is 18:00 on 11 May in Auckland: Auckland's 08:00 that day has
    // gone, so the daily pair's next stage reaches Honolulu two days after the last.
    const honolulu: MemberClock = { timeZone: 'Pacific/Honolulu', sendHour: 20 };
    const auckland: MemberClock = { timeZone: 'Pacific/Auckland', sendHour: 8 };
    const sentAt = at('2027-05-11T06:00:00Z');
    const { plan, dueAt } = afterPairedSend(sentAt, 3, honolulu, aligning, auckland);
    expect(plan?.day).toBe('2027-05-12');
    expect(dueAt.toISOString()).toBe('2027-05-13T06:00:00.000Z');
  });

  it('holds at every hour of ten days around DST changes, each cadence, either one behind', () => {
    for (const windowStart of [
      '2027-03-09T00:00:00Z',
      '2027-03-30T00:00:00Z',
      '2027-10-01T00:00:00Z',
      '2027-11-03T00:00:00Z',
    ]) {
      for (let hour = 0; hour < 240; hour++) {
        const sentAt = later(at(windowStart), minutes(60 * hour));
        for (const cadenceDays of [1, 2, 3]) {
          for (const [behind, held] of [
            [LOS_ANGELES, SYDNEY],
            [SYDNEY, LOS_ANGELES],
          ] as const) {
            const plan = { stage: 4, cadenceDays };
            const after = afterPairedSend(sentAt, 3, behind, plan, held);
            const label = `${sentAt.toISOString()} every ${cadenceDays}, ${behind.timeZone} behind`;
            expect(after.plan?.stage, label).toBe(4);
            const aligned = after.plan as PairPlan;
            const behindAt = sendTimeOf(aligned, 4, behind) as Date;
            const heldAt = sendTimeOf(aligned, 4, held) as Date;
            expect(after.dueAt.getTime(), label).toBe(behindAt.getTime());
            // The one behind keeps the pair's cadence; the held one has not yet missed the day.
            const ownPace = nextSendAfter(sentAt, { ...behind, cadenceDays });
            expect(behindAt.getTime(), label).toBeGreaterThanOrEqual(ownPace.getTime());
            expect(heldAt.getTime(), label).toBeGreaterThan(sentAt.getTime());
            expect(dayIn(behindAt, behind), label).toBe(aligned.day);
            expect(dayIn(heldAt, held), label).toBe(aligned.day);
            // And no earlier day would do.
            const dayBefore = parseDay(plusDays(aligned.day as string, -1));
            const earlierWorks =
              atLocalHour(dayBefore, behind.sendHour, behind.timeZone) >= ownPace &&
              atLocalHour(dayBefore, held.sendHour, held.timeZone) > sentAt;
            expect(earlierWorks, label).toBe(false);
          }
        }
      }
    }
  });

  it('for any two zones and hours, lands both on the day, each at or after their earliest', () => {
    const zones = [
      'Australia/Sydney',
      'America/Los_Angeles',
      'America/New_York',
      'Europe/London',
      'Asia/Kolkata',
      'Asia/Kathmandu',
      'Pacific/Auckland',
      'Pacific/Chatham',
      'Australia/Lord_Howe',
      'America/Santiago',
      'Pacific/Kiritimati',
      'Pacific/Pago_Pago',
      'Pacific/Honolulu',
    ];
    const clock = fc.record({
      timeZone: fc.constantFrom(...zones),
      sendHour: fc.integer({ min: 0, max: 23 }),
    });
    fc.assert(
      fc.property(
        clock,
        clock,
        fc.integer({
          min: Date.parse('2027-01-01T00:00:00Z'),
          max: Date.parse('2028-12-31T00:00:00Z'),
        }),
        fc.integer({ min: 1, max: 14 }),
        (behind, held, sentMs, cadenceDays) => {
          const sentAt = new Date(sentMs);
          const after = afterPairedSend(sentAt, 0, behind, { stage: 1, cadenceDays }, held);
          const aligned = after.plan as PairPlan;
          const behindAt = sendTimeOf(aligned, 1, behind) as Date;
          const heldAt = sendTimeOf(aligned, 1, held) as Date;
          expect(behindAt.getTime()).toBeGreaterThanOrEqual(
            nextSendAfter(sentAt, { ...behind, cadenceDays }).getTime(),
          );
          expect(heldAt.getTime()).toBeGreaterThan(sentAt.getTime());
          expect(dayIn(behindAt, behind)).toBe(aligned.day);
          expect(dayIn(heldAt, held)).toBe(aligned.day);
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe('forming a pair', () => {
  it('aligns members at the same stage on the first day that honours both their paces', () => {
    const sydneyNotBefore = at('2027-06-01T22:00:00Z'); // Sydney 08:00 on 2 June
    const laNotBefore = at('2027-06-02T15:00:00Z'); // LA 08:00 on 2 June: 07:00 has gone
    const plan = planPair(
      [
        { ...SYDNEY, nextStage: 3, notBefore: sydneyNotBefore },
        { ...LOS_ANGELES, nextStage: 3, notBefore: laNotBefore },
      ],
      2,
    );
    expect(plan).toEqual({ stage: 3, day: '2027-06-03', cadenceDays: 2 });
    expect((sendTimeOf(plan, 3, SYDNEY) as Date) >= sydneyNotBefore).toBe(true);
    expect((sendTimeOf(plan, 3, LOS_ANGELES) as Date) >= laNotBefore).toBe(true);
  });

  it('holds the one ahead at their stage, with no day yet, while the other catches up', () => {
    const notBefore = at('2027-06-01T00:00:00Z');
    const plan = planPair(
      [
        { ...SYDNEY, nextStage: 0, notBefore },
        { ...LOS_ANGELES, nextStage: 4, notBefore },
      ],
      3,
    );
    expect(plan).toStrictEqual({ stage: 4, cadenceDays: 3 });
  });
});

describe('deciding for a due member', () => {
  const aligned: PairPlan = { stage: 4, day: '2027-06-10', cadenceDays: 2 };
  const sydneyStage5 = at('2027-06-11T22:00:00Z'); // 08:00 on 12 June in Sydney

  it('aligned: sends a planned stage once its instant has come, and waits for it before', () => {
    const self = { ...SYDNEY, nextStage: 5 };
    expect(decidePairedSend(later(sydneyStage5, -minutes(1)), self, aligned)).toEqual({
      kind: 'wait',
      until: sydneyStage5,
    });
    expect(decidePairedSend(sydneyStage5, self, aligned)).toEqual({ kind: 'send' });
    expect(decidePairedSend(later(sydneyStage5, minutes(90)), self, aligned)).toEqual({
      kind: 'send',
    });
  });

  it('aligned: sends a stage before the plan’s straight away (catching up)', () => {
    expect(
      decidePairedSend(at('2027-06-01T00:00:00Z'), { ...SYDNEY, nextStage: 2 }, aligned),
    ).toEqual({ kind: 'send' });
  });

  it('aligning: the one behind catches up at their own pace', () => {
    const plan = { stage: 4, cadenceDays: 2 };
    const now = at('2027-06-01T14:00:00Z');
    expect(decidePairedSend(now, { ...LOS_ANGELES, nextStage: 1 }, plan)).toEqual({ kind: 'send' });
    expect(afterPairedSend(now, 1, LOS_ANGELES, plan, SYDNEY)).toEqual({
      dueAt: at('2027-06-03T14:00:00Z'),
    });
  });

  it('aligning: the one ahead is held and looked at again at their next own hour', () => {
    const plan = { stage: 4, cadenceDays: 2 };
    const held = { ...SYDNEY, nextStage: 4 };
    const behind = { ...LOS_ANGELES, nextStage: 2 };
    // Due exactly on their hour: the next look is tomorrow's hour, not now.
    const onTheHour = at('2027-06-01T22:00:00Z');
    expect(decidePairedSend(onTheHour, held, plan, behind)).toEqual({
      kind: 'wait',
      until: at('2027-06-02T22:00:00Z'),
    });
    // Due earlier in their day (after a resume, say): today's hour.
    expect(decidePairedSend(at('2027-06-01T20:00:00Z'), held, plan)).toEqual({
      kind: 'wait',
      until: onTheHour,
    });
  });

  const atStageFive = { stage: 5, cadenceDays: 2 };

  /** The plan and the follow-up of an `align` decision (fails the test on anything else). */
  function alignment(decision: PairDecision) {
    if (decision.kind !== 'align') throw new Error(`expected align, got ${decision.kind}`);
    return { plan: decision.plan, next: decision.then };
  }

  it('after a lost write (both already at the held stage) aligns on a day both can make', () => {
    const now = at('2027-06-01T22:00:30Z'); // 30 s after Sydney's 08:00 on 2 June
    const { plan, next } = alignment(
      decidePairedSend(now, { ...SYDNEY, nextStage: 5 }, atStageFive, {
        ...LOS_ANGELES,
        nextStage: 5,
      }),
    );
    // Sydney's 08:00 on 2 June has just gone, so 3 June, when LA's 07:00 is still ahead too.
    expect(plan).toEqual({ stage: 5, day: '2027-06-03', cadenceDays: 2 });
    expect(next).toEqual({ kind: 'wait', until: at('2027-06-02T22:00:00Z') });
    expect((sendTimeOf(plan, 5, LOS_ANGELES) as Date) > now).toBe(true);
  });

  it('a lost write found exactly on an hour both can still make that day aligns and sends', () => {
    const now = at('2027-06-01T22:00:00Z'); // Sydney 08:00 on 2 June; LA's 07:00 that day is ahead
    const { plan, next } = alignment(
      decidePairedSend(now, { ...SYDNEY, nextStage: 5 }, atStageFive, {
        ...LOS_ANGELES,
        nextStage: 5,
      }),
    );
    expect(plan).toEqual({ stage: 5, day: '2027-06-02', cadenceDays: 2 });
    expect(next).toEqual({ kind: 'send' });
  });

  it('no lost write while the partner is still behind: the one ahead stays held', () => {
    const now = at('2027-06-01T22:00:30Z');
    expect(
      decidePairedSend(now, { ...SYDNEY, nextStage: 5 }, atStageFive, {
        ...LOS_ANGELES,
        nextStage: 4,
      }),
    ).toEqual({ kind: 'wait', until: at('2027-06-02T22:00:00Z') });
  });
});

describe('after a paired send', () => {
  const plan: PairPlan = { stage: 4, day: '2027-06-10', cadenceDays: 2 };

  it('aligned: the next stage is due on the plan’s next day at the member’s hour', () => {
    const sentAt = at('2027-06-10T14:00:00Z'); // LA 07:00 on 10 June
    expect(afterPairedSend(sentAt, 4, LOS_ANGELES, plan, SYDNEY)).toEqual({
      dueAt: at('2027-06-12T14:00:00Z'),
    });
  });

  it('aligned but running late: the next stage goes at the member’s next own hour', () => {
    // Stage 4 went out two and a half days late, after stage 5's day had come.
    const sentAt = at('2027-06-12T22:00:00Z'); // LA 15:00 on 12 June
    expect(afterPairedSend(sentAt, 4, LOS_ANGELES, plan, SYDNEY)).toEqual({
      dueAt: at('2027-06-13T14:00:00Z'),
    });
  });

  it('aligned, a stage before the plan’s: the next one follows at the pair’s cadence', () => {
    const sentAt = at('2027-06-01T14:00:00Z');
    expect(afterPairedSend(sentAt, 1, LOS_ANGELES, plan, SYDNEY)).toEqual({
      dueAt: at('2027-06-03T14:00:00Z'),
    });
  });

  it('aligning, a stage beyond the held one (should not happen): own pace, no plan', () => {
    const sentAt = at('2027-06-01T14:00:00Z');
    expect(afterPairedSend(sentAt, 6, LOS_ANGELES, { stage: 4, cadenceDays: 2 }, SYDNEY)).toEqual({
      dueAt: at('2027-06-03T14:00:00Z'),
    });
  });
});

describe('daylight-saving gaps and jumps', () => {
  const newYork: MemberClock = { timeZone: 'America/New_York', sendHour: 2 };
  const london: MemberClock = { timeZone: 'Europe/London', sendHour: 9 };

  it('02:00 in New York on the spring-forward day goes out that day, with the partner', () => {
    const plan: PairPlan = { stage: 0, day: '2027-03-13', cadenceDays: 1 };
    const sends = [0, 1, 2].map((stage) => sendTimeOf(plan, stage, newYork) as Date);
    // 02:00 EST; 02:00 that never happens (03:00 EDT, when the clock jumps); 02:00 EDT.
    expect(sends.map((d) => d.toISOString())).toEqual([
      '2027-03-13T07:00:00.000Z',
      '2027-03-14T07:00:00.000Z',
      '2027-03-15T06:00:00.000Z',
    ]);
    expect(dayIn(sends[1] as Date, newYork)).toBe('2027-03-14');
    expect(dayIn(sendTimeOf(plan, 1, london) as Date, london)).toBe('2027-03-14');

    // Sent on the 13th, the next is due at the jump on the 14th, and goes out then.
    const after = afterPairedSend(sends[0] as Date, 0, newYork, plan, london);
    expect(after.dueAt).toEqual(sends[1]);
    expect(decidePairedSend(after.dueAt, { ...newYork, nextStage: 1 }, plan)).toEqual({
      kind: 'send',
    });
    expect(
      firstCommonDay([
        { ...newYork, notBefore: later(sends[0] as Date, minutes(1)) },
        { ...london, notBefore: later(sends[0] as Date, minutes(1)) },
      ]),
    ).toBe('2027-03-14');
  });

  it('a day without the hour: Nuuk’s 23:00 on spring-forward night comes at 00:00 next day', () => {
    // Since tzdata 2023c Greenland's clocks jump from 23:00 to 00:00 (01:00 UTC, the EU rule), so
    // that local day has no 23:00; the stage goes out when the clock jumps, on the next date.
    const nuuk: MemberClock = { timeZone: 'America/Nuuk', sendHour: 23 };
    const plan: PairPlan = { stage: 0, day: '2027-03-27', cadenceDays: 1 };
    const sendAt = sendTimeOf(plan, 0, nuuk) as Date;
    expect(sendAt.toISOString()).toBe('2027-03-28T01:00:00.000Z');
    expect(dayIn(sendAt, nuuk)).toBe('2027-03-28');
    expect((sendTimeOf(plan, 1, nuuk) as Date) > sendAt).toBe(true);
  });
});

describe('a pair end to end: one joins later, catches up alone, then both share a calendar', () => {
  interface Member {
    clock: MemberClock;
    nextStage: number;
    dueAt: Date;
    sent: { stage: number; at: Date }[];
    waits: Date[];
  }

  /**
   * Steps a fake clock through the members' due times the way the dispatcher would: the due
   * member is claimed a little late, decided for, sent or put back, and any plan is stored.
   */
  function run(
    members: [Member, Member],
    plan: PairPlan,
    lastStage: number,
    { claimDelayMs = minutes(2), partnerAtHand = true } = {},
  ) {
    let current = plan;
    for (let step = 0; members.some((m) => m.nextStage <= lastStage); step++) {
      if (step > 1000) throw new Error('the run did not finish');
      const self = members
        .filter((m) => m.nextStage <= lastStage)
        .sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime())[0] as Member;
      const partner = members.find((m) => m !== self) as Member;
      const now = later(self.dueAt, claimDelayMs);
      const decision = decidePairedSend(
        now,
        { ...self.clock, nextStage: self.nextStage },
        current,
        partnerAtHand ? { ...partner.clock, nextStage: partner.nextStage } : undefined,
      );
      const action = decision.kind === 'align' ? decision.then : decision;
      if (decision.kind === 'align') current = decision.plan;
      if (action.kind === 'wait') {
        expect(action.until.getTime()).toBeGreaterThan(now.getTime());
        self.waits.push(action.until);
        self.dueAt = action.until;
        continue;
      }
      self.sent.push({ stage: self.nextStage, at: now });
      const after = afterPairedSend(now, self.nextStage, self.clock, current, partner.clock);
      self.nextStage += 1;
      self.dueAt = after.dueAt;
      if (after.plan) current = after.plan;
    }
  }

  const member = (clock: MemberClock, nextStage: number, dueAt: Date): Member => ({
    clock,
    nextStage,
    dueAt,
    sent: [],
    waits: [],
  });

  const scenarios: [string, MemberClock, MemberClock, string, number][] = [
    // ahead (held at 4), joins later (from 0), start day, cadence
    ['Sydney ahead, LA joins', SYDNEY, LOS_ANGELES, '2027-03-08', 1],
    ['Sydney ahead, LA joins', SYDNEY, LOS_ANGELES, '2027-03-08', 2],
    ['LA ahead, Sydney joins', LOS_ANGELES, SYDNEY, '2027-03-08', 3],
    ['LA ahead, Sydney joins', LOS_ANGELES, SYDNEY, '2027-09-20', 7],
    ['Sydney ahead, LA joins', SYDNEY, LOS_ANGELES, '2027-09-28', 5],
  ];

  it.each(scenarios)(
    '%s on %s, every %i day(s)',
    (_, aheadClock, joinerClock, start, cadenceDays) => {
      const startDay = parseDay(start);
      const ahead = member(
        aheadClock,
        4,
        atLocalHour(startDay, aheadClock.sendHour, aheadClock.timeZone),
      );
      const joiner = member(
        joinerClock,
        0,
        atLocalHour(startDay, joinerClock.sendHour, joinerClock.timeZone),
      );
      run([ahead, joiner], { stage: 4, cadenceDays }, 10);

      // Every stage exactly once, in order, each at the member's own hour.
      expect(joiner.sent.map((s) => s.stage)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
      expect(ahead.sent.map((s) => s.stage)).toEqual([4, 5, 6, 7, 8, 9, 10]);
      for (const { clock, sent, waits } of [ahead, joiner]) {
        for (const { at: sentAt } of sent) expect(hourIn(sentAt, clock)).toBe(clock.sendHour);
        // A held member is looked at again at their own hour, too.
        for (const until of waits) expect(hourIn(until, clock)).toBe(clock.sendHour);
      }

      // The joiner catches up alone at the pair's cadence; the one ahead gets nothing meanwhile.
      const joinerDays = joiner.sent.map((s) => dayIn(s.at, joinerClock));
      for (let stage = 1; stage <= 4; stage++) {
        expect(daysBetween(joinerDays[stage - 1] as string, joinerDays[stage] as string)).toBe(
          cadenceDays,
        );
      }
      expect((ahead.sent[0]?.at as Date) > (joiner.sent[3]?.at as Date)).toBe(true);
      expect(ahead.waits.length).toBeGreaterThan(0);

      // From stage 4 on, both get each stage on the same local day, a cadence apart.
      const aheadDays = ahead.sent.map((s) => dayIn(s.at, aheadClock));
      expect(aheadDays).toEqual(joinerDays.slice(4));
      for (let i = 1; i < aheadDays.length; i++) {
        expect(daysBetween(aheadDays[i - 1] as string, aheadDays[i] as string)).toBe(cadenceDays);
      }
    },
  );

  it('needs only the plan the partner’s send stores, not the partner at hand', () => {
    const ahead = member(SYDNEY, 4, at('2027-03-07T21:00:00Z'));
    const joiner = member(LOS_ANGELES, 0, at('2027-03-08T15:00:00Z'));
    run([ahead, joiner], { stage: 4, cadenceDays: 2 }, 8, {
      claimDelayMs: 0,
      partnerAtHand: false,
    });
    expect(joiner.sent.map((s) => s.stage)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
    expect(ahead.sent.map((s) => dayIn(s.at, SYDNEY))).toEqual(
      joiner.sent.slice(4).map((s) => dayIn(s.at, LOS_ANGELES)),
    );
  });
});

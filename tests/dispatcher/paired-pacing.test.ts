import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { subscriberIdFor } from '../../functions/domain/email-address';
import type { Enrollment } from '../../functions/domain/enrollment';
import type { Pair } from '../../functions/domain/pair';
import { planPair } from '../../functions/domain/pair-pacing';
import { addDays, localDateOf } from '../../functions/domain/zoned-time';
import { memberStanding } from '../../functions/services/pair-standing';
import { firstLink, type Harness, pathOf, startHarness } from '../support/harness';
import {
  acceptPartnerInvitation,
  invite,
  type Member,
  signUpAndConfirm,
} from '../support/partners';

/**
 * Paired pacing through the real dispatcher, the real store (dynalite) and the local SES outbox:
 * the clock moves an hour at a time and the dispatcher runs after every step, as the schedule
 * would run it, so every "held", "looked at again" and "due" decision happens as it would in
 * production. Each email is recorded with the clock's time at the run that sent it.
 */

const COURSE = 'repair-reconnect';
const STAGES = 11;

interface Clock {
  timeZone: string;
  sendHour: number;
}
const SYDNEY: Clock = { timeZone: 'Australia/Sydney', sendHour: 8 };
const LOS_ANGELES: Clock = { timeZone: 'America/Los_Angeles', sendHour: 7 };
const LONDON: Clock = { timeZone: 'Europe/London', sendHour: 8 };
const NEW_YORK: Clock = { timeZone: 'America/New_York', sendHour: 18 };

/** YYYY-MM-DD on the member's own clock. */
function dayIn(instant: Date, clock: Clock): string {
  const { year, month, day } = localDateOf(instant, clock.timeZone);
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function hourIn(instant: Date, clock: Clock): number {
  return Number(
    new Intl.DateTimeFormat('en-US', {
      timeZone: clock.timeZone,
      hour: 'numeric',
      hourCycle: 'h23',
    }).format(instant),
  );
}

function plusDays(day: string, n: number): string {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  const d = addDays({ year, month, day: date }, n);
  return `${d.year}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;
}

interface Received {
  stage: number;
  at: Date;
}

/** The stage emails each address received, and when, as the dispatcher sends them. */
class Recorder {
  private seen = 0;
  private readonly got = new Map<string, Received[]>();
  private readonly stageBySubject: Map<string, number>;
  /** Steps taken and the time they took, for the report. */
  steps = 0;

  constructor(private readonly h: Harness) {
    const subjects = h.ctx.catalog.compiled(COURSE).stages.map((stage) => stage.subject);
    this.stageBySubject = new Map(subjects.map((subject, index) => [subject, index]));
    if (this.stageBySubject.size !== STAGES) throw new Error('stage subjects are not distinct');
  }

  received(email: string): Received[] {
    return this.got.get(email) ?? [];
  }

  stages(email: string): number[] {
    return this.received(email).map((r) => r.stage);
  }

  /** The stage email `email` received for `stage`; fails if there is not exactly one. */
  one(email: string, stage: number): Received {
    const found = this.received(email).filter((r) => r.stage === stage);
    if (found.length !== 1) {
      throw new Error(`${email} received stage ${stage} ${found.length} times`);
    }
    return found[0] as Received;
  }

  /** Picks up what the last run sent; call after any dispatch not made through `hours`. */
  async collect(): Promise<void> {
    const outbox = await this.h.outbox();
    const at = this.h.clock.now();
    for (const mail of outbox.slice(this.seen)) {
      const stage = this.stageBySubject.get(mail.subject);
      if (stage === undefined) continue;
      for (const to of mail.to) this.got.set(to, [...this.received(to), { stage, at }]);
    }
    this.seen = outbox.length;
  }

  async dispatch(): Promise<void> {
    await this.h.controls.dispatch();
    await this.collect();
  }

  /** Moves the clock an hour at a time, running the dispatcher after each step. */
  async hours(n: number, stopWhen?: () => boolean): Promise<void> {
    for (let i = 0; i < n; i++) {
      const { dispatch } = await this.h.controls.advanceClock(1);
      this.steps++;
      if (dispatch.sent > 0) await this.collect();
      if (stopWhen?.()) return;
    }
  }
}

/** What the store holds for a member: their enrollment in the course, and their pair. */
async function standing(
  h: Harness,
  email: string,
): Promise<{ enrollment: Enrollment; pair?: Pair }> {
  const enrollment = await h.ctx.store.enrollments.get(
    subscriberIdFor(email, h.ctx.secret),
    COURSE,
  );
  if (!enrollment) throw new Error(`no enrollment for ${email}`);
  const pair = enrollment.pairId ? await h.ctx.store.pairs.get(enrollment.pairId) : undefined;
  return { enrollment, pair };
}

const page = async (h: Harness, path: string) => (await fetch(new URL(path, h.url))).text();

/**
 * Both sign up on their own (each receives the welcome, so both are at stage 1), then the first
 * invites the second, who accepts with their own hour and zone: the pair forms at stage 1.
 */
async function pairAtSameStage(
  h: Harness,
  rec: Recorder,
  [a, aClock]: [string, Clock],
  [b, bClock]: [string, Clock],
): Promise<[Member, Member]> {
  const first = await signUpAndConfirm(h, a, {
    timezone: aClock.timeZone,
    sendHour: String(aClock.sendHour),
  });
  await rec.collect();
  const second = await signUpAndConfirm(h, b, {
    timezone: bClock.timeZone,
    sendHour: String(bClock.sendHour),
  });
  await rec.collect();
  expect((await invite(h, first, b)).status).toBe(303);
  const accepted = await acceptPartnerInvitation(h, b, {
    timezone: bClock.timeZone,
    sendHour: String(bClock.sendHour),
  });
  expect(accepted.status).toBe(200);
  await rec.collect();
  return [first, second];
}

/** Each of `stages` reached both members once, on the same local date, each at their own hour. */
function expectSameLocalDays(
  rec: Recorder,
  [a, aClock]: [string, Clock],
  [b, bClock]: [string, Clock],
  stages: number[],
): string[] {
  return stages.map((stage) => {
    const mine = rec.one(a, stage);
    const theirs = rec.one(b, stage);
    expect(dayIn(mine.at, aClock), `stage ${stage}: same local date`).toBe(
      dayIn(theirs.at, bClock),
    );
    expect(hourIn(mine.at, aClock), `stage ${stage}: ${a}'s hour`).toBe(aClock.sendHour);
    expect(hourIn(theirs.at, bClock), `stage ${stage}: ${b}'s hour`).toBe(bClock.sendHour);
    return dayIn(mine.at, aClock);
  });
}

const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);

describe('Sydney and Los Angeles, paired at the same stage, across both DST changes', () => {
  let h: Harness;
  let rec: Recorder;
  const A = 'sydney@example.com';
  const B = 'los.angeles@example.com';

  beforeAll(async () => {
    h = await startHarness();
    rec = new Recorder(h);
    // Twenty past the hour, so every run lands well inside someone's sending hour.
    h.clock.advanceTo(new Date('2027-03-08T00:20:00Z'));
  });
  afterAll(async () => {
    await h?.stop();
  });

  it('both get every stage once, in order, on the same local date, each at their own hour', async () => {
    await pairAtSameStage(h, rec, [A, SYDNEY], [B, LOS_ANGELES]);
    const { pair } = await standing(h, A);
    // Sydney's stage 1 is due on the 11th at 08:00 there; Los Angeles could have had it on the
    // 10th at 07:00, and waits a day for Sydney.
    expect(pair).toMatchObject({
      status: 'active',
      plan: { stage: 1, day: '2027-03-11', cadenceDays: 3 },
    });

    const started = performance.now();
    await rec.hours(
      24 * 32,
      () => rec.stages(A).length === STAGES && rec.stages(B).length === STAGES,
    );
    // Three more days: nothing more, ever.
    await rec.hours(24 * 3);
    console.info(
      `Sydney–Los Angeles: ${rec.steps} hourly runs in ${Math.round(performance.now() - started)} ms`,
    );

    expect(rec.stages(A)).toEqual(range(0, STAGES));
    expect(rec.stages(B)).toEqual(range(0, STAGES));
    const days = expectSameLocalDays(rec, [A, SYDNEY], [B, LOS_ANGELES], range(1, STAGES));
    expect(days).toEqual(range(0, STAGES - 1).map((n) => plusDays('2027-03-11', 3 * n)));
    // The period crosses Los Angeles' spring forward (14 March) and Sydney's autumn back
    // (4 April): the hour stays each one's own, so its instant in UTC moved for both.
    const utcHour = (email: string, stage: number) => rec.one(email, stage).at.getUTCHours();
    expect([utcHour(A, 1), utcHour(A, STAGES - 1)]).toEqual([21, 22]);
    expect([utcHour(B, 1), utcHour(B, STAGES - 1)]).toEqual([15, 14]);
    expect((await standing(h, A)).enrollment.status).toBe('completed');
    expect((await standing(h, B)).enrollment.status).toBe('completed');
  }, 180_000);
});

describe('a partner who joins later catches up while the one ahead is held', () => {
  let h: Harness;
  let rec: Recorder;
  const A = 'early@example.com';
  const B = 'late@example.com';

  beforeAll(async () => {
    h = await startHarness();
    rec = new Recorder(h);
    h.clock.advanceTo(new Date('2027-03-08T00:20:00Z'));
  });
  afterAll(async () => {
    await h?.stop();
  });

  it('the late joiner gets the welcome and stages 1–3 alone at the pair cadence, then both get stage 4 on one local date', async () => {
    const early = await signUpAndConfirm(h, A, {
      timezone: LONDON.timeZone,
      sendHour: String(LONDON.sendHour),
    });
    await rec.collect();
    await rec.hours(24 * 12, () => rec.stages(A).length === 4);
    expect(rec.stages(A)).toEqual([0, 1, 2, 3]);
    await rec.hours(4);

    expect((await invite(h, early, B)).status).toBe(303);
    const accepted = await acceptPartnerInvitation(h, B, {
      timezone: NEW_YORK.timeZone,
      sendHour: String(NEW_YORK.sendHour),
    });
    expect(accepted.status).toBe(200);
    await rec.collect();
    const joinedAt = h.clock.now();
    expect((await standing(h, A)).pair?.plan).toEqual({ stage: 4, cadenceDays: 3 });

    await rec.hours(24 * 20, () => rec.stages(A).length === 6 && rec.stages(B).length === 6);
    expect(rec.stages(B)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(rec.stages(A)).toEqual([0, 1, 2, 3, 4, 5]);

    // Catching up: the welcome at once, then every three days at the joiner's own hour.
    const caughtUp = [0, 1, 2, 3].map((stage) => rec.one(B, stage).at);
    expect(dayIn(caughtUp[0] as Date, NEW_YORK)).toBe(dayIn(joinedAt, NEW_YORK));
    for (const stage of [1, 2, 3]) {
      expect(hourIn(caughtUp[stage] as Date, NEW_YORK)).toBe(NEW_YORK.sendHour);
      expect(dayIn(caughtUp[stage] as Date, NEW_YORK)).toBe(
        plusDays(dayIn(caughtUp[stage - 1] as Date, NEW_YORK), 3),
      );
    }
    // Held: nothing reached the one ahead until stage 4, which both got on one local date.
    const held = rec.one(A, 4).at;
    expect(held.getTime()).toBeGreaterThan((caughtUp[3] as Date).getTime());
    const [fourth, fifth] = expectSameLocalDays(rec, [A, LONDON], [B, NEW_YORK], [4, 5]);
    expect(fourth).toBe(plusDays(dayIn(caughtUp[3] as Date, NEW_YORK), 3));
    expect(fifth).toBe(plusDays(fourth as string, 3));
    expect((await standing(h, A)).pair?.plan).toEqual({ stage: 4, day: fourth, cadenceDays: 3 });
  }, 180_000);
});

describe('one of the two pauses, resumes, and later leaves', () => {
  let h: Harness;
  let rec: Recorder;
  let a: Member;
  let b: Member;
  const A = 'stays@example.com';
  const B = 'pauses@example.com';
  const both = () => [rec.stages(A).length, rec.stages(B).length];

  beforeAll(async () => {
    h = await startHarness();
    rec = new Recorder(h);
    h.clock.advanceTo(new Date('2027-05-03T00:20:00Z'));
    [a, b] = await pairAtSameStage(h, rec, [A, SYDNEY], [B, LOS_ANGELES]);
    await rec.hours(24 * 10, () => rec.stages(A).length === 3 && rec.stages(B).length === 3);
    expectSameLocalDays(rec, [A, SYDNEY], [B, LOS_ANGELES], [1, 2]);
  }, 120_000);
  afterAll(async () => {
    await h?.stop();
  });

  it('a pause by one holds both; the other reads "Paused by your partner" and cannot resume it', async () => {
    expect((await h.postForm(b.manage, { action: 'pause' })).status).toBe(303);
    const before = both();
    await rec.hours(24 * 7);
    expect(both()).toEqual(before);
    const aManage = await page(h, a.manage);
    expect(aManage).toContain('Paused by your partner');
    expect(aManage).not.toContain('Resume where I left off');
    await h.postForm(a.manage, { action: 'resume' });
    await rec.hours(24 * 3);
    expect(both()).toEqual(before);
    expect((await standing(h, A)).enrollment).toMatchObject({
      status: 'paused',
      pausedBy: 'partner',
    });
  }, 60_000);

  it('resumed by the one who paused, both go on with the next stage on one local date, none skipped', async () => {
    expect((await h.postForm(b.manage, { action: 'resume' })).status).toBe(303);
    expect(await page(h, a.manage)).not.toContain('Paused by your partner');
    await rec.hours(24 * 10, () => rec.stages(A).length === 5 && rec.stages(B).length === 5);
    expect(rec.stages(A)).toEqual([0, 1, 2, 3, 4]);
    expect(rec.stages(B)).toEqual([0, 1, 2, 3, 4]);
    const [third, fourth] = expectSameLocalDays(rec, [A, SYDNEY], [B, LOS_ANGELES], [3, 4]);
    expect(fourth).toBe(plusDays(third as string, 3));
  }, 60_000);

  it('a pause between the two sends of one stage: the one behind gets it after resuming, then both are together again', async () => {
    // Sydney's stage 5 goes out at 08:00 there, Los Angeles' some seventeen hours later.
    await rec.hours(24 * 4, () => rec.stages(A).length === 6);
    expect(rec.stages(B)).toHaveLength(5);
    expect((await h.postForm(a.manage, { action: 'pause' })).status).toBe(303);
    const before = both();
    await rec.hours(24 * 5);
    expect(both()).toEqual(before);
    expect((await h.postForm(a.manage, { action: 'resume' })).status).toBe(303);
    await rec.hours(24 * 12, () => rec.stages(A).length === 8 && rec.stages(B).length === 8);
    expect(rec.stages(A)).toEqual(range(0, 8));
    expect(rec.stages(B)).toEqual(range(0, 8));
    const [sixth, seventh] = expectSameLocalDays(rec, [A, SYDNEY], [B, LOS_ANGELES], [6, 7]);
    expect(seventh).toBe(plusDays(sixth as string, 3));
    expect(rec.one(B, 5).at.getTime()).toBeLessThan(rec.one(B, 6).at.getTime());
  }, 90_000);

  it('leaving (unsubscribe) ends the pair, and the other goes on alone at their own pace', async () => {
    const latest = (await h.mailTo(B)).at(-1);
    const response = await h.postForm(pathOf(firstLink(latest?.text ?? '', 'unsubscribe')));
    expect(response.status).toBe(200);
    const { enrollment, pair } = await standing(h, A);
    expect(pair).toBeUndefined();
    expect(enrollment.status).toBe('active');
    expect(await page(h, a.partner)).toContain('The pair has ended');
    expect(await page(h, `${a.journal}/together`)).toContain(
      'You are not taking the course with a partner right now',
    );
    const leaverGot = rec.stages(B).length;
    await rec.hours(24 * 7);
    expect(rec.stages(B)).toHaveLength(leaverGot);
    expect(rec.stages(A)).toEqual(range(0, 10));
    // Alone, at Sydney's hour, three days apart.
    expect(hourIn(rec.one(A, 9).at, SYDNEY)).toBe(SYDNEY.sendHour);
    expect(dayIn(rec.one(A, 9).at, SYDNEY)).toBe(plusDays(dayIn(rec.one(A, 8).at, SYDNEY), 3));
  }, 60_000);
});

describe('a pair change cut short between its writes', () => {
  let h: Harness;
  let rec: Recorder;
  let a: Member;
  let b: Member;
  const A = 'first.write@example.com';
  const B = 'second.write@example.com';
  const ids = () => ({
    a: subscriberIdFor(A, h.ctx.secret),
    b: subscriberIdFor(B, h.ctx.secret),
  });

  beforeAll(async () => {
    h = await startHarness();
    rec = new Recorder(h);
    h.clock.advanceTo(new Date('2027-03-29T00:20:00Z'));
    [a, b] = await pairAtSameStage(h, rec, [A, SYDNEY], [B, LOS_ANGELES]);
    await rec.hours(24 * 5, () => rec.stages(A).length === 2 && rec.stages(B).length === 2);
    expectSameLocalDays(rec, [A, SYDNEY], [B, LOS_ANGELES], [1]);
  }, 120_000);
  afterAll(async () => {
    await h?.stop();
  });

  it('a pause that wrote only the pair: nothing goes out, and both enrollments are paused when due', async () => {
    const { pair } = await standing(h, A);
    expect(await h.ctx.store.pairs.pause(pair?.pairId as string, ids().a)).toBe(true);
    expect((await standing(h, A)).enrollment.status).toBe('active');
    const before = [rec.stages(A).length, rec.stages(B).length];
    await rec.hours(24 * 6);
    expect([rec.stages(A).length, rec.stages(B).length]).toEqual(before);
    expect((await standing(h, A)).enrollment).toMatchObject({
      status: 'paused',
      pausedBy: 'client',
    });
    expect((await standing(h, B)).enrollment).toMatchObject({
      status: 'paused',
      pausedBy: 'partner',
    });
    expect(await page(h, b.manage)).toContain('Paused by your partner');

    // The one who paused resumes from their page, and both go on together.
    expect((await h.postForm(a.manage, { action: 'resume' })).status).toBe(303);
    await rec.hours(24 * 8, () => rec.stages(A).length === 3 && rec.stages(B).length === 3);
    expectSameLocalDays(rec, [A, SYDNEY], [B, LOS_ANGELES], [2]);
  }, 90_000);

  it('a resume that wrote only the pair: nothing goes out until the one who paused presses resume again, then both go on', async () => {
    expect((await h.postForm(b.manage, { action: 'pause' })).status).toBe(303);
    await rec.hours(24 * 2);
    const [paused, partner] = [
      (await standing(h, B)).enrollment,
      (await standing(h, A)).enrollment,
    ];
    const { pair } = await standing(h, B);
    if (pair?.status !== 'paused') throw new Error('the pair should be paused here');
    const now = h.clock.now();
    const plan = planPair([memberStanding(paused, now), memberStanding(partner, now)], 3);
    expect(await h.ctx.store.pairs.resume(pair.pairId, ids().b, plan)).toBe(true);

    // The pair says active; the enrollments are still paused, so nothing is due.
    const before = [rec.stages(A).length, rec.stages(B).length];
    await rec.hours(24 * 4);
    expect([rec.stages(A).length, rec.stages(B).length]).toEqual(before);
    const manage = await page(h, b.manage);
    expect(manage).toContain('Resume where I left off');

    // Pressing resume again finishes the job.
    expect((await h.postForm(b.manage, { action: 'resume' })).status).toBe(303);
    expect((await standing(h, A)).enrollment.status).toBe('active');
    expect((await standing(h, B)).enrollment.status).toBe('active');
    // And the calendar starts again from now: the next stage on one local date, and the one
    // after it a full cadence later, not the day after because the old calendar's day had passed.
    const next = before[0] as number;
    await rec.hours(
      24 * 11,
      () => rec.stages(A).length === next + 2 && rec.stages(B).length === next + 2,
    );
    expect(rec.stages(A)).toEqual(range(0, next + 2));
    expect(rec.stages(B)).toEqual(range(0, next + 2));
    const [first, second] = expectSameLocalDays(
      rec,
      [A, SYDNEY],
      [B, LOS_ANGELES],
      [next, next + 1],
    );
    expect(second).toBe(plusDays(first as string, 3));
  }, 90_000);

  it('a calendar write lost while both stand at the held stage: both still get it on one local day, once', async () => {
    const { pair, enrollment } = await standing(h, A);
    if (!pair?.plan.day) throw new Error('the pair should be aligned here');
    const partner = (await standing(h, B)).enrollment;
    const s = enrollment.nextStage;
    expect(partner.nextStage).toBe(s);
    const planned = plusDays(pair.plan.day, (s - pair.plan.stage) * 3);
    // What the catching-up member's send would have written, had its calendar write not been lost.
    const lost = { stage: s, cadenceDays: 3 };
    expect(await h.ctx.store.pairs.replacePlan(pair.pairId, pair.plan, lost)).toBe(true);

    await rec.hours(24 * 8, () => rec.stages(A).length === s + 2 && rec.stages(B).length === s + 2);
    expect(rec.stages(A)).toEqual(range(0, s + 2));
    expect(rec.stages(B)).toEqual(range(0, s + 2));
    const [held, next] = expectSameLocalDays(rec, [A, SYDNEY], [B, LOS_ANGELES], [s, s + 1]);
    expect([planned, plusDays(planned, 1)]).toContain(held);
    expect(next).toBe(plusDays(held as string, 3));
  }, 90_000);

  it('an end that deleted only the pair: both go on alone, and nothing shared is visible', async () => {
    const question = async (email: string) =>
      pathOf(firstLink((await h.mailTo(email)).at(-1)?.text ?? '', 'reflect'));
    await h.postForm(await question(A), { answer: 'Mine, shared.', sharePartner: 'on' });
    await h.postForm(await question(B), { answer: 'Theirs, shared.', sharePartner: 'on' });
    expect(await page(h, `${a.journal}/together`)).toContain('Theirs, shared.');

    const { pair } = await standing(h, A);
    expect(await h.ctx.store.pairs.end(pair?.pairId as string)).toBeDefined();
    expect((await standing(h, A)).enrollment.pairId).toBe(pair?.pairId);
    expect(await page(h, `${a.journal}/together`)).not.toContain('Theirs, shared.');
    expect(await page(h, `${b.journal}/together`)).not.toContain('Mine, shared.');
    expect(await page(h, a.partner)).toContain('The pair has ended');
    expect(await page(h, b.partner)).toContain('The pair has ended');

    const before = [rec.stages(A).length, rec.stages(B).length];
    await rec.hours(24 * 7);
    expect(rec.stages(A)).toEqual(range(0, (before[0] as number) + 2));
    expect(rec.stages(B)).toEqual(range(0, (before[1] as number) + 2));
  }, 90_000);

  it('an end cut short while paused: the pause the partner made is the person’s own to lift', async () => {
    const [c, d] = await pairAtSameStage(
      h,
      rec,
      ['third@example.com', LONDON],
      ['fourth@example.com', NEW_YORK],
    );
    expect((await h.postForm(c.manage, { action: 'pause' })).status).toBe(303);
    const { pair } = await standing(h, 'fourth@example.com');
    expect(await h.ctx.store.pairs.end(pair?.pairId as string)).toBeDefined();
    const manage = await page(h, d.manage);
    expect(manage).not.toContain('Paused by your partner');
    expect(manage).toContain('Resume where I left off');
    expect((await h.postForm(d.manage, { action: 'resume' })).status).toBe(303);
    await rec.hours(24 * 4);
    expect(rec.stages('fourth@example.com')).toEqual([0, 1]);
    expect(rec.stages('third@example.com')).toEqual([0]);
  }, 90_000);
});

import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Answer } from '../../functions/domain/answer';
import { type Pair, standingIn } from '../../functions/domain/pair';
import { revealedAnswers, sharedInPair } from '../../functions/domain/reveal';
import { type Harness, startHarness } from '../support/harness';
import {
  acceptPartnerInvitation,
  currentLinks,
  invite,
  type Member,
  reflectByQuestion,
  signUpAndConfirm,
} from '../support/partners';

/**
 * Mutual reveal against a model, over random sequences of what two partners do: answer, edit
 * (with or without "share with my partner"), pause, resume, unpair. After every step, what each
 * sees of the other on the together page is exactly what the model says: a question's two
 * answers only while the pair exists, and only where both answered and both shared. Once a pair
 * has ended nothing is revealed again, whatever either does next.
 *
 * Two levels share the model and the commands: the pure rule (`standingIn` + `revealedAnswers`)
 * with many runs, and the whole product over HTTP against the local engines with fewer.
 */

type Who = 'A' | 'B';
const other = (who: Who): Who => (who === 'A' ? 'B' : 'A');

type Command =
  /** Saves an answer to question `q`; `edit` re-saves one already answered, when there is one. */
  | { kind: 'save'; who: Who; q: number; share: boolean; edit: boolean }
  | { kind: 'pause' | 'resume' | 'unpair'; who: Who };

/** What the two did, as they meant it. */
interface Model {
  paired: boolean;
  pausedBy?: Who;
  answers: Record<Who, Map<number, { text: string; share: boolean }>>;
}

const newModel = (): Model => ({ paired: true, answers: { A: new Map(), B: new Map() } });

/** The question a save is about: an edit picks among those already answered. */
function questionOf(model: Model, command: Extract<Command, { kind: 'save' }>, count: number) {
  const answered = [...model.answers[command.who].keys()].sort();
  if (command.edit && answered.length > 0) return answered[command.q % answered.length] as number;
  return command.q % count;
}

function applyToModel(model: Model, command: Command, q: number, text: string): void {
  switch (command.kind) {
    case 'save':
      model.answers[command.who].set(q, { text, share: command.share });
      break;
    case 'pause':
      if (model.paired && !model.pausedBy) model.pausedBy = command.who;
      break;
    case 'resume':
      if (model.pausedBy === command.who) model.pausedBy = undefined;
      break;
    case 'unpair':
      model.paired = false;
      model.pausedBy = undefined;
      break;
  }
}

/** What `viewer` should see side by side: question → [their own text, the other's text]. */
function expectedView(model: Model, viewer: Who): Map<number, [string, string]> {
  const shown = new Map<number, [string, string]>();
  if (!model.paired) return shown;
  for (const [q, mine] of model.answers[viewer]) {
    const theirs = model.answers[other(viewer)].get(q);
    if (mine.share && theirs?.share) shown.set(q, [mine.text, theirs.text]);
  }
  return shown;
}

const whoArb = fc.constantFrom<Who>('A', 'B');

const commandArb: fc.Arbitrary<Command> = fc.oneof(
  {
    weight: 12,
    arbitrary: fc.record({
      kind: fc.constant('save' as const),
      who: whoArb,
      q: fc.nat({ max: 5 }),
      // Mostly shared, so that reveals happen often enough; unsharing stays common.
      share: fc.oneof({ weight: 2, arbitrary: fc.constant(true) }, fc.constant(false)),
      edit: fc.boolean(),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('pause' as const), who: whoArb }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('resume' as const), who: whoArb }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('unpair' as const), who: whoArb }) },
);

/** How many of the welcome's questions a run plays with, and what the two do. */
const scenarioArb = (maxSteps: number) =>
  fc.record({
    questions: fc.integer({ min: 2, max: 3 }),
    commands: fc.array(commandArb, {
      minLength: Math.min(4, maxSteps),
      maxLength: maxSteps,
      size: 'max',
    }),
  });

describe('mutual reveal, the pure rule', () => {
  const NOW = new Date('2026-03-01T09:00:00Z');
  const ids: Record<Who, string> = { A: 'sub-a', B: 'sub-b' };

  /** The store as the together page reads it: the pair item, each pointer, each one's answers. */
  interface World {
    pair?: Pair;
    pointer: Record<Who, string | undefined>;
    answers: Record<Who, Map<string, Answer>>;
  }

  const newWorld = (): World => ({
    pair: {
      pairId: 'pair-1',
      courseId: 'course',
      members: [
        { subscriberId: ids.A, enrollmentId: 'course' },
        { subscriberId: ids.B, enrollmentId: 'course' },
      ],
      accepted: [ids.A, ids.B],
      status: 'active',
      plan: { stage: 0, cadenceDays: 3 },
      createdAt: NOW.toISOString(),
    },
    pointer: { A: 'pair-1', B: 'pair-1' },
    answers: { A: new Map(), B: new Map() },
  });

  function applyToWorld(world: World, command: Command, q: number, text: string): void {
    const { pair } = world;
    switch (command.kind) {
      case 'save': {
        const questionId = `q${q}`;
        const stamp = NOW.toISOString();
        world.answers[command.who].set(questionId, {
          enrollmentId: 'course',
          questionId,
          stageId: 'welcome',
          text,
          shared: false,
          sharedWithPartner: command.share,
          createdAt: world.answers[command.who].get(questionId)?.createdAt ?? stamp,
          updatedAt: stamp,
        });
        break;
      }
      case 'pause':
        if (pair?.status === 'active')
          world.pair = { ...pair, status: 'paused', pausedBy: ids[command.who] };
        break;
      case 'resume':
        if (pair?.status === 'paused' && pair.pausedBy === ids[command.who]) {
          world.pair = { ...pair, status: 'active', pausedBy: undefined };
        }
        break;
      case 'unpair':
        // The pair item goes; the leaver drops their pointer, the other keeps a dangling one.
        world.pair = undefined;
        world.pointer[command.who] = undefined;
        break;
    }
  }

  /** What `viewer`'s together page would hold, by the rule the service applies. */
  function seen(world: World, viewer: Who): Map<number, [string, string]> {
    const standing = standingIn(world.pair, ids[viewer], world.pointer[viewer], NOW);
    const shown = new Map<number, [string, string]>();
    if (standing.kind !== 'together') return shown;
    expect(standing.partner.subscriberId).toBe(ids[other(viewer)]);
    const mine = [...world.answers[viewer].values()];
    const theirs = [...world.answers[other(viewer)].values()];
    for (const revealed of revealedAnswers(mine, theirs, standing.pair)) {
      expect(revealed.mine.questionId).toBe(revealed.theirs.questionId);
      shown.set(Number(revealed.questionId.slice(1)), [revealed.mine.text, revealed.theirs.text]);
    }
    return shown;
  }

  it('after every step, each sees exactly what the model says (500 sequences)', () => {
    fc.assert(
      fc.property(scenarioArb(30), fc.context(), ({ questions, commands }, log) => {
        const model = newModel();
        const world = newWorld();
        commands.forEach((command, step) => {
          const q = command.kind === 'save' ? questionOf(model, command, questions) : -1;
          const text = `~${command.who}${step}~`;
          log.log(`${step}: ${JSON.stringify(command)} q${q}`);
          applyToModel(model, command, q, text);
          applyToWorld(world, command, q, text);
          for (const viewer of ['A', 'B'] as const) {
            expect(seen(world, viewer), `${viewer} after step ${step}`).toEqual(
              expectedView(model, viewer),
            );
          }
        });
      }),
      { numRuns: 500 },
    );
  });

  it('what one sees mirrors what the other sees', () => {
    fc.assert(
      fc.property(scenarioArb(30), ({ questions, commands }) => {
        const model = newModel();
        const world = newWorld();
        commands.forEach((command, step) => {
          const q = command.kind === 'save' ? questionOf(model, command, questions) : -1;
          applyToModel(model, command, q, `~${command.who}${step}~`);
          applyToWorld(world, command, q, `~${command.who}${step}~`);
          const a = seen(world, 'A');
          const b = seen(world, 'B');
          const mirrored = [...b].map(([q, [mine, theirs]]) => [q, [theirs, mine]] as const);
          expect(new Map(mirrored)).toEqual(a);
        });
      }),
      { numRuns: 300 },
    );
  });
});

describe('a share belongs to the pair it was made in', () => {
  const CREATED = Date.parse('2026-03-01T09:00:00Z');
  const answerArb = (enrollmentId: string) =>
    fc
      .record({
        q: fc.nat({ max: 3 }),
        share: fc.boolean(),
        // Minutes before (negative) or after the pair's item was created.
        at: fc.integer({ min: -60 * 24 * 30, max: 60 * 24 * 30 }),
        text: fc.string({ maxLength: 8 }),
      })
      .map(
        ({ q, share, at, text }): Answer => ({
          enrollmentId,
          questionId: `q${q}`,
          stageId: 'welcome',
          text,
          shared: false,
          sharedWithPartner: share,
          createdAt: new Date(CREATED - 86_400_000 * 60).toISOString(),
          updatedAt: new Date(CREATED + at * 60_000).toISOString(),
        }),
      );
  const onePerQuestion = (answers: Answer[]) => [
    ...new Map(answers.map((a) => [a.questionId, a])).values(),
  ];

  it('an answer shared before this pair was created reveals nothing, on either side', () => {
    fc.assert(
      fc.property(
        fc.array(answerArb('mine'), { maxLength: 6 }).map(onePerQuestion),
        fc.array(answerArb('theirs'), { maxLength: 6 }).map(onePerQuestion),
        (mine, theirs) => {
          const pair = { createdAt: new Date(CREATED).toISOString() };
          const inThisPair = (a: Answer) =>
            a.sharedWithPartner && Date.parse(a.updatedAt) >= CREATED;
          const expected = mine
            .filter(inThisPair)
            .flatMap((m) => theirs.filter((t) => inThisPair(t) && t.questionId === m.questionId))
            .map((t) => t.questionId)
            .sort();
          const revealed = revealedAnswers(mine, theirs, pair);
          expect(revealed.map((r) => r.questionId).sort()).toEqual(expected);
          for (const r of revealed) {
            expect(sharedInPair(r.mine, pair) && sharedInPair(r.theirs, pair)).toBe(true);
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('mutual reveal, the whole product over HTTP', () => {
  const RUNS = Number(process.env.REVEAL_RUNS ?? 20);
  const MAX_STEPS = 10;
  let h: Harness;
  let run = 0;

  beforeAll(async () => {
    h = await startHarness({ env: { SEND_RATE_PER_SECOND: '1000' } });
  });
  afterAll(async () => {
    await h.stop();
  });

  const page = async (path: string) => {
    const response = await fetch(new URL(path, h.url));
    expect(response.status, path).toBe(200);
    return response.text();
  };

  /** Two fresh people, paired through the product: one invites, the other accepts. */
  async function freshPair(): Promise<Record<Who, Member>> {
    run += 1;
    const a = await signUpAndConfirm(h, `reveal.a${run}@example.com`);
    expect((await invite(h, a, `reveal.b${run}@example.com`)).status).toBe(303);
    expect((await acceptPartnerInvitation(h, `reveal.b${run}@example.com`)).status).toBe(200);
    await h.controls.dispatch();
    const b = await currentLinks(h, `reveal.b${run}@example.com`);
    expect(await page(a.partner)).toContain('You are taking the course with your partner');
    return { A: a, B: b };
  }

  it(`after every step, each sees exactly what the model says (${RUNS} sequences)`, async () => {
    const started = Date.now();
    let setupMs = 0;
    const counts = { steps: 0, revealedSteps: 0, afterUnpair: 0 };
    await fc.assert(
      fc.asyncProperty(scenarioArb(MAX_STEPS), async ({ questions, commands }) => {
        const t0 = Date.now();
        const members = await freshPair();
        setupMs += Date.now() - t0;
        // The welcome's questions, in the order both received them.
        const reflect = { A: reflectByQuestion(members.A), B: reflectByQuestion(members.B) };
        const questionIds = [...reflect.A.keys()].filter((id) => reflect.B.has(id));
        expect(questionIds.length).toBeGreaterThanOrEqual(questions);
        const model = newModel();
        /** Every text either has written in this run: each must be shown exactly when due. */
        const written: { who: Who; text: string }[] = [];
        /** For each viewer, the questions they have shared an answer to, so far. */
        const everShared: Record<Who, Set<number>> = { A: new Set(), B: new Set() };

        for (const [step, command] of commands.entries()) {
          counts.steps += 1;
          if (!model.paired) counts.afterUnpair += 1;
          const q = command.kind === 'save' ? questionOf(model, command, questions) : -1;
          const text = `~${command.who}.r${run}.s${step}~`;
          const person = members[command.who];
          switch (command.kind) {
            case 'save': {
              const link = reflect[command.who].get(questionIds[q] as string) as string;
              const fields: Record<string, string> = { answer: text };
              if (command.share) fields.sharePartner = 'on';
              expect((await h.postForm(link, fields)).status).toBe(303);
              written.push({ who: command.who, text });
              if (command.share && model.paired) everShared[command.who].add(q);
              break;
            }
            case 'pause':
            case 'resume': {
              const response = await h.postForm(person.manage, { action: command.kind });
              // Resuming a pause the other made is refused; nothing else is.
              expect([303, 409], `${command.kind} by ${command.who}`).toContain(response.status);
              break;
            }
            case 'unpair':
              expect((await h.postForm(`${person.partner}/unpair`)).status).toBe(200);
              break;
          }
          applyToModel(model, command, q, text);

          for (const viewer of ['A', 'B'] as const) {
            const shown = await page(`${members[viewer].journal}/together`);
            const expected = expectedView(model, viewer);
            const due = new Set([...expected.values()].flat());
            if (viewer === 'A' && due.size > 0) counts.revealedSteps += 1;
            for (const { who, text: candidate } of written) {
              expect(
                shown.includes(candidate),
                `${viewer}'s together page, step ${step} (${JSON.stringify(command)}): ${who}'s "${candidate}"`,
              ).toBe(due.has(candidate));
            }
            // Never early: nothing of the other's shows for a question the viewer never shared.
            for (const [q2, { text: theirs }] of model.answers[other(viewer)]) {
              if (!everShared[viewer].has(q2)) expect(shown).not.toContain(theirs);
            }
            expect(shown.includes('Only questions you both answered'), `${viewer} paired?`).toBe(
              model.paired,
            );
          }
        }
      }),
      { numRuns: RUNS, endOnFailure: true },
    );
    const seconds = (Date.now() - started) / 1000;
    console.log(
      `reveal over HTTP: ${RUNS} pairs in ${seconds.toFixed(1)} s (${(setupMs / 1000).toFixed(1)} s pairing them); ${JSON.stringify(counts)}`,
    );
  }, 120_000);
});

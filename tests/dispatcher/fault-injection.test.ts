import { AsyncLocalStorage } from 'node:async_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDispatch } from '../../functions/dispatcher/run-dispatch';
import { subscriberIdFor } from '../../functions/domain/email-address';
import type { Mailer } from '../../functions/mail/mailer';
import { type Harness, startHarness } from '../support/harness';
import { seedActiveSubscriber } from '../support/seed';

/**
 * Hundreds of enrollments over many simulated days, with failures injected at every step of a
 * send. Store steps throw (before the claim, reading the profile, logging the send, recording
 * it); the mail adapter fails or is throttled; and the process "dies" (its run is abandoned
 * mid-step, its claims left to lapse) before a send or after SES accepted one.
 */
const ENROLLMENTS = 200;
const ERROR_RATE = 0.03;
const DEATH_RATE = 0.004;
type Step =
  | 'claim'
  | 'profile'
  | 'mail-error'
  | 'throttled'
  | 'log-send'
  | 'record-sent'
  | 'die-before-send'
  | 'die-after-send';

class InjectedFault extends Error {
  override name = 'InjectedFault';
}

/** Deterministic, so a failure here can be replayed. */
function seededRandom(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

let h: Harness;
const random = seededRandom(20_261_122);
const injected = Object.fromEntries(
  [
    'claim',
    'profile',
    'mail-error',
    'throttled',
    'log-send',
    'record-sent',
    'die-before-send',
    'die-after-send',
  ].map((step) => [step, 0]),
) as Record<Step, number>;
/** address|subject pairs whose send may legitimately repeat: something failed after SES took it. */
const mayRepeat = new Set<string>();
let lastAccepted: string | undefined;
/** Abandons the current run, as a process dying would. */
let die: (() => void) | undefined;
/**
 * Each run's own state. Once a run has died, every later step of it hangs too, as nothing runs in
 * a dead process: without this, a step the dispatcher runs side by side with the one that died
 * could fail fast and let the dead run carry on beside the next one, with a clock half an hour
 * stale, which no real run can do (its time budget is well inside the claim's lease).
 */
const currentRun = new AsyncLocalStorage<{ dead: boolean }>();
const isDead = () => currentRun.getStore()?.dead === true;
const hang = () => new Promise<never>(() => {});

const faultAt = (step: Step, rate = ERROR_RATE) => {
  if (random() >= rate) return false;
  injected[step] += 1;
  return true;
};

const faultyMailer = (inner: Mailer): Mailer => ({
  async send(email) {
    if (isDead()) return hang();
    if (faultAt('mail-error')) {
      throw Object.assign(new Error('Service unavailable'), {
        name: 'InternalFailure',
        $fault: 'server',
      });
    }
    if (faultAt('throttled')) {
      throw Object.assign(new Error('Maximum sending rate exceeded.'), {
        name: 'TooManyRequestsException',
      });
    }
    const result = await inner.send(email);
    lastAccepted = `${email.to}|${email.subject}`;
    return result;
  },
});

function inject<T extends object>(target: T, method: keyof T, step: Step, afterSend: boolean) {
  const original = (target[method] as (...args: unknown[]) => Promise<unknown>).bind(target);
  const dieStep: Step = afterSend ? 'die-after-send' : 'die-before-send';
  (target as Record<keyof T, unknown>)[method] = async (...args: unknown[]) => {
    if (isDead()) return hang();
    if (faultAt(dieStep, DEATH_RATE)) {
      if (afterSend && lastAccepted) mayRepeat.add(lastAccepted);
      const run = currentRun.getStore();
      if (run) run.dead = true;
      die?.();
      return hang();
    }
    if (faultAt(step)) {
      if (afterSend && lastAccepted) mayRepeat.add(lastAccepted);
      throw new InjectedFault(step);
    }
    const result = await original(...args);
    // A step that was under way when its run died never reports back.
    return isDead() ? hang() : result;
  };
}

beforeAll(async () => {
  h = await startHarness({ wrapMailer: faultyMailer, env: { SEND_RATE_PER_SECOND: '1000' } });
  const { delivery, subscribers, sends } = h.ctx.store;
  inject(delivery, 'claim', 'claim', false);
  inject(subscribers, 'get', 'profile', false);
  inject(sends, 'record', 'log-send', true);
  inject(delivery, 'recordSent', 'record-sent', true);
});
afterAll(async () => {
  await h.stop();
});

describe('delivery under injected faults', () => {
  it('every enrollment gets every stage, in order; repeats only after a failure past the send', async () => {
    const addresses = Array.from({ length: ENROLLMENTS }, (_, n) => `fault.${n}@example.com`);
    for (const address of addresses) await seedActiveSubscriber(h.ctx, address, { cadenceDays: 1 });
    const subjects = h.ctx.catalog.compiled(h.ctx.defaultCourseId).stages.map((s) => s.subject);

    let runs = 0;
    let died = 0;
    // Runs every half hour for a day after each stage and more: claims lapse after 5 minutes,
    // retries back off from 2 minutes to 2 hours.
    for (let step = 0; step < 48 * (subjects.length + 3); step++) {
      runs += 1;
      const death = new Promise<'died'>((resolve) => {
        die = () => resolve('died');
      });
      // One send at a time, so every repeat can be traced to the failure that caused it.
      const run = currentRun.run({ dead: false }, () => runDispatch(h.ctx, { concurrency: 1 }));
      if ((await Promise.race([run, death])) === 'died') died += 1;
      lastAccepted = undefined;
      h.clock.advance(0.5);
    }

    const received = new Map<string, string[]>(addresses.map((a) => [a, []]));
    for (const email of await h.outbox()) received.get(email.to[0] as string)?.push(email.subject);
    let duplicates = 0;
    for (const [address, got] of received) {
      const distinct = got.filter((subject, i) => subject !== got[i - 1]);
      expect(distinct, address).toEqual(subjects);
      for (const [i, subject] of got.entries()) {
        if (subject !== got[i - 1]) continue;
        duplicates += 1;
        expect(mayRepeat.has(`${address}|${subject}`), `${address} got "${subject}" twice`).toBe(
          true,
        );
      }
    }
    for (const address of addresses) {
      const [enrollment] = await h.ctx.store.enrollments.listForSubscriber(
        subscriberIdFor(address, h.ctx.secret),
      );
      expect(enrollment?.status, address).toBe('completed');
    }
    const sent = [...received.values()].reduce((sum, got) => sum + got.length, 0);
    console.log(
      `fault injection: ${ENROLLMENTS} enrollments × ${subjects.length} stages = ${ENROLLMENTS * subjects.length} stages due; ` +
        `${runs} runs, ${died} died mid-step; ${sent} emails sent, ${duplicates} repeated after a failure past the send, 0 missing, 0 out of order; ` +
        `faults injected: ${JSON.stringify(injected)}`,
    );
    for (const step of Object.keys(injected) as Step[])
      expect(injected[step], step).toBeGreaterThan(0);
  }, 300_000);
});

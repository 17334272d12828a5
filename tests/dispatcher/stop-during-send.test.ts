import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDispatch } from '../../functions/dispatcher/run-dispatch';
import type { EnrollmentKey, StopReason } from '../../functions/domain/enrollment';
import type { Mailer } from '../../functions/mail/mailer';
import { stopAllMail } from '../../functions/services/stop-mail';
import { type Harness, startHarness } from '../support/harness';
import { seedActiveSubscriber } from '../support/seed';

/**
 * A stop (unsubscribe, bounce, complaint, a practice ending the enrollment, a pause) that lands
 * after SES accepted a stage but before the dispatcher records it must survive the record.
 */
let h: Harness;
/** What happens, by address, while SES is taking that address's email. */
const duringSend = new Map<string, () => Promise<unknown>>();

const interrupting = (inner: Mailer): Mailer => ({
  async send(email) {
    const result = await inner.send(email);
    const action = duringSend.get(email.to);
    duringSend.delete(email.to);
    await action?.();
    return result;
  },
});

beforeAll(async () => {
  h = await startHarness({ wrapMailer: interrupting });
});
afterAll(async () => {
  await h.stop();
});

const stageCount = () => h.ctx.catalog.compiled(h.ctx.defaultCourseId).stages.length;

/** Runs the dispatcher at each due time until `stage` is the next to go out. */
async function sendUpTo(key: EnrollmentKey, stage: number) {
  for (;;) {
    const enrollment = await h.ctx.store.enrollments.get(key.subscriberId, key.enrollmentId);
    if (!enrollment?.dueAt) throw new Error('the enrollment stopped being due');
    if (enrollment.nextStage === stage) return enrollment.dueAt;
    h.clock.advanceTo(enrollment.dueAt);
    await runDispatch(h.ctx);
  }
}

const stops: [StopReason, (key: EnrollmentKey) => Promise<unknown>][] = [
  ['unsubscribed', (key) => stopAllMail(h.ctx, key.subscriberId, 'unsubscribed')],
  ['bounced', (key) => stopAllMail(h.ctx, key.subscriberId, 'bounced')],
  ['complained', (key) => stopAllMail(h.ctx, key.subscriberId, 'complained')],
  ['ended', (key) => h.ctx.store.enrollments.deactivate(key, 'ended', h.clock.now())],
];

describe('a stop that lands while a stage is being sent', () => {
  it.each(stops)(
    'stays %s when it lands during the last stage, not completed',
    async (reason, stop) => {
      const email = `last.${reason}@example.com`;
      const key = await seedActiveSubscriber(h.ctx, email, { cadenceDays: 1 });
      const last = stageCount() - 1;
      h.clock.advanceTo(await sendUpTo(key, last));
      duringSend.set(email, () => stop(key));

      expect((await runDispatch(h.ctx)).sent).toBe(1);

      const enrollment = await h.ctx.store.enrollments.get(key.subscriberId, key.enrollmentId);
      expect(enrollment?.status).toBe(reason);
      expect(enrollment?.nextStage).toBe(last + 1);
      expect(enrollment?.dueAt).toBeUndefined();
      expect(await h.mailTo(email)).toHaveLength(last + 1);
    },
  );

  it('stays paused when a pause lands during an earlier stage, and is not re-queued', async () => {
    const email = 'mid.paused@example.com';
    const key = await seedActiveSubscriber(h.ctx, email, { cadenceDays: 1 });
    h.clock.advanceTo(await sendUpTo(key, 2));
    duringSend.set(email, () => h.ctx.store.enrollments.deactivate(key, 'paused', h.clock.now()));

    expect((await runDispatch(h.ctx)).sent).toBe(1);

    const enrollment = await h.ctx.store.enrollments.get(key.subscriberId, key.enrollmentId);
    expect(enrollment?.status).toBe('paused');
    expect(enrollment?.nextStage).toBe(3);
    expect(enrollment?.dueAt).toBeUndefined();
    h.clock.advance(24 * 7);
    expect((await runDispatch(h.ctx)).sent).toBe(0);
  });
});

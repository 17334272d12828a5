import { BadRequestException, MessageRejected } from '@aws-sdk/client-sesv2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDispatch } from '../../functions/dispatcher/run-dispatch';
import { dispatcherMetrics, recordRun } from '../../functions/dispatcher/run-metrics';
import type { EnrollmentKey } from '../../functions/domain/enrollment';
import type { Mailer } from '../../functions/mail/mailer';
import { type Harness, startHarness } from '../support/harness';
import { seedActiveSubscriber } from '../support/seed';

/**
 * SES errors that concern one message or the account's set-up, not the person: an identity that
 * is not verified (a sender still pending, a sandbox recipient), or a request SES calls bad.
 */
const UNVERIFIED = 'sandbox.recipient@example.com';
const BAD_REQUEST = 'bad.request@example.com';
let refusing = true;
let h: Harness;

const refusingMailer = (inner: Mailer): Mailer => ({
  async send(email) {
    if (refusing && email.to === UNVERIFIED) {
      throw new MessageRejected({
        message:
          'Email address is not verified. The following identities failed the check in region US-EAST-1: course@mend.localhost',
        $metadata: { httpStatusCode: 400 },
      });
    }
    if (refusing && email.to === BAD_REQUEST) {
      throw new BadRequestException({
        message: 'Invalid header value',
        $metadata: { httpStatusCode: 400 },
      });
    }
    return inner.send(email);
  },
});

beforeAll(async () => {
  h = await startHarness({ wrapMailer: refusingMailer, env: { SEND_RATE_PER_SECOND: '1000' } });
});
afterAll(async () => {
  await h.stop();
});

describe('SES refusing one message', () => {
  it('sends the rest of the run, suppresses nobody, and retries the refused ones later', async () => {
    const others = Array.from({ length: 12 }, (_, n) => `fine.${n}@example.com`);
    const keys = new Map<string, EnrollmentKey>();
    for (const address of [UNVERIFIED, BAD_REQUEST, ...others])
      keys.set(address, await seedActiveSubscriber(h.ctx, address));
    const metrics = dispatcherMetrics('test');
    const summary = await runDispatch(h.ctx, { emitMetrics: (s) => recordRun(metrics, s) });

    expect(summary.stoppedEarly).toBeUndefined();
    expect(summary.sent).toBe(others.length);
    expect(summary.misconfigured).toBe(1);
    expect(summary.failed).toBe(1);
    for (const address of others) expect(await h.mailTo(address), address).toHaveLength(1);
    for (const address of [UNVERIFIED, BAD_REQUEST]) {
      const key = keys.get(address) as EnrollmentKey;
      expect((await h.ctx.store.subscribers.get(key.subscriberId))?.status, address).toBe('active');
      const enrollment = await h.ctx.store.enrollments.get(key.subscriberId, key.enrollmentId);
      expect(enrollment?.status, address).toBe('active');
      expect(enrollment?.nextStage, address).toBe(0);
      expect(enrollment?.dueAt, address).toBeDefined();
    }
    const notVerified = h.logs.filter((line) => /not verified/i.test(line.message));
    expect(notVerified).toHaveLength(1);
    expect(notVerified[0]).toMatchObject({ level: 'error', count: 1 });
    expect(metrics.serializeMetrics()).toMatchObject({ Misconfigured: 1 });
    expect(JSON.stringify(h.logs)).not.toContain(UNVERIFIED);

    refusing = false;
    h.clock.advance(0.25);
    expect((await runDispatch(h.ctx)).sent).toBe(2);
    expect(await h.mailTo(UNVERIFIED)).toHaveLength(1);
    expect(await h.mailTo(BAD_REQUEST)).toHaveLength(1);
  });
});

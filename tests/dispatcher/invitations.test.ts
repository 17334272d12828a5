import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { subscriberIdFor } from '../../functions/domain/email-address';
import type { Mailer } from '../../functions/mail/mailer';
import { type Harness, startHarness } from '../support/harness';
import { type PracticeClient, signInPractice } from '../support/practice';
import { seedActiveSubscriber } from '../support/seed';

/** Practitioners' invitations are queued by the request and emailed by the dispatcher. */
let h: Harness;
let ana: PracticeClient;
let failNextTo: string | undefined;

const flaky = (inner: Mailer): Mailer => ({
  async send(email) {
    if (email.to === failNextTo) {
      failNextTo = undefined;
      throw Object.assign(new Error('Service unavailable'), { name: 'InternalFailure' });
    }
    return inner.send(email);
  },
});

beforeAll(async () => {
  h = await startHarness({ wrapMailer: flaky });
  ana = await signInPractice(h, 'ana@clinic.example');
});
afterAll(async () => {
  await h.stop();
});

const enroll = (email: string) => ana.post('/practice/clients', { name: 'Sam Client', email });

describe('queued invitations', () => {
  it('go out on the next run, once', async () => {
    await enroll('queued@example.com');
    expect(await h.mailTo('queued@example.com')).toEqual([]);
    expect(await h.controls.dispatch()).toMatchObject({ sent: 1 });
    expect(await h.mailTo('queued@example.com')).toHaveLength(1);
    await h.controls.dispatch();
    expect(await h.mailTo('queued@example.com')).toHaveLength(1);
  });

  it('are dropped, never sent, when the address must not be mailed by the time they go', async () => {
    // Someone who once took the course and complained about its mail.
    const complained = await seedActiveSubscriber(h.ctx, 'complained.later@example.com');
    await enroll('complained.later@example.com');
    await enroll('erased.later@example.com');
    await h.ctx.store.subscribers.markStopped(complained.subscriberId, 'complained', h.clock.now());
    await h.ctx.store.erasure.markSuppressed(
      subscriberIdFor('erased.later@example.com', h.ctx.secret),
      h.clock.now(),
    );
    await h.controls.dispatch();
    const toComplainer = await h.mailTo('complained.later@example.com');
    expect(toComplainer.filter((mail) => mail.subject.includes('invited you'))).toEqual([]);
    expect(await h.mailTo('erased.later@example.com')).toEqual([]);
  });

  it('are tried again later when SES fails, not lost', async () => {
    failNextTo = 'unlucky@example.com';
    await enroll('unlucky@example.com');
    expect(await h.controls.dispatch()).toMatchObject({ retried: 1 });
    expect(await h.mailTo('unlucky@example.com')).toEqual([]);
    await h.advanceHours(1);
    expect(await h.mailTo('unlucky@example.com')).toHaveLength(1);
  });
});

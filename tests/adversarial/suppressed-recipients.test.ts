import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { subscriberIdFor } from '../../functions/domain/email-address';
import { mayReceive } from '../../functions/domain/mail-policy';
import { systemEmailIds } from '../../functions/mail/compiled-templates';
import { type Harness, startHarness } from '../support/harness';
import { createApiKey, type PracticeClient, signInPractice } from '../support/practice';
import { seedActiveSubscriber } from '../support/seed';

/**
 * Addresses that must not be mailed (erased, unsubscribed, bounced, complained): a practitioner
 * cannot tell them from anyone else, and no system email reaches them but what they start.
 */
let h: Harness;
let ana: PracticeClient;
let key: string;
const STATES = ['erased', 'unsubscribed', 'bounced', 'complained'] as const;
const address = (state: string) => `${state}.person@example.com`;

beforeAll(async () => {
  h = await startHarness();
  ana = await signInPractice(h, 'ana@clinic.example');
  key = await createApiKey(h, ana);
  for (const state of STATES) {
    const { subscriberId } = await seedActiveSubscriber(h.ctx, address(state));
    if (state === 'erased') {
      await h.ctx.store.erasure.eraseAll(subscriberId);
      await h.ctx.store.erasure.markSuppressed(subscriberId, h.clock.now());
    } else {
      await h.ctx.store.subscribers.markStopped(subscriberId, state, h.clock.now());
    }
  }
});
afterAll(async () => {
  await h.stop();
});

const enroll = (email: string) =>
  fetch(new URL('/api/clients', h.url), {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify({ email, name: 'Sam' }),
  });
const shape = async (response: Response) => ({
  status: response.status,
  keys: Object.keys((await response.json()) as object).sort(),
});

describe('enrolling an address that must not be mailed', () => {
  it.each(STATES)(
    '%s: answers exactly like a new address, and no invitation goes',
    async (state) => {
      const ordinary = await enroll(`new.${state}@example.com`);
      const suppressed = await enroll(address(state));
      expect(await shape(suppressed)).toEqual(await shape(ordinary));
      expect(suppressed.status).toBe(201);
      await h.controls.dispatch();
      expect(await h.mailTo(`new.${state}@example.com`)).toHaveLength(1);
      const invitations = (await h.mailTo(address(state))).filter((m) =>
        m.subject.includes('invited you'),
      );
      expect(invitations).toEqual([]);
    },
  );

  it('in a CSV import too: every row reads "invited"', async () => {
    const csv = [
      'email,name,cadenceDays,startDate',
      ...STATES.map((s) => `csv.${address(s)},Sam,,`),
    ];
    // Same states under other addresses: the import must not single any of them out.
    for (const state of STATES) {
      const { subscriberId } = await seedActiveSubscriber(h.ctx, `csv.${address(state)}`);
      if (state === 'erased') await h.ctx.store.erasure.markSuppressed(subscriberId, h.clock.now());
      else await h.ctx.store.subscribers.markStopped(subscriberId, state, h.clock.now());
    }
    const response = await fetch(new URL('/api/clients/import', h.url), {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'text/csv' },
      body: csv.join('\n'),
    });
    const report = (await response.json()) as { rows: { outcome: string }[] };
    expect(report.rows.map((row) => row.outcome)).toEqual(STATES.map(() => 'invited'));
  });
});

describe('the mail guard', () => {
  it('withholds a sign-in link from an address that bounced, complained or was erased', async () => {
    for (const state of ['bounced', 'complained', 'erased'] as const) {
      h.clock.advance(1);
      const before = (await h.mailTo(address(state))).length;
      expect((await h.postJson('/api/practitioners/login', { email: address(state) })).status).toBe(
        202,
      );
      expect(await h.mailTo(address(state)), state).toHaveLength(before);
    }
    h.clock.advance(1);
    await h.postJson('/api/practitioners/login', { email: address('unsubscribed') });
    expect((await h.mailTo(address('unsubscribed'))).at(-1)?.subject).toMatch(/sign-in link/i);
  });

  it('withholds a confirmation from an address that bounced or complained, not from one who left', async () => {
    h.clock.advance(2);
    for (const state of STATES) {
      const before = (await h.mailTo(address(state))).length;
      await h.postJson('/api/subscriptions', { email: address(state) });
      const got = (await h.mailTo(address(state))).length - before;
      expect(got, state).toBe(state === 'bounced' || state === 'complained' ? 0 : 1);
    }
  });

  it('decides every kind of system email by one table', () => {
    const active = { erased: false, status: 'active' };
    for (const kind of systemEmailIds) {
      expect(mayReceive(kind, active), kind).toBe(true);
      expect(mayReceive(kind, { erased: false }), kind).toBe(true);
      expect(mayReceive(kind, { erased: false, status: 'bounced' }), kind).toBe(false);
      expect(mayReceive(kind, { erased: false, status: 'complained' }), kind).toBe(false);
    }
    const allowed = (state: { erased: boolean; status?: string }) =>
      systemEmailIds.filter((kind) => mayReceive(kind, state)).sort();
    expect(allowed({ erased: false, status: 'unsubscribed' })).toEqual([
      'confirm',
      'data-deleted',
      'login',
    ]);
    expect(allowed({ erased: true })).toEqual(['confirm', 'data-deleted']);
  });

  it('keeps the addresses out of the logs', () => {
    expect(JSON.stringify(h.logs)).not.toContain(address('erased'));
    expect(subscriberIdFor(address('erased'), h.ctx.secret)).not.toContain('@');
  });
});

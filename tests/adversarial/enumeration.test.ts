import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { subscriberIdFor } from '../../functions/domain/email-address';
import { type Harness, startHarness } from '../support/harness';
import { seedActiveSubscriber } from '../support/seed';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ env: { SEND_RATE_PER_SECOND: '1000' } });
});
afterAll(async () => {
  await h.stop();
});

const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;

async function timed(email: string) {
  const started = performance.now();
  const response = await h.postJson('/api/subscriptions', { email });
  return { ms: performance.now() - started, status: response.status, body: await response.text() };
}

describe('sign-up answers known and unknown addresses alike', () => {
  it('in status, body and time (medians within noise)', async () => {
    const known: number[] = [];
    const unknown: number[] = [];
    for (let n = 0; n < 30; n++) {
      // Stay under the per-address sign-up limit: a new ten-minute window every ten pairs.
      if (n % 10 === 0) h.clock.advance(10 / 60);
      await seedActiveSubscriber(h.ctx, `known.${n}@example.com`);
      const a = await timed(`known.${n}@example.com`);
      const b = await timed(`unknown.${n}@example.com`);
      expect(a.status).toBe(b.status);
      expect(a.body).toBe(b.body);
      known.push(a.ms);
      unknown.push(b.ms);
    }
    const ratio = median(known) / median(unknown);
    console.log(
      `enumeration: median known ${median(known).toFixed(1)} ms, unknown ${median(unknown).toFixed(1)} ms (ratio ${ratio.toFixed(2)})`,
    );
    expect(ratio).toBeGreaterThan(0.5);
    expect(ratio).toBeLessThan(2);
  });

  it('whether or not it sends an email (medians within noise)', async () => {
    h.clock.advance(2);
    await seedActiveSubscriber(h.ctx, 'complained@example.com');
    await h.ctx.store.subscribers.markStopped(
      subscriberIdFor('complained@example.com', h.ctx.secret),
      'complained',
      h.clock.now(),
    );
    const mailed: number[] = [];
    const silent: number[] = [];
    for (let n = 0; n < 40; n++) {
      if (n % 10 === 0) h.clock.advance(10 / 60);
      const before = (await h.outbox()).length;
      const first = await timed(`mailed.${n}@example.com`);
      // The same address again within the hour, and an address that complained: no email.
      const again = await timed(`mailed.${n}@example.com`);
      const complained = n % 4 === 0 ? await timed('complained@example.com') : undefined;
      expect((await h.outbox()).length).toBe(before + 1);
      for (const quiet of [again, complained]) {
        if (!quiet) continue;
        expect(quiet.status).toBe(first.status);
        expect(quiet.body).toBe(first.body);
        silent.push(quiet.ms);
      }
      mailed.push(first.ms);
    }
    const ratio = median(silent) / median(mailed);
    console.log(
      `enumeration: median with mail ${median(mailed).toFixed(1)} ms, without ${median(silent).toFixed(1)} ms (ratio ${ratio.toFixed(2)})`,
    );
    expect(ratio).toBeGreaterThan(0.7);
    expect(ratio).toBeLessThan(1 / 0.7);
  });

  it('practitioner sign-in answers the same for an existing and a new practice', async () => {
    h.clock.advance(10 / 60);
    await h.postJson('/api/practitioners/login', { email: 'existing@clinic.example' });
    h.clock.advance(2 / 60);
    const existing = await h.postJson('/api/practitioners/login', {
      email: 'existing@clinic.example',
    });
    const fresh = await h.postJson('/api/practitioners/login', {
      email: 'brand.new@clinic.example',
    });
    expect(existing.status).toBe(fresh.status);
    expect(await existing.text()).toBe(await fresh.text());
  });
});

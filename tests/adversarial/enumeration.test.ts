import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { LOGINS_PER_ADDRESS, SIGNUPS_PER_ADDRESS } from '../../functions/app/middleware/rate-limit';
import { type Harness, startHarness } from '../support/harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ env: { SEND_RATE_PER_SECOND: '1000' } });
});
afterAll(async () => {
  await h.stop();
});

describe('limits per caller address', () => {
  // Each test starts a fresh ten-minute window, so none straddles two (counts would reset midway).
  beforeEach(() => {
    const windowMs = 10 * 60_000;
    const now = h.clock.now().getTime();
    h.clock.advanceTo(new Date(Math.ceil(now / windowMs) * windowMs + 1_000));
  });

  it(`allow ${SIGNUPS_PER_ADDRESS} sign-ups in ten minutes, then answer 429 until the window passes`, async () => {
    for (let n = 0; n < SIGNUPS_PER_ADDRESS; n++) {
      expect(
        (await h.postJson('/api/subscriptions', { email: `many.${n}@example.com` })).status,
      ).toBe(202);
    }
    const refused = await h.postJson('/api/subscriptions', { email: 'one.more@example.com' });
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('600');
    expect((await refused.json()).error.code).toBe('rate_limited');
    expect((await h.postForm('/subscribe', { email: 'form@example.com' })).status).toBe(429);
    expect(await h.mailTo('one.more@example.com')).toEqual([]);
    h.clock.advance(10 / 60);
    expect((await h.postJson('/api/subscriptions', { email: 'one.more@example.com' })).status).toBe(
      202,
    );
  });

  it(`allow ${LOGINS_PER_ADDRESS} practitioner sign-in requests in ten minutes`, async () => {
    for (let n = 0; n < LOGINS_PER_ADDRESS; n++) {
      const response = await h.postJson('/api/practitioners/login', {
        email: `p${n}@clinic.example`,
      });
      expect(response.status).toBe(202);
    }
    expect(
      (await h.postJson('/api/practitioners/login', { email: 'late@clinic.example' })).status,
    ).toBe(429);
    const page = await h.postForm('/practice/login', { email: 'late@clinic.example' });
    expect(page.status).toBe(429);
    expect(await page.text()).toContain('Please slow down');
  });
});

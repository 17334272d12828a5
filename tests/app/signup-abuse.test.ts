import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from '../support/harness';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.stop();
});

describe('the sign-up form cannot be used to flood an inbox', () => {
  it('sends one confirmation per address per hour, however often it is submitted', async () => {
    const responses = [];
    for (let n = 0; n < 50; n++) {
      responses.push(await h.postJson('/api/subscriptions', { email: 'target@example.com' }));
      h.clock.advance(1 / 60);
    }
    expect(responses.every((response) => response.status === 202)).toBe(true);
    expect(await h.mailTo('target@example.com')).toHaveLength(1);
    h.clock.advance(0.25);
    await h.postJson('/api/subscriptions', { email: 'target@example.com' });
    expect(await h.mailTo('target@example.com')).toHaveLength(2);
  });

  it('counts the address however it is typed', async () => {
    await h.postJson('/api/subscriptions', { email: 'Spelled@Example.com' });
    await h.postJson('/api/subscriptions', { email: ' spelled@example.COM ' });
    expect(await h.mailTo('spelled@example.com')).toHaveLength(1);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { subscriberIdFor } from '../../functions/domain/email-address';
import { type Harness, startHarness } from '../support/harness';
import { seedActiveSubscriber } from '../support/seed';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
  await seedActiveSubscriber(h.ctx, 'known@example.com');
});
afterAll(async () => {
  await h.stop();
});

describe('sign-up does not reveal whether an address is known', () => {
  it('answers the JSON API the same for a known and an unknown address', async () => {
    const known = await h.postJson('/api/subscriptions', { email: 'known@example.com' });
    const unknown = await h.postJson('/api/subscriptions', { email: 'stranger@example.com' });
    expect(known.status).toBe(202);
    expect(unknown.status).toBe(202);
    expect(await known.text()).toBe(await unknown.text());
  });

  it('answers the form the same, and the known address gets a note, not a new confirmation', async () => {
    const known = await h.postForm('/subscribe', { email: 'known@example.com' });
    const unknown = await h.postForm('/subscribe', { email: 'other.stranger@example.com' });
    expect(known.status).toBe(unknown.status);
    expect(known.headers.get('location')).toBe(unknown.headers.get('location'));
    const note = (await h.mailTo('known@example.com')).at(-1);
    expect(note?.subject).toContain('already');
    expect(note?.text).not.toContain('/confirm/');
    expect(note?.text).toContain('/manage/');
    // A stranger typing the address cannot change the owner's settings.
    await h.postForm('/subscribe', {
      email: 'known@example.com',
      perspective: 'caused',
      sendHour: '23',
    });
    const profile = await h.ctx.store.subscribers.get(
      subscriberIdFor('known@example.com', h.ctx.secret),
    );
    expect(profile).toMatchObject({ perspective: 'mutual', sendHour: 8 });
  });
});

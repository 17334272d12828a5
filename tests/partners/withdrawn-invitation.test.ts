import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from '../support/harness';
import { invite, signUpAndConfirm } from '../support/partners';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h.stop();
});

describe('an invitation withdrawn before it goes out', () => {
  it('is never emailed, and the inviter can invite again the next day', async () => {
    const inviter = await signUpAndConfirm(h, 'dana@example.com', { name: 'Dana' });
    expect((await invite(h, inviter, 'eli@example.com')).status).toBe(303);
    expect((await h.postForm(`${inviter.partner}/withdraw`)).status).toBe(303);
    await h.controls.dispatch();
    expect(await h.mailTo('eli@example.com')).toHaveLength(0);
    const page = await (await fetch(new URL(inviter.partner, h.url))).text();
    expect(page).not.toContain('has not been accepted yet');
    expect(page).toContain('Invite the other person');

    h.clock.advance(24);
    expect((await invite(h, inviter, 'eli@example.com')).status).toBe(303);
    await h.controls.dispatch();
    expect(await h.mailTo('eli@example.com')).toHaveLength(1);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from '../support/harness';
import { type PracticeClient, signInPractice } from '../support/practice';

/** Nobody can make Mend say their words to someone else by typing them as a name. */
let h: Harness;
let ana: PracticeClient;

beforeAll(async () => {
  h = await startHarness();
  ana = await signInPractice(h, 'ana@clinic.example');
});
afterAll(async () => {
  await h.stop();
});

const PHISH = 'team: your journal leaked. Reset at https://evil.example/r';

describe('names in emails', () => {
  it('a sign-up with a sentence and a link for a name is refused, and nothing is sent', async () => {
    const response = await h.postJson('/api/subscriptions', {
      email: 'target@example.com',
      name: PHISH,
    });
    expect(response.status).toBe(400);
    expect(JSON.stringify(await response.json())).toContain('name');
    expect(await h.mailTo('target@example.com')).toEqual([]);
  });

  it('a client name that is a link is refused, by form and by CSV', async () => {
    const form = await ana.post('/practice/clients', {
      name: 'https://evil.example/r',
      email: 'client@example.com',
    });
    expect(form.status).toBe(400);
    await h.controls.dispatch();
    expect(await h.mailTo('client@example.com')).toEqual([]);
  });

  it('a name stored before these rules is not printed: the greeting falls back to none', async () => {
    await h.postJson('/api/subscriptions', { email: 'legacy@example.com', name: 'Lee' });
    const [confirmation] = await h.mailTo('legacy@example.com');
    expect(confirmation?.text).toContain('Hi Lee,');
    // A bidi override typed into a name is stripped, never stored or sent.
    h.clock.advance(2);
    await h.postJson('/api/subscriptions', { email: 'bidi@example.com', name: 'Sam\u202e' });
    const [bidi] = await h.mailTo('bidi@example.com');
    expect(bidi?.text).toContain('Hi Sam,');
    expect(bidi?.text).not.toContain('\u202e');
  });
});

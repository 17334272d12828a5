import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { signToken } from '../../functions/domain/tokens';
import { type Harness, startHarness } from '../support/harness';
import { seedActiveSubscriber } from '../support/seed';

let h: Harness;
let snapshot: Record<string, unknown>[];

beforeAll(async () => {
  h = await startHarness();
  await seedActiveSubscriber(h.ctx, 'existing@example.com');
});
afterAll(async () => {
  await h.stop();
});
beforeEach(async () => {
  snapshot = await h.tableItems();
});

async function expectNothingStored() {
  expect(await h.tableItems()).toEqual(snapshot);
}

async function expectApiError(response: Response, status: number, code: string) {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toContain('application/json');
  const body = (await response.json()) as { error: { code: string; message: string } };
  expect(body.error.code).toBe(code);
  expect(body.error.message.length).toBeGreaterThan(5);
  return body as { error: { code: string; message: string; details?: Record<string, string> } };
}

const subscribeJson = (body: string, contentType = 'application/json') =>
  fetch(`${h.url}/api/subscriptions`, {
    method: 'POST',
    headers: { 'content-type': contentType },
    body,
  });

describe('bad input gets a clear 4xx and stores nothing', () => {
  it('malformed JSON → 400', async () => {
    await expectApiError(await subscribeJson('{"email": "a@b.c",'), 400, 'validation_failed');
    await expectNothingStored();
  });

  it('wrong content type → 415', async () => {
    await expectApiError(
      await subscribeJson('email=a@example.com', 'text/plain'),
      415,
      'unsupported_media_type',
    );
    await expectNothingStored();
  });

  it.each([
    ['missing email', {}, 'email'],
    ['invalid email', { email: 'not-an-address' }, 'email'],
    ['email with a line break', { email: 'a@example.com\r\nBcc: b@example.com' }, 'email'],
    ['unknown perspective', { email: 'a@example.com', perspective: 'villain' }, 'perspective'],
    ['an hour of 25', { email: 'a@example.com', sendHour: 25 }, 'sendHour'],
    ['a fractional hour', { email: 'a@example.com', sendHour: 7.5 }, 'sendHour'],
    ['an unknown time zone', { email: 'a@example.com', timezone: 'Mars/Olympus' }, 'timezone'],
    ['an unknown field', { email: 'a@example.com', admin: true }, 'body'],
    ['a name with a line break', { email: 'a@example.com', name: 'Sam\r\nBcc: x' }, 'name'],
  ])('%s → 400 naming the field', async (_, body, field) => {
    const { error } = await expectApiError(
      await subscribeJson(JSON.stringify(body)),
      400,
      'validation_failed',
    );
    expect(Object.keys(error.details ?? {})).toContain(field);
    await expectNothingStored();
    expect(await h.mailTo('a@example.com')).toEqual([]);
  });

  it('a 2 MB body → 413', async () => {
    const huge = JSON.stringify({ email: 'a@example.com', name: 'x'.repeat(2 * 1024 * 1024) });
    const api = await h.postRaw('/api/subscriptions', 'application/json', huge);
    expect(api.status).toBe(413);
    expect(JSON.parse(api.body).error.code).toBe('payload_too_large');
    const form = await h.postRaw(
      '/subscribe',
      'application/x-www-form-urlencoded',
      `email=a%40example.com&name=${'x'.repeat(2 * 1024 * 1024)}`,
    );
    expect(form.status).toBe(413);
    expect(form.body).toContain('too much at once');
    await expectNothingStored();
  });

  it('the sign-up form shows what to fix, keeps what was typed, and escapes it', async () => {
    const response = await h.postForm('/subscribe', {
      email: '"><script>alert(1)</script>',
      sendHour: '25',
      perspective: 'hurt',
      timezone: 'Europe/London',
    });
    expect(response.status).toBe(400);
    const page = await response.text();
    expect(page).toContain('Enter a valid email address');
    expect(page).toContain('The hour must be a whole number from 0 to 23.');
    expect(page).not.toContain('<script>alert(1)');
    expect(page).toContain('&quot;&gt;&lt;script&gt;');
    await expectNothingStored();
  });

  it('a malformed multipart form → 400, not a crash', async () => {
    const response = await fetch(`${h.url}/subscribe`, {
      method: 'POST',
      headers: { origin: h.url, 'content-type': 'multipart/form-data; boundary=x' },
      body: Buffer.from([0xff, 0xfe, 0xc3, 0xd0, 0x86, 0x05]),
    });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('The form could not be read.');
    await expectNothingStored();
  });

  it('a form posted from another site → 403', async () => {
    const response = await fetch(`${h.url}/subscribe`, {
      method: 'POST',
      headers: {
        origin: 'https://evil.example',
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: 'email=victim%40example.com',
    });
    expect(response.status).toBe(403);
    await expectNothingStored();
  });
});

describe('bad links', () => {
  it.each(['confirm', 'reflect', 'journal', 'manage', 'unsubscribe'])(
    'a tampered /%s token → 404 page, for GET and POST',
    async (route) => {
      const valid = signToken(
        { purpose: 'journal', subscriberId: 'any-subscriber', version: 0 },
        h.ctx.secret,
      );
      const tampered = `${valid.slice(0, 10)}x${valid.slice(11)}`;
      const get = await fetch(`${h.url}/${route}/${tampered}`);
      expect(get.status).toBe(404);
      expect(get.headers.get('content-type')).toContain('text/html');
      expect(await get.text()).toContain('This link doesn’t work');
      expect((await h.postForm(`/${route}/${tampered}`, { answer: 'x' })).status).toBe(404);
      await expectNothingStored();
    },
  );

  it('a token made for another purpose → 404', async () => {
    const journalToken = signToken(
      { purpose: 'journal', subscriberId: 'someone', version: 0 },
      h.ctx.secret,
    );
    for (const route of ['confirm', 'reflect', 'manage', 'unsubscribe']) {
      expect((await fetch(`${h.url}/${route}/${journalToken}`)).status, route).toBe(404);
      expect((await h.postForm(`/${route}/${journalToken}`)).status, route).toBe(404);
    }
    await expectNothingStored();
  });

  it('an expired confirmation link → 410, saying how to get a fresh one', async () => {
    const expired = signToken(
      {
        purpose: 'confirm',
        subscriberId: 'someone',
        nonce: 'n',
        expiresAt: new Date(h.clock.now().getTime() - 1000),
      },
      h.ctx.secret,
    );
    const response = await fetch(`${h.url}/confirm/${expired}`);
    expect(response.status).toBe(410);
    expect(await response.text()).toContain('Sign up again');
    expect((await h.postForm(`/confirm/${expired}`)).status).toBe(410);
    await expectNothingStored();
  });

  it('an unknown address → 404, in JSON under /api and as a page elsewhere', async () => {
    await expectApiError(await fetch(`${h.url}/api/nothing`), 404, 'not_found');
    const page = await fetch(`${h.url}/nothing-here`);
    expect(page.status).toBe(404);
    expect(page.headers.get('content-type')).toContain('text/html');
  });
});

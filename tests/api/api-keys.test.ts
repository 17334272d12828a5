import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from '../support/harness';
import { type PracticeClient, signInPractice } from '../support/practice';

let h: Harness;
let ana: PracticeClient;
let olu: PracticeClient;

beforeAll(async () => {
  h = await startHarness();
  ana = await signInPractice(h, 'ana@clinic.example');
  olu = await signInPractice(h, 'olu@another.example');
});
afterAll(async () => {
  await h.stop();
});

function api(path: string, init: RequestInit & { cookie?: string; key?: string } = {}) {
  const headers = new Headers(init.headers);
  if (init.cookie) headers.set('cookie', init.cookie);
  if (init.key) headers.set('authorization', `Bearer ${init.key}`);
  if (init.body !== undefined && !headers.has('content-type')) {
    headers.set('content-type', 'application/json');
  }
  return fetch(new URL(path, h.url), { ...init, headers });
}

async function createKey(cookie: string) {
  const response = await api('/api/keys', { method: 'POST', cookie, body: '{}' });
  expect(response.status).toBe(201);
  return (await response.json()) as { id: string; key: string; prefix: string };
}

describe('API keys', () => {
  it('shows a new key once, lists it by prefix only, and stores only its hash', async () => {
    const created = await createKey(ana.cookie);
    expect(created.key).toMatch(/^mend_[A-Za-z0-9_-]{22}_[0-9a-f]{16}_[A-Za-z0-9_-]{43}$/);
    expect(created.key.startsWith(created.prefix)).toBe(true);

    const listed = await api('/api/keys', { cookie: ana.cookie });
    expect(listed.status).toBe(200);
    const text = await listed.text();
    expect(text).not.toContain(created.key);
    expect(text).not.toContain(created.key.slice(created.prefix.length));
    const { keys } = JSON.parse(text) as { keys: Record<string, unknown>[] };
    expect(keys).toHaveLength(1);
    expect(keys[0]).toEqual({
      id: created.id,
      prefix: created.prefix,
      createdAt: expect.any(String),
    });

    const items = JSON.stringify(await h.tableItems());
    expect(items).not.toContain(created.key);
    expect(items).not.toContain(created.key.slice(created.prefix.length + 1));
    const item = (await h.tableItems()).find((i) => i.SK === `KEY#${created.id}`);
    expect(item?.PK).toMatch(/^PRAC#/);
    expect(item?.hash).toMatch(/^[0-9a-f]{64}$/);

    // And on the page: listed, never shown again.
    const page = await (await ana.get('/practice/keys')).text();
    expect(page).toContain(created.prefix);
    expect(page).not.toContain(created.key);
  });

  it('needs a session to manage keys: no cookie, or a key instead of a cookie, is 401 JSON', async () => {
    const bare = await api('/api/keys', { method: 'POST', body: '{}' });
    expect(bare.status).toBe(401);
    expect(((await bare.json()) as { error: { code: string } }).error.code).toBe('unauthorized');
    const { key } = await createKey(ana.cookie);
    expect((await api('/api/keys', { key })).status).toBe(401);
    expect(
      (
        await api('/api/keys', {
          method: 'POST',
          cookie: ana.cookie,
          body: 'x=1',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
        })
      ).status,
    ).toBe(415);
  });

  it('revokes a key, which stops working at once; another practice’s key id is 404', async () => {
    const { id, key } = await createKey(ana.cookie);
    expect((await api('/api/clients', { key })).status).toBe(200);

    const foreign = await api(`/api/keys/${id}`, { method: 'DELETE', cookie: olu.cookie });
    expect(foreign.status).toBe(404);
    expect((await api('/api/clients', { key })).status).toBe(200);

    const revoked = await api(`/api/keys/${id}`, { method: 'DELETE', cookie: ana.cookie });
    expect(revoked.status).toBe(200);
    const refused = await api('/api/clients', { key });
    expect(refused.status).toBe(401);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('unauthorized');

    const { keys } = (await (await api('/api/keys', { cookie: ana.cookie })).json()) as {
      keys: { id: string; revokedAt?: string }[];
    };
    expect(keys.find((k) => k.id === id)?.revokedAt).toEqual(expect.any(String));
    expect((await api('/api/keys/nonsense', { method: 'DELETE', cookie: ana.cookie })).status).toBe(
      404,
    );
  });

  it('refuses missing, malformed and forged keys with 401 JSON', async () => {
    const { key } = await createKey(ana.cookie);
    const forged = `${key.slice(0, -4)}AAAA`;
    for (const headers of [
      {},
      { authorization: 'Bearer' },
      { authorization: 'Bearer nope' },
      { authorization: `Basic ${key}` },
      { authorization: `Bearer ${forged}` },
    ] as Record<string, string>[]) {
      const response = await api('/api/clients', { headers });
      expect(response.status).toBe(401);
      expect(response.headers.get('content-type')).toContain('application/json');
    }
  });

  it('creates and revokes keys from the keys page', async () => {
    const created = await ana.post('/practice/keys');
    expect(created.status).toBe(201);
    const page = await created.text();
    const key = /value="(mend_[^"]+)"/.exec(page)?.[1] as string;
    expect(key).toBeDefined();
    expect((await api('/api/clients', { key })).status).toBe(200);
    const id = /_([0-9a-f]{16})_/.exec(key)?.[1] as string;
    const revoked = await ana.post(`/practice/keys/${id}/revoke`);
    expect(revoked.status).toBe(200);
    expect(await revoked.text()).toContain('Key revoked');
    expect((await api('/api/clients', { key })).status).toBe(401);
    expect((await olu.post(`/practice/keys/${id}/revoke`)).status).toBe(404);
    expect(await (await ana.get('/practice')).text()).toContain('href="/practice/keys"');
  });
});

describe('named, expiring keys', () => {
  it('takes an optional name of up to 60 characters, and lists name, prefix, created and last use', async () => {
    const named = await api('/api/keys', {
      method: 'POST',
      cookie: olu.cookie,
      body: JSON.stringify({ name: '  CRM sync  ' }),
    });
    expect(named.status).toBe(201);
    const created = (await named.json()) as { id: string; key: string; name: string };
    expect(created.name).toBe('CRM sync');

    for (const name of ['x'.repeat(61), 'Line\nbreak', 'Right\u202Eleft', 42]) {
      const refused = await api('/api/keys', {
        method: 'POST',
        cookie: olu.cookie,
        body: JSON.stringify({ name }),
      });
      expect(refused.status, String(name)).toBe(400);
      expect(
        ((await refused.json()) as { error: { details: object } }).error.details,
      ).toHaveProperty('name');
    }
    expect((await api('/api/keys', { method: 'POST', cookie: olu.cookie, body: '' })).status).toBe(
      201,
    );

    const listed = async () =>
      (
        (await (await api('/api/keys', { cookie: olu.cookie })).json()) as {
          keys: Record<string, string>[];
        }
      ).keys.find((k) => k.id === created.id);
    expect(await listed()).toEqual({
      id: created.id,
      prefix: expect.stringMatching(/^mend_/),
      name: 'CRM sync',
      createdAt: expect.any(String),
    });
    const since = (from: number) => (used: string | undefined) =>
      Date.parse(used ?? '') >= from && Date.parse(used ?? '') <= h.clock.now().getTime();
    let from = h.clock.now().getTime();
    expect((await api('/api/clients', { key: created.key })).status).toBe(200);
    const used = await listed();
    expect(used?.lastUsedAt).toSatisfy(since(from));

    // Last use is written about once an hour, not on every call.
    h.clock.advance(0.5);
    expect((await api('/api/clients', { key: created.key })).status).toBe(200);
    expect((await listed())?.lastUsedAt).toBe(used?.lastUsedAt);
    h.clock.advance(0.6);
    from = h.clock.now().getTime();
    expect((await api('/api/clients', { key: created.key })).status).toBe(200);
    expect((await listed())?.lastUsedAt).toSatisfy(since(from));

    const page = await (await olu.get('/practice/keys')).text();
    expect(page).toContain('CRM sync');
    expect(page).toContain(h.clock.now().toISOString().slice(0, 10));
  });

  it('stops working at its expiry, and says so', async () => {
    const response = await api('/api/keys', {
      method: 'POST',
      cookie: olu.cookie,
      body: JSON.stringify({ name: 'Short-lived', expiresInDays: 1 }),
    });
    const created = (await response.json()) as {
      key: string;
      createdAt: string;
      expiresAt: string;
    };
    expect(Date.parse(created.expiresAt) - Date.parse(created.createdAt)).toBe(86_400_000);
    for (const expiresInDays of [0, 366, 1.5, 'soon']) {
      const bad = await api('/api/keys', {
        method: 'POST',
        cookie: olu.cookie,
        body: JSON.stringify({ expiresInDays }),
      });
      expect(bad.status, String(expiresInDays)).toBe(400);
    }
    expect((await api('/api/clients', { key: created.key })).status).toBe(200);
    h.clock.advance(23.9);
    expect((await api('/api/clients', { key: created.key })).status).toBe(200);
    h.clock.advance(0.2);
    const refused = await api('/api/clients', { key: created.key });
    expect(refused.status).toBe(401);
    expect(((await refused.json()) as { error: { message: string } }).error.message).toContain(
      'expired',
    );
    // A day on, the session has ended too: sign in again to see the list.
    olu = await signInPractice(h, 'olu@another.example');
    expect(await (await olu.get('/practice/keys')).text()).toMatch(/Short-lived[\s\S]*Expired/);
  });

  it('can be named and given an expiry on the keys page', async () => {
    const pat = await signInPractice(h, 'pat@third.example');
    const created = await pat.post('/practice/keys', { name: 'Reports', expiresInDays: '30' });
    expect(created.status).toBe(201);
    const page = await created.text();
    expect(page).toContain('Reports');
    expect(page).toContain('Active until');
    const tooLong = await pat.post('/practice/keys', { name: 'y'.repeat(61) });
    expect(tooLong.status).toBe(400);
    expect(await tooLong.text()).toContain('Keep the name to 60 characters.');
  });
});

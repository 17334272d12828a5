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
